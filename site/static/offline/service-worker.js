// Service worker: /cal/ and /prestations/ keep working offline after one visit (sales people
// visit practices in the Hauts with no coverage), and no visitor keeps old prices.
// - pages: network first, revalidated with the server (a host's max-age must never hide a
//   deploy), the cached copy only when the network fails;
// - content-hashed assets and the versioned Pyodide: the HTTP cache, then the offline copy.
// The pages and small assets are copied at install; the 14 MB of the engine (Pyodide and the
// Python archives) only when a page that uses it asks, or its start-up part when a comparison
// page on a fast connection asks (offline.mjs). A new deploy's worker carries the previous
// copy over: unchanged files are moved, the others fetched, and the previous copy is deleted
// only once the new one is complete.
// The build writes this build's lists of files into precache.json (build_steps/publishing.py);
// the pages register this worker under their build's id (sw.js?construction=…), so that each
// deploy installs a new worker, which reads the lists of its own build.

const BUILD = new URL(location.href).searchParams.get("construction") || "dev";
const CACHE = `prisme-${BUILD}`;
const SCOPE = self.registration.scope;
const MANIFEST = new URL("precache.json", SCOPE).href;
// Content-hashed assets and the versioned Pyodide: the offline copy is their fallback.
const ASSET_FOLDERS = [new URL("assets/", SCOPE).pathname, new URL("pyodide/", SCOPE).pathname];
const REVALIDATE = { cache: "no-cache" };
// The copy's own markers, URLs nothing ever fetches (the privacy page does not count them as
// files of the site): the lists this worker installed, and a mark put in a copy once it
// holds the whole engine (the next deploy's worker carries the engine over only for a
// device that had it).
const LISTS = new URL("__precache__", SCOPE).href;
const ENGINE_COPIED = new URL("__moteur-copie__", SCOPE).href;

// This build's lists, as its install stored them: { version, pages, assets, engine, startup }.
async function precache() {
  const copy = await (await caches.open(CACHE)).match(LISTS);
  return copy.json();
}

async function store(cache, url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url} : ${response.status}`);
  await cache.put(url, response);
}

async function previousCaches() {
  const names = (await caches.keys()).filter((name) => name.startsWith("prisme-") && name !== CACHE);
  return Promise.all(names.map((name) => caches.open(name)));
}

// A file whose name is in both builds has the same content (hashed names, versioned Pyodide).
async function carryOrFetch(cache, previous, url) {
  for (const old of previous) {
    const copy = await old.match(url);
    if (copy) return cache.put(url, copy);
  }
  return store(cache, url);
}

// The files of `urls` that a previous copy holds, moved into this one; the others are left.
async function carryHeld(cache, previous, urls) {
  for (const url of urls) {
    for (const old of previous) {
      const copy = await old.match(url);
      if (copy) { await cache.put(url, copy); break; }
    }
  }
}

async function heldEngine(previous) {
  for (const old of previous) if (await old.match(ENGINE_COPIED)) return true;
  return false;
}

const markEngineCopied = (cache) => cache.put(ENGINE_COPIED, new Response("1"));

// The lists of the build this worker was registered for: a deploy between the page and this
// install makes it fail, and the next page registers the new build's worker.
async function fetchPrecache(cache) {
  const response = await fetch(MANIFEST, REVALIDATE);
  if (!response.ok) throw new Error(`${MANIFEST} : ${response.status}`);
  const lists = await response.clone().json();
  if (lists.version !== BUILD) throw new Error(`${MANIFEST} : build ${lists.version}, not ${BUILD}`);
  await cache.put(LISTS, response);
  return lists;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const lists = await fetchPrecache(cache);
    const previous = await previousCaches();
    // A device that could compute offline before this deploy can still compute after it.
    const withEngine = await heldEngine(previous);
    const files = withEngine ? [...lists.assets, ...lists.engine] : lists.assets;
    await Promise.all([
      ...lists.pages.map((url) => store(cache, url, REVALIDATE)),
      ...files.map((url) => carryOrFetch(cache, previous, url)),
    ]);
    if (withEngine) await markEngineCopied(cache);
    else await carryHeld(cache, previous, lists.startup);     // a comparison page's prefetch, where unchanged
    await self.skipWaiting();
  })());
});

async function cacheEngine(client) {
  const cache = await caches.open(CACHE);
  const lists = await precache();
  const missing = [];
  for (const path of lists.engine) if (!(await cache.match(path))) missing.push(path);
  // One file after the other: 14 MB copied at once competes with a visitor's edits for the
  // cores; spread out, it takes less of them at a time (its effect on edits not measured apart).
  for (const path of missing) await store(cache, path);
  await markEngineCopied(cache);
  // copied: files fetched now; 0 when the copy was already complete (the page then asks nothing more).
  client.postMessage({ type: "engine-copied", copied: missing.length });
}

// A comparison page's prefetch: the files /cal/ needs for its first estimate, those this copy
// does not hold yet (so at most once per build; the next deploy's worker carries over those
// that did not change, at install). Fetched through the HTTP cache, which /cal/ reads first.
async function cacheStartup(client) {
  const cache = await caches.open(CACHE);
  const lists = await precache();
  for (const path of lists.startup) if (!(await cache.match(path))) await store(cache, path);
  client.postMessage({ type: "startup-copied" });
}

self.addEventListener("message", (event) => {
  if (!event.data) return;
  if (event.data.type === "copy-engine") event.waitUntil(cacheEngine(event.source));
  if (event.data.type === "copy-startup") event.waitUntil(cacheStartup(event.source));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    // Navigation preload would fetch pages through the HTTP cache, where a host's max-age
    // keeps the previous deploy's prices: pages are fetched below, revalidated, instead.
    if (self.registration.navigationPreload) await self.registration.navigationPreload.disable();
    for (const name of await caches.keys()) {
      if (name.startsWith("prisme-") && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// The offline copy keeps pages of this worker's build only: a newer deploy's page names
// files this copy does not hold (the next worker brings both together).
async function keepIfOurs(path, response) {
  const page = await response.text();
  if (!page.includes(`data-construction="${BUILD}"`)) return;
  const cache = await caches.open(CACHE);
  await cache.put(path, new Response(page, { headers: { "Content-Type": "text/html; charset=utf-8" } }));
}

async function networkFirst(event) {
  const path = new URL(event.request.url).pathname;
  try {
    const response = await fetch(new Request(event.request, REVALIDATE));
    // The offline copy is refreshed after the page is on its way, not before.
    if (response.ok) event.waitUntil(keepIfOurs(path, response.clone()));
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
  else if (ASSET_FOLDERS.some((folder) => new URL(request.url).pathname.startsWith(folder))) {
    event.respondWith(httpCacheThenCopy(request));
  }
});
