// Service worker: /cal/ and /prestations/ keep working offline after one visit (sales people
// visit practices in the Hauts with no coverage), and no visitor keeps old prices.
// - pages: network first, the cached copy only when the network fails;
// - content-hashed assets and the versioned Pyodide: the HTTP cache, then the offline copy.
// build.py replaces the PRECACHE line with this build's list; a new list is a new worker.

const PRECACHE = { version: "dev", pages: [], assets: [] };
const CACHE = `prisme-${PRECACHE.version}`;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll([...PRECACHE.pages, ...PRECACHE.assets]);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("prisme-") && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(new URL(request.url).pathname, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(new URL(request.url).pathname);
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
  if (request.mode === "navigate") event.respondWith(networkFirst(request));
  else if (PRECACHE.assets.includes(new URL(request.url).pathname)) event.respondWith(httpCacheThenCopy(request));
});
