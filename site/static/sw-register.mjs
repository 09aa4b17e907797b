// Registers the service worker: on /cal/ once the first estimate is on screen (so that it
// never competes with it), elsewhere after load. A page that has used the engine then asks
// the worker to keep a copy of it, and says so when the calculator works offline.
const root = document.documentElement;
const ENGINE_USED = "prisme:moteur-utilise";

function register() {
  return navigator.serviceWorker.register(`${root.dataset.base}sw.js`, { scope: root.dataset.base });
}

function askForEngineCopy() {
  navigator.serviceWorker.ready.then((registration) => registration.active.postMessage({ type: "copier-moteur" }));
}

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.addEventListener("message", ({ data }) => {
    if (!data || data.type !== "moteur-hors-ligne") return;
    root.dataset.horsLigne = "pret";
    const notice = document.getElementById("hors-ligne");
    if (notice) notice.textContent = "Le calculateur fonctionne désormais aussi sans connexion sur cet appareil.";
  });
  document.addEventListener(ENGINE_USED, askForEngineCopy, { once: true });
  if (root.dataset.calcul) {
    document.addEventListener(ENGINE_USED, () => register().catch(() => {}), { once: true });
  } else if (document.readyState === "complete") {
    register().catch(() => {});
  } else {
    addEventListener("load", () => register().catch(() => {}), { once: true });
  }
}
