// Runs in <head>, before the page is parsed: starts the Python worker as early as possible
// and marks the prerendered figures as stale when the link carries other inputs.
// Classic script on purpose: it must run before first paint; cal.mjs takes over from here.
(function () {
  "use strict";
  var root = document.documentElement;
  var boot = (window.prismeBoot = { worker: null, early: [], failure: null });
  root.classList.add("js");
  if (location.search.length > 1) {
    // The prerendered figures are the defaults', not this link's, until the engine answers.
    root.setAttribute("data-calcul", "en-cours");
    root.classList.add("perime");
  }
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    boot.failure = "Votre navigateur ne permet pas le calcul en direct (WebAssembly indisponible).";
    return;
  }
  try {
    boot.worker = new Worker(root.dataset.worker, { type: "module" });
  } catch (error) {
    boot.failure = "Le moteur de calcul n'a pas pu démarrer dans ce navigateur.";
    return;
  }
  // Replies that arrive before cal.mjs is ready are kept and replayed by it.
  boot.worker.onmessage = function (event) { boot.early.push(event.data); };
  boot.worker.onerror = function () { boot.failure = "Le moteur de calcul n'a pas pu être chargé."; };
  boot.worker.postMessage({
    id: 0, type: "init",
    payload: JSON.parse(root.dataset.moteur),
  });
  // A link's own inputs, else the inputs this page was prerendered with (a preset page).
  var query = location.search.length > 1 ? location.search : root.dataset.requete;
  boot.worker.postMessage({ id: 1, type: "estimate", payload: { query: query } });
})();
