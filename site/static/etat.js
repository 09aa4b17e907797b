// The page's state: the one writer of <html>'s data-calcul, data-hors-ligne,
// data-prechauffage and data-persistance and of its
// state classes (attente, lien, formulaire-ouvert, perime, echec, graphiques-attente), which
// CSS and the tests read.
// The other scripts change it through the transitions below and subscribe to its phases.
// Classic script in <head>: on /cal/, boot.js sets the first phase before the first paint,
// before any module can run.
(function () {
  "use strict";
  var root = document.documentElement;
  var listeners = [];
  var state = {
    calculator: root.hasAttribute("data-cal"),    // this page is /cal/ or a preset of it
    computing: false,        // a question is on its way to the engine
    waiting: false,          // a link's own figures have not arrived: the prerendered ones are hidden
    fromLink: false,         // the page was opened from a link with its own inputs (its figure first on a phone)
    formOpen: false,         // the visitor opened the form a link's page keeps folded on a phone
    stale: false,            // an answer is late: the figures on screen may not match the inputs
    failed: false,           // the engine cannot answer: the fallback is shown
    answered: false,         // the engine's figures are on screen (not only the prerendered ones)
    chartsWaiting: false,    // the charts on screen are not those of the figures
    offline: false,          // the calculator works offline on this device
    persistence: null,       // keeping the offline copy: "accordee", "refusee", "non-demandee" (nothing to ask)
    warming: null,           // a comparison page's prefetch of /cal/'s start-up: "economie" (not done), "demande", "copie"
    engineUsed: false,       // the page has really used the engine: worth a status and an offline copy
    calculatorLoaded: false, // cal.mjs runs (boot.js falls back when it never does)
  };

  // The phase a visitor would name: what the figures on screen are.
  function phase() {
    if (state.failed) return "echec";
    if (state.waiting) return "attente";
    if (state.computing) return state.stale ? "perime" : "calcul";
    return state.answered ? "pret" : "prerendu";
  }

  function render() {
    if (state.calculator) {
      var calcul = state.failed && !state.computing ? "indisponible" : state.computing ? "en-cours" : "pret";
      if (root.getAttribute("data-calcul") !== calcul) root.setAttribute("data-calcul", calcul);
    }
    mark("attente", state.waiting);
    mark("lien", state.fromLink);
    mark("formulaire-ouvert", state.formOpen);
    var modify = document.getElementById("modifier");
    if (modify && modify.getAttribute("aria-expanded") !== String(state.formOpen)) {
      modify.setAttribute("aria-expanded", String(state.formOpen));
    }
    mark("perime", state.stale);
    mark("echec", state.failed);
    mark("graphiques-attente", state.chartsWaiting);
    if (state.offline && !root.hasAttribute("data-hors-ligne")) root.setAttribute("data-hors-ligne", "pret");
    if (state.warming && root.getAttribute("data-prechauffage") !== state.warming) root.setAttribute("data-prechauffage", state.warming);
    if (state.persistence && root.getAttribute("data-persistance") !== state.persistence) root.setAttribute("data-persistance", state.persistence);
  }

  // Touched only when it changes: a class list set again unchanged is still a DOM mutation.
  function mark(name, on) {
    if (root.classList.contains(name) !== on) root.classList.toggle(name, on);
  }

  var RECOMPUTING = "Recalcul en cours…";
  var UNAVAILABLE = "Calcul en direct indisponible pour le moment : les montants affichés peuvent ne pas "
    + "correspondre à votre saisie.";

  // The fallback's cause, and the status line above the figures (#repli-cause, #etat-calcul).
  function explain(cause, status) {
    var causeElement = document.getElementById("repli-cause");
    var statusElement = document.getElementById("etat-calcul");
    if (causeElement) causeElement.textContent = cause;
    if (statusElement) statusElement.textContent = status;
  }

  function change(values) {
    var before = phase();
    for (var key in values) state[key] = values[key];
    render();
    var now = phase();
    listeners.forEach(function (listener) { listener(now, before); });
  }

  window.prismeEtat = {
    get phase() { return phase(); },
    get calculator() { return state.calculator; },
    get failed() { return state.failed; },
    get calculatorLoaded() { return state.calculatorLoaded; },
    // listener(phase, previous phase), at every change of the state.
    subscribe: function (listener) { listeners.push(listener); },
    // A link carries its own inputs: its figures are asked, the prerendered ones hidden.
    awaitLink: function () { change({ waiting: true, computing: true, fromLink: true }); },
    // « Modifier »: the form of a link's page, folded on a phone, open (or folded again); the
    // button's aria-expanded follows.
    openForm: function (open) { change({ formOpen: open }); },
    get formOpen() { return state.formOpen; },
    ask: function () { change({ computing: true }); },
    markStale: function () { change({ stale: true }); },
    // The engine's figures are painted (after a failure too: the fallback goes).
    show: function () {
      if (state.failed) explain("", RECOMPUTING);
      change({ computing: false, waiting: false, stale: false, failed: false, answered: true });
    },
    // The fallback: the rate cards and the phone number in place of live figures, and why
    // (a French sentence from the engine client) when it is known.
    fail: function (reason) {
      if (reason) explain(reason + " ", UNAVAILABLE);
      // A link's folded form opens, and stays open if the engine comes back: the visitor may
      // be typing in it by then.
      change({ computing: false, waiting: false, failed: true, formOpen: state.formOpen || state.fromLink });
    },
    chartsWaiting: function (waiting) { change({ chartsWaiting: waiting }); },
    offlineReady: function () { change({ offline: true }); },
    // The comparison page's prefetch of the calculator: left out to spare the data, asked, done.
    warm: function (phase) { change({ warming: phase }); },
    // The browser's answer about keeping the offline copy (html[data-persistance]): kept,
    // refused, or null when there was nothing to ask this time.
    persistenceAsked: function (kept) { change({ persistence: kept === null ? "non-demandee" : kept ? "accordee" : "refusee" }); },
    // On /cal/ once the first edits are over, on a level page once it showed a live status.
    markEngineUsed: function () { if (!state.engineUsed) change({ engineUsed: true }); },
    // callback() once, when the page has used the engine (at once if it has).
    whenEngineUsed: function (callback) {
      if (state.engineUsed) return callback();
      var done = false;
      listeners.push(function () {
        if (done || !state.engineUsed) return;
        done = true;
        callback();
      });
    },
    calculatorRuns: function () { state.calculatorLoaded = true; },
    // The engine's answer to the page's first question, asked by boot.js from <head>.
    firstEstimate: null,
  };
  root.classList.add("js");
  // Only /cal/integre/ is made for other sites' frames. GitHub Pages sends no
  // frame-ancestors header, so elsewhere a frame is refused here: the page is hidden in it
  // (html.encadree), and nothing on it can be clicked without being seen.
  if (window.top !== window.self && !root.hasAttribute("data-integre")) root.classList.add("encadree");
})();
