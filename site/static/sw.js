// Service worker: /cal/ and /prestations/ keep working offline after one visit (sales people
// visit practices in the Hauts with no coverage), and no visitor keeps old prices.
// - pages: network first, the cached copy only when the network fails;
// - content-hashed assets and the versioned Pyodide: the HTTP cache, then the offline copy.
// The pages and small assets are copied at install; the 15 MB of the engine (Pyodide and the
// wheels) only when a page that uses it asks, so that reading /prestations/ costs no more.
// build.py replaces the PRECACHE line with this build's lists; new lists make a new worker.

const PRECACHE = { version: "dev", pages: [], assets: [], engine: [] };
const CACHE = `prisme-${PRECACHE.version}`;
const ASSETS = new Set([...PRECACHE.assets, ...PRECACHE.engine]);

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll([...PRECACHE.pages, ...PRECACHE.assets]);
    await self.skipWaiting();
  })());
});

async function cacheEngine(client) {
  const cache = await caches.open(CACHE);
  const missing = [];
  for (const path of PRECACHE.engine) if (!(await cache.match(path))) missing.push(path);
  await cache.addAll(missing);
  client.postMessage({ type: "moteur-hors-ligne" });
}

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "copier-moteur") event.waitUntil(cacheEngine(event.source));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    // The page request starts while this worker boots, instead of after.
    if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
    for (const name of await caches.keys()) {
      if (name.startsWith("prisme-") && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

async function networkFirst(event) {
  const path = new URL(event.request.url).pathname;
  try {
    const response = (await event.preloadResponse) || (await fetch(event.request));
    // The offline copy is refreshed after the page is on its way, not before.
    if (response.ok) event.waitUntil(caches.open(CACHE).then((cache) => cache.put(path, response.clone())));
    return response;
  } catch (error) {
    const cached = await caches.match(path, { cacheName: CACHE });
    if (cached) return cached;
    throw error;
  }
}

// Online, assets come through the browser's HTTP cache (immutable, and Chromium keeps the
// compiled WebAssembly there, which Cache Storage does not give back); the service worker's
// copy is the offline fallback.
async function httpCacheThenCopy(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== location.origin) return;
  if (request.mode === "navigate") event.respondWith(networkFirst(event));
  else if (ASSETS.has(new URL(request.url).pathname)) event.respondWith(httpCacheThenCopy(request));
});
