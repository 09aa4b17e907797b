// Registers the service worker: on /cal/ a while after the page has used the engine (so
// that copying files never competes with the first estimate nor the edits right after it),
// elsewhere after load. A page that has used the engine then asks the worker to keep a
// copy of it, and says so when the calculator works offline; a comparison page asks for the
// calculator's start-up files.
import { afterThenIdle } from "./planning.mjs";

const root = document.documentElement;
const engine = window.prismeMoteur;     // moteur.js, on the pages that run the engine
const page = window.prismeEtat;

function register() {
  return navigator.serviceWorker.register(`${root.dataset.base}sw.js`, { scope: root.dataset.base }).catch(() => {});
}

function askForEngineCopy() {
  navigator.serviceWorker.ready.then((registration) => registration.active.postMessage({ type: "copier-moteur" }));
}

// The comparison pages (data-prechauffer) fetch /cal/'s start-up files, so that a prospect who
// goes on to the calculator finds it warm; only where the browser says the connection is
// fast (4g) and the visitor has not asked to save data. A browser that says nothing
// (Firefox, Safari: no Network Information API) may be on a paid mobile plan: no prefetch.
function connectionAllowsPrefetch() {
  const connection = navigator.connection;
  return Boolean(connection) && !connection.saveData && connection.effectiveType === "4g";
}

function warmCalculator() {
  if (!connectionAllowsPrefetch()) return page.warm("economie");
  page.warm("demande");
  navigator.serviceWorker.ready.then((registration) => registration.active.postMessage({ type: "copier-demarrage" }));
}

// Once the copy is complete, the browser is asked to keep it under storage pressure
// (navigator.storage.persist()): when the copy has just been made (once per build), and
// again in the installed app while it is not kept (Chromium grants it to an installed or
// often used site, and does not remember a refusal). Chromium and Safari decide silently;
// Firefox asks the visitor, so there it waits for the visitor's choice, a button under the
// notice. Never from another site's frame, where it is always refused.
const PROMPTS_FOR_PERSISTENCE = /\bFirefox\//.test(navigator.userAgent);
const INSTALLED = matchMedia("(display-mode: standalone)").matches;

function offerToKeep(notice) {
  const keep = document.createElement("button");
  keep.type = "button";
  keep.className = "bouton";
  keep.textContent = "Garder le calculateur sur cet appareil";
  keep.addEventListener("click", async () => {
    const kept = await navigator.storage.persist();
    page.persistenceAsked(kept);
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
  if (!wanted) return page.persistenceAsked(null);
  if (await navigator.storage.persisted()) return page.persistenceAsked(true);
  if (!PROMPTS_FOR_PERSISTENCE) return page.persistenceAsked(await navigator.storage.persist());
  if (notice) offerToKeep(notice);
}

function showOfflineReady(copied) {
  page.offlineReady();
  const notice = document.getElementById("hors-ligne");
  if (notice && !notice.textContent) notice.textContent = "Le calculateur fonctionne désormais aussi sans connexion sur cet appareil.";
  keepOfflineCopy(notice, copied > 0);
}

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.addEventListener("message", ({ data }) => {
    if (data && data.type === "moteur-hors-ligne") showOfflineReady(data.copied);
    if (data && data.type === "demarrage-copie") page.warm("copie");
  });
  // On /cal/ the worker is registered with the engine's copy, so that it copies nothing
  // before the first edits are over; elsewhere after load.
  if (engine) {
    page.whenEngineUsed(() => afterThenIdle("offlineCopy", () => {
      if (page.calculator) register();
      askForEngineCopy();
    }));
  }
  if (!page.calculator) {
    if (document.readyState === "complete") register();
    else addEventListener("load", register, { once: true });
  }
  if (root.hasAttribute("data-prechauffer")) afterThenIdle("warmEngine", warmCalculator);
}
