// A small static HTTP server for the browser gates: serves one folder on 127.0.0.1,
// with correct content types, 404.html (status 404) for missing paths, and nothing
// outside the folder. Never sets cookies. Optionally gzips text (as a real host would,
// for the audits) and listens on a given port (to come back on the same origin).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.gz': 'application/gzip',
  '.pdf': 'application/pdf',
};

/** Content type for a file name, by its extension. */
export function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Resolves a URL path to a file inside root, or null when it is missing or outside. */
export function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const target = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (target !== root && !target.startsWith(root + path.sep)) return null;
  let real;
  try {
    real = fs.realpathSync(target);
  } catch {
    return null;
  }
  if (real !== root && !real.startsWith(root + path.sep)) return null;
  return real;
}

function send(res, status, file, method, extraHeaders = {}) {
  let body;
  try {
    body = fs.readFileSync(file);
  } catch {
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('cannot read file\n');
    return;
  }
  const type = contentType(file);
  if (res.gzip && /^(text\/|application\/(json|xml|manifest)|image\/svg)/.test(type)) {
    body = zlib.gzipSync(body);
    extraHeaders = { ...extraHeaders, 'content-encoding': 'gzip', vary: 'accept-encoding' };
  }
  res.writeHead(status, {
    'content-type': type,
    'content-length': body.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extraHeaders,
  });
  res.end(method === 'HEAD' ? undefined : body);
}

function notFound(root, res, method) {
  const page = path.join(root, '404.html');
  if (fs.existsSync(page)) {
    send(res, 404, page, method);
  } else {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(method === 'HEAD' ? undefined : 'not found\n');
  }
}

function handle(root, req, res) {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('method not allowed\n');
    return;
  }
  let pathname;
  try {
    pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  } catch {
    notFound(root, res, method);
    return;
  }
  const file = resolveInside(root, pathname);
  if (file === null) {
    notFound(root, res, method);
    return;
  }
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    notFound(root, res, method);
    return;
  }
  if (stat.isDirectory()) {
    if (!pathname.endsWith('/')) {
      const query = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?')) : '';
      // Collapse leading slashes: "//host/" would send the browser to another host.
      res.writeHead(301, { location: pathname.replace(/^\/+/, '/') + '/' + query });
      res.end();
      return;
    }
    const index = path.join(file, 'index.html');
    if (fs.existsSync(index)) {
      send(res, 200, index, method);
    } else {
      notFound(root, res, method);
    }
    return;
  }
  send(res, 200, file, method);
}

/**
 * Starts serving root on 127.0.0.1 at `port` (default: a free one); resolves to { server, origin }.
 * With `gzip`, text is sent gzip-compressed to clients that accept it.
 */
export function serve(rootDir, { port = 0, gzip = false } = {}) {
  const root = fs.realpathSync(path.resolve(rootDir));
  const server = http.createServer((req, res) => {
    res.gzip = gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    handle(root, req, res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('server has no TCP address'));
        return;
      }
      resolve({ server, origin: `http://127.0.0.1:${address.port}` });
    });
  });
}
