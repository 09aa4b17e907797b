// Inlined at the top of every page's <head> by build.py (its sha256 is in the pages'
// Content-Security-Policy): what must be done before the first paint, or even when none of
// the page's other files can load. Its one global, because /cal/'s one-line inline script
// right after the form calls it before the first paint: window.prismeBootstrap (the engine
// client takes the engine started here from it too).
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  // Only /cal/integre/ is made for other sites' frames. GitHub Pages sends no
  // frame-ancestors header, so elsewhere a frame is refused here: the page is hidden in it
  // (html.encadree), and nothing on it can be clicked without being seen.
  if (window.top !== window.self && !root.hasAttribute("data-integre")) root.classList.add("encadree");

  // After a deploy, a page kept by a cache names hashed files that the deploy removed: when
  // one of ours fails to load, the page reloads once, which fetches it anew. Once per build
  // at most, so that a broken server cannot make it loop (offline.mjs does the same when the
  // engine fails and the site now serves another build).
  var ours = location.origin + root.getAttribute("data-base") + "assets/";
  function reloadOnce() {
    var build = root.getAttribute("data-construction");
    try {
      if (sessionStorage.getItem("prisme-recharge") === build) return false;
      sessionStorage.setItem("prisme-recharge", build);
    } catch (error) {
      return false;
    }
    location.reload();
    return true;
  }
  addEventListener("error", function (event) {
    var url = event.target && (event.target.src || event.target.href);
    if (typeof url === "string" && url.indexOf(ours) === 0) reloadOnce();
  }, true);

  // /cal/: a link carrying its own inputs hides the prerendered figures (the defaults', not
  // the link's) until the engine answers; a tracking tag (?fbclid=…) leaves them right.
  // /cal/: the engine starts now, while the page is still being parsed: its worker, and its
  // init from the engine's configuration (the JSON just above). The engine client
  // (worker/engine-client.mjs) takes it over once the page's modules run, with what the
  // worker said meanwhile.
  var engine = null;
  var config = document.getElementById("moteur");
  if (config && root.hasAttribute("data-cal") && typeof Worker === "function" && typeof WebAssembly === "object") {
    try {
      var settings = JSON.parse(config.textContent);
      var worker = new Worker(settings.worker, { type: "module" });
      engine = { worker: worker, init: "bootstrap", said: [], failure: null };
      worker.onmessage = function (event) { engine.said.push(event); };
      worker.onerror = function (event) { engine.failure = event.message || "worker"; };
      worker.postMessage({ id: engine.init, type: "init", payload: settings });
    } catch (error) {
      engine = null;
    }
  }

  if (root.hasAttribute("data-cal")) {
    var names = (root.getAttribute("data-parametres") || "").split(" ");
    var ownInputs = false;
    new URLSearchParams(location.search).forEach(function (value, name) { if (names.indexOf(name) !== -1) ownInputs = true; });
    if (ownInputs) root.classList.add("attente", "lien");
    // A proposal's address shows the proposal from the first paint, never the estimate first.
    if (root.hasAttribute("data-page-proposition")) root.classList.add("vue-proposition");
    // Never leave the figures hidden with nothing to show them: without the page's modules (a
    // browser too old for them, a file that did not load), the page falls back as it would on
    // failure. The page's store marks html[data-phase] as soon as it runs.
    addEventListener("load", function () {
      if (root.hasAttribute("data-phase")) return;
      root.classList.remove("attente");
      root.classList.add("echec");
      if (ownInputs) root.classList.add("formulaire-ouvert");
      root.setAttribute("data-calcul", "indisponible");
    });
  }

  window.prismeBootstrap = {
    reloadOnce: reloadOnce,
    // The engine started above, once (null when none was, or it was taken):
    // { worker, init: its init's request id, said: its messages so far, failure }.
    takeEngine: function () {
      var started = engine;
      engine = null;
      return started;
    },
    // A shared link's values in the /cal/ fields from the first paint, as the link wrote
    // them. Only echoed, never interpreted: the engine is the one parser of a link, and once
    // it has read this one the fields show the values it used, with its notices.
    echoLink: function () {
      var form = document.getElementById("formulaire");
      var yes = form.getAttribute("data-oui").split(" ");     // the engine's own words for "1"
      new URLSearchParams(location.search).forEach(function (value, name) {
        var field = form.elements.namedItem(name);
        if (!field || !field.tagName) return;
        // A link that sets a folded field (« Affiner l'estimation ») shows it.
        var folded = field.closest("details");
        if (folded) folded.open = true;
        if (field.type === "checkbox") field.checked = yes.indexOf(value.trim().toLowerCase()) !== -1;
        else if (field.type === "number") field.value = value.replace(",", ".");    // heures=2,5 is a link's way
        else if (field.querySelector('option[value="' + CSS.escape(value) + '"]')) field.value = value;
      });
    },
  };
})();
