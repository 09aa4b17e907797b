// The page side of offline, on every page: registers the service worker, asks it for a copy
// of the engine once the page has used it, for /cal/'s start-up files from a comparison page,
// asks the browser to keep that copy, recovers after a deploy, and removes the copy (the
// privacy page's button). When each happens is the
// store's (state.mjs); what happened goes back to it as events. The worker's side is
// service-worker.js; the build writes the files it keeps (precache.json).

import { store } from "../page/page-store.mjs";
import { DELAYS_MS } from "../page/state.mjs";

const root = document.documentElement;
const pagePath = location.pathname;     // before the calculator replaces the address
const dispatch = (event) => store.dispatch(event);

// Under this page's build: a deploy's pages register a new worker, with that build's lists.
function register() {
  const url = `${root.dataset.base}sw.js?construction=${root.dataset.construction}`;
  return navigator.serviceWorker.register(url, { scope: root.dataset.base }).catch(() => {});
}

// To this build's worker: one being installed (the first visit after a deploy, while the
// previous build's worker, which knows other messages, is still the active one) is awaited.
async function tellWorker(type) {
  const registration = await navigator.serviceWorker.ready;
  const coming = registration.installing || registration.waiting;
  if (coming) {
    await new Promise((resolve) => coming.addEventListener("statechange", () => {
      if (coming.state === "activated") resolve();
    }));
  }
  registration.active.postMessage({ type });
}

// A comparison page fetches /cal/'s start-up files, so that a prospect who goes on to the
// calculator finds it warm; only where the browser says the connection is fast (4g) and the
// visitor has not asked to save data. A browser that says nothing (Firefox, Safari: no
// Network Information API) may be on a paid mobile plan: no prefetch.
function warmCalculator() {
  const connection = navigator.connection;
  const allowed = Boolean(connection) && !connection.saveData && connection.effectiveType === "4g";
  dispatch({ type: "warm-asked", allowed });
  if (allowed) tellWorker("copy-startup");
}

// Once the copy is complete, the browser is asked to keep it under storage pressure
// (navigator.storage.persist()): when the copy has just been made (once per build), and
// again in the installed app while it is not kept (Chromium grants it to an installed or
// often used site, and does not remember a refusal). Chromium and Safari decide silently;
// Firefox asks the visitor, so there it waits for the visitor's choice, a button under the
// notice. Never from another site's frame, where it is always refused.
const PROMPTS_FOR_PERSISTENCE = /\bFirefox\//.test(navigator.userAgent);
const INSTALLED = matchMedia("(display-mode: standalone)").matches;
const decided = (kept) => dispatch({ type: "persistence-decided", kept });

function offerToKeep(notice) {
  const keep = document.createElement("button");
  keep.type = "button";
  keep.className = "bouton";
  keep.textContent = "Garder le calculateur sur cet appareil";
  keep.addEventListener("click", async () => {
    const kept = await navigator.storage.persist();
    decided(kept);
    notice.tabIndex = -1;
    notice.append(kept ? " Le navigateur le gardera même si l'appareil manque de place."
      : " Le navigateur ne s'y engage pas : il pourra l'effacer s'il manque de place.");
    notice.focus();          // the button goes: the keyboard's focus stays on its answer
    keep.remove();
  }, { once: true });
  notice.append(" ", keep);
}

async function keepOfflineCopy(notice, justCopied) {
  const wanted = (justCopied || INSTALLED) && !root.hasAttribute("data-integre")
    && navigator.storage && navigator.storage.persist;
  if (!wanted) return decided(null);
  if (await navigator.storage.persisted()) return decided(true);
  if (!PROMPTS_FOR_PERSISTENCE) return decided(await navigator.storage.persist());
  if (notice) offerToKeep(notice);
}

function offlineReady(copied) {
  dispatch({ type: "offline-ready" });
  const notice = document.getElementById("hors-ligne");
  if (notice && !notice.textContent) notice.textContent = "Le calculateur fonctionne désormais aussi sans connexion sur cet appareil.";
  keepOfflineCopy(notice, copied > 0);
}

// After the engine failed: whether a deploy since this page loaded replaced it (the site now
// serves another build). Not for long: on a stalled line the fallback must not wait for this
// answer (DELAYS_MS.deployCheck); offline, there is no deploy to catch up with. Then the page
// reloads once (the inline bootstrap's reloadOnce, which its load errors use too), or falls back.

async function replacedByDeploy() {
  try {
    const response = await fetch(pagePath, { cache: "no-cache", signal: AbortSignal.timeout(DELAYS_MS.deployCheck) });
    const build = /data-construction="([^"]*)"/.exec(await response.text());
    return Boolean(build) && build[1] !== root.dataset.construction;
  } catch {
    return false;
  }
}

async function recover() {
  const reloading = (await replacedByDeploy()) && window.prismeBootstrap.reloadOnce();
  dispatch({ type: "deploy-checked", reloading });
}

async function cachedBytes(cache) {
  let total = 0;
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    if (response) total += (await response.clone().arrayBuffer()).byteLength;
  }
  return total;
}

// What the privacy page's button does: this site's service worker and caches, gone from this
// device; what was removed, counted.
export async function removeOfflineCopy() {
  const scope = new URL(root.dataset.base, location.href).href;
  let workers = 0;
  if ("serviceWorker" in navigator) {
    for (const registration of await navigator.serviceWorker.getRegistrations()) {
      if (registration.scope.startsWith(scope) && (await registration.unregister())) workers += 1;
    }
  }
  let files = 0;
  let bytes = 0;
  if ("caches" in self) {
    for (const name of await caches.keys()) {
      if (!name.startsWith("prisme-")) continue;
      const cache = await caches.open(name);
      // The worker's own markers ("__precache__", "__moteur-copie__") are not files of the site.
      files += (await cache.keys()).filter((request) => !new URL(request.url).pathname.includes("__")).length;
      bytes += await cachedBytes(cache);
      await caches.delete(name);
    }
  }
  return { workers, files, bytes };
}

const hasWorker = "serviceWorker" in navigator;

store.subscribe((state, previous, event) => {
  if (!previous) return;
  if (state.phase === "recovering" && previous.phase !== "recovering") recover();
  if (!hasWorker) return;
  if (state.offline !== previous.offline && state.offline === "registered") register();
  if (state.offline !== previous.offline && state.offline === "copying") {
    register();
    tellWorker("copy-engine");
  }
  if (event.type === "warm-due") warmCalculator();
});

if (hasWorker) {
  navigator.serviceWorker.addEventListener("message", ({ data }) => {
    if (data && data.type === "engine-copied") offlineReady(data.copied);
    if (data && data.type === "startup-copied") dispatch({ type: "warm-copied" });
  });
}
