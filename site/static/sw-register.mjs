// Registers the service worker once the page has what it needs: on /cal/, after the first
// estimate is on screen (so that precaching never competes with it), elsewhere after load.
const root = document.documentElement;

function register() {
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(`${root.dataset.base}sw.js`, { scope: root.dataset.base }).catch(() => {});
  }
}

if (root.dataset.worker) document.addEventListener("prisme:estimation-affichee", register, { once: true });
else if (document.readyState === "complete") register();
else addEventListener("load", register, { once: true });
