// /cal/, in <head> before the page is parsed: asks the engine for this page's estimate at
// once, which starts Python as early as possible, and hides the prerendered figures when
// the link carries other inputs. cal.mjs paints the answer.
// Classic script on purpose: it must run before first paint.
(function () {
  "use strict";
  var root = document.documentElement;
  var page = window.prismeEtat;      // etat.js, just before
  var names = (root.getAttribute("data-parametres") || "").split(" ");
  var query = new URLSearchParams(location.search);
  var ownInputs = false;     // a tracking tag (?fbclid=…) leaves the prerendered figures right
  query.forEach(function (value, name) { if (names.indexOf(name) !== -1) ownInputs = true; });
  // The prerendered figures are the defaults', not this link's: hidden, with the progress
  // of the download in their place, until the engine answers.
  if (ownInputs) page.awaitLink();
  // Never leave the figures hidden with nothing to show them: without cal.mjs (a browser too
  // old for modules, a file that did not load), the page falls back as it would on failure.
  function withoutCalculator() {
    if (!page.calculatorLoaded) page.fail();
  }
  try {
    // A link's own inputs, else the inputs this page was prerendered with (a preset page).
    var first = window.prismeMoteur.ask("estimate", { query: location.search.length > 1 ? location.search : root.dataset.requete });
    page.firstEstimate = first;      // cal.mjs paints it
    first.then(function () { setTimeout(withoutCalculator, 0); }, function () { setTimeout(withoutCalculator, 0); });
  } catch (error) {
    addEventListener("DOMContentLoaded", withoutCalculator);
  }
})();
