// Runs the Nu Html Checker (vnu.jar from the vnu-jar package, on the machine's Java) over
// every .html file of a built site and fails on any error.
//
// usage: node tests/browser/vnu.mjs --site DIR [--timeout SECONDS]
// Prints each error as `file:line:column: message`, then `vnu: N passed, M failed` (files).
// Exit 0 when no file has an error, 1 when one has, 2 when the checker cannot run.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

function usage(message) {
  if (message) console.error(`vnu: ${message}`);
  console.error('usage: node vnu.mjs --site DIR [--timeout SECONDS]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { site: null, timeout: 600 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const next = argv[i + 1];
    if (arg === '--site' && next !== undefined) {
      opts.site = path.resolve(next);
      i += 1;
    } else if (arg === '--timeout' && next !== undefined) {
      opts.timeout = Number.parseInt(next, 10);
      i += 1;
    } else usage(`bad argument ${arg}`);
  }
  if (!opts.site) usage('--site is required');
  if (!fs.existsSync(opts.site) || !fs.statSync(opts.site).isDirectory()) usage(`no such folder: ${opts.site}`);
  if (!Number.isFinite(opts.timeout) || opts.timeout <= 0) usage('bad --timeout');
  return opts;
}

/** Every .html file under dir, sorted. */
function htmlFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && /\.html?$/i.test(entry.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Runs java with args; resolves to { code, stdout, stderr }. */
function run(args, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`java timed out after ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const jar = String(require('vnu-jar'));
  if (!fs.existsSync(jar)) throw new Error(`no vnu.jar at ${jar} (run bash tests/install-test-deps.sh)`);
  const files = htmlFiles(opts.site);
  if (files.length === 0) throw new Error(`no .html file in ${opts.site}`);
  const started = Date.now();
  const failedFiles = new Set();
  let errors = 0;
  // Chunks keep the command line short on big sites; one JVM per chunk.
  const CHUNK = 2000;
  for (let i = 0; i < files.length; i += CHUNK) {
    const chunk = files.slice(i, i + CHUNK);
    const res = await run(['-Xss1m', '-jar', jar, '--errors-only', '--format', 'json', ...chunk], opts.timeout * 1000);
    let report;
    try {
      report = JSON.parse(res.stderr.trim() || res.stdout.trim() || '{"messages":[]}');
    } catch {
      throw new Error(`cannot read the checker's output (exit ${res.code}): ${(res.stderr || res.stdout).slice(0, 500)}`);
    }
    for (const m of report.messages ?? []) {
      if (m.type !== 'error' && m.type !== 'non-document-error') continue;
      let file = m.url ?? '?';
      try {
        file = path.relative(opts.site, fileURLToPath(m.url));
      } catch {
        /* keep the URL */
      }
      failedFiles.add(file);
      errors += 1;
      const line = m.firstLine ?? m.lastLine ?? '?';
      const col = m.firstColumn ?? m.lastColumn ?? '?';
      const extract = m.extract ? ` [${m.extract.replace(/\s+/g, ' ').trim().slice(0, 120)}]` : '';
      console.log(`vnu: ${file}:${line}:${col}: ${m.type === 'error' ? '' : `${m.type}: `}${m.message}${extract}`);
    }
    if (res.code !== 0 && (report.messages ?? []).length === 0) {
      throw new Error(`the checker exited ${res.code} without a message: ${res.stderr.slice(0, 500)}`);
    }
  }
  console.log(`vnu: checked ${files.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s, ${errors} errors`);
  console.log(`vnu: ${files.length - failedFiles.size} passed, ${failedFiles.size} failed`);
  process.exitCode = failedFiles.size ? 1 : 0;
}

main().catch((err) => {
  console.error(`vnu: error: ${err && err.message ? err.message : err}`);
  process.exit(2);
});
