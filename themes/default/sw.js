/* minh service worker: keeps the help lines, the finder and every page a resident opened (and
   the search files a search used) for when the connection drops. Written into the site's root
   as sw.js by `minh build`, which fills in the build's version and the pages to keep from the
   start; a new build has a new version, whose worker replaces this one and deletes its cache.
   Pages come from the network first (a new build shows at once), from the cache when the
   network fails or has not answered within a few seconds, else the plain offline page. */
'use strict';
const VERSION = '__MINH_VERSION__';
const CACHE = 'minh-' + VERSION;
const PRECACHE = __MINH_PRECACHE__;
/* [[path prefix, offline page], ...]: the offline page of the language a path belongs to. */
const OFFLINE = __MINH_OFFLINE__;
const WAIT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('minh-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'version' && event.source) event.source.postMessage({ version: VERSION });
});

function offlinePage(url) {
  const path = new URL(url).pathname;
  const hit = OFFLINE.find((o) => path.startsWith(o[0])) || OFFLINE[0];
  return hit ? caches.match(hit[1]) : Promise.resolve(undefined);
}

async function respond(event) {
  const req = event.request;
  const page = req.mode === 'navigate';
  const cache = await caches.open(CACHE);
  const network = fetch(req).then((res) => {
    if (res.ok && res.type === 'basic') return cache.put(req, res.clone()).then(() => res, () => res);
    return res;
  });
  event.waitUntil(network.catch(() => undefined));
  // A search page is the same page whatever its ?q=: any copy of it will do offline.
  const cached = () => cache.match(req, { ignoreSearch: page });
  const slow = new Promise((resolve) => { setTimeout(resolve, WAIT_MS); }).then(async () => (await cached()) || network);
  try {
    return await Promise.race([network, slow]);
  } catch (err) {
    const hit = await cached();
    if (hit) return hit;
    if (page) {
      const off = await offlinePage(req.url);
      if (off) return off;
    }
    return Response.error();
  }
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  // Event streams (the live reload of `minh serve`) are never cached.
  if (url.pathname.startsWith('/__minh/') || (req.headers.get('accept') || '').includes('text/event-stream')) return;
  event.respondWith(respond(event));
});
