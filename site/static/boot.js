// /cal/, in <head> before the page is parsed: asks the engine for this page's estimate at
// once, which starts Python as early as possible, and marks the prerendered figures as
// stale when the link carries other inputs. cal.mjs paints the answer.
// Classic script on purpose: it must run before first paint.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  if (location.search.length > 1) {
    // The prerendered figures are the defaults', not this link's: hidden, with the progress
    // of the download in their place, until the engine answers.
    root.setAttribute("data-calcul", "en-cours");
    root.classList.add("attente");
  }
  // A link's own inputs, else the inputs this page was prerendered with (a preset page).
  var query = location.search.length > 1 ? location.search : root.dataset.requete;
  var first = window.prismePremiereEstimation = window.prismeMoteur.ask("estimate", { query: query });
  first.catch(function () {});    // cal.mjs reports it; not an unhandled rejection meanwhile
})();
