// Registers the service worker: on /cal/ a while after the page has used the engine (so
// that copying files never competes with the first estimate nor the edits right after it),
// elsewhere after load. A page that has used the engine then asks the worker to keep a
// copy of it, and says so when the calculator works offline.
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

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.addEventListener("message", ({ data }) => {
    if (!data || data.type !== "moteur-hors-ligne") return;
    page.offlineReady();
    const notice = document.getElementById("hors-ligne");
    if (notice) notice.textContent = "Le calculateur fonctionne désormais aussi sans connexion sur cet appareil.";
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
}
