// The page's state and its one reducer: what the figures on screen are (the phase), what is
// on its way to the engine, what the visitor opened, what the offline copy did, and which
// delayed events are pending. Pure: no DOM, no clock, no engine. The store (store.mjs) runs
// it; views subscribe to the store and render from the state; the engine client, the offline
// copy and the embed frame report to it as events.

// The phases of the figures, a closed set:
export const PHASES = Object.freeze([
  "prerendered",    // the figures the page was built with, for its own inputs
  "awaiting-link",  // a link's own figures are on their way: the prerendered ones are hidden
  "computing",      // a question is on its way; the figures on screen are the last answered
  "stale",          // that answer is late: the figures on screen may not match the inputs
  "ready",          // the engine's figures for the inputs are on screen
  "recovering",     // the engine failed: is it a deploy (reload) or an outage (fallback)?
  "failed",         // the engine cannot answer: the rate cards and the phone number instead
  "retrying",       // a question is on its way after a failure; the fallback stays meanwhile
  "reloading",      // a deploy replaced this page's files: it reloads itself once
]);

const ASKING = new Set(["awaiting-link", "computing", "stale", "retrying", "recovering"]);

// Every delay of the pages, named once with the reason for its value. The engine client's
// own time-outs come from build.py (ENGINE_DELAYS_MS, in the page's engine configuration, so
// that tests can shorten them); the worker names its progress throttle.
export const DELAYS_MS = Object.freeze({
  // The QR code is drawn once typing pauses: one drawing is one worker task an edit would
  // wait behind (11 ms in Pyodide).
  qr: 400,
  // The charts after a pause in typing: the next keystroke rarely waits behind a drawing.
  charts: 120,
  // A link's first charts, a little after its figures and the first edits that follow them.
  firstCharts: 400,
  // An answer later than this gets the figures marked as stale.
  stale: 200,
  // A screen reader announces the total once the visitor pauses, not at every keystroke.
  announce: 800,
  // The address bar follows the figures once typing pauses: each history.replaceState is a
  // navigation the browser process commits (8-13 ms of its time, measured on the first edits,
  // when the browser compiles Pyodide's hot code on the same cores), and a held arrow key
  // would otherwise make dozens a second, which Chromium throttles.
  address: 300,
  // The first edits come within a second or so of the first estimate: what prices do not
  // need (support status, QR code, print date) waits until they have been answered.
  firstEdits: 1500,
  // A page never idle still gets what waits for an idle moment.
  idleAtMost: 2000,
  // Copying the engine for offline use (14 MB) competes for the cores: it starts a while
  // after the page has used the engine, once the first edits are over.
  offlineCopy: 3000,
  // A comparison page fetches the calculator's start-up files for /cal/ once it has been
  // read for a moment: never in the way of its own loading and first scroll.
  warmEngine: 1000,
  // After the engine failed, the question to the server whether a deploy replaced the page:
  // on a stalled line the fallback must not wait longer for its answer.
  deployCheck: 5000,
  // The live support status is refreshed every minute.
  statusRefresh: 60000,
});

// The state a page starts in, from what the page says of itself (page-store.mjs reads it):
// `calculator` (/cal/ or a preset of it), `fromLink` (opened from a link with its own
// inputs), `link` (the figures' own link), `query` (the inputs the page was prerendered with),
// `supportStatus` (it shows the live support status), `warm` (a comparison page that may
// fetch the calculator's start-up files for later).
export function initialState({ calculator = false, fromLink = false, link = null, query = null, supportStatus = false,
  warm = false, proposalPage = false } = {}) {
  return {
    calculator, supportStatus, warm,
    calculatorRuns: false,  // the calculator's module runs (else its figures never come)
    phase: fromLink ? "awaiting-link" : "prerendered",
    recoveringFrom: null,   // the phase a failure interrupted: its marks stay while a deploy is checked
    fromLink,
    formOpen: false,
    question: 0,            // the latest question for the figures (0: the page's first, from <head>)
    failure: null,          // why the engine cannot answer (a French sentence), when known
    estimate: null,         // the engine's display model on screen (null: the prerendered one)
    fillFields: false,      // whether the fields are to show the values the estimate used
    link,                   // the figures' own link, the one people share
    address: null,          // the link the address bar is to show (null: as loaded)
    query,                  // the inputs of the figures on screen
    download: null,         // { loaded, total }: bytes of the engine's start-up
    charts: { query, drawn: null, outdated: false },
    qr: { link: null, image: null, asking: null, again: false },
    announcement: "",
    printDate: "",
    settled: false,         // the first edits after the first estimate are over
    engineUsed: false,      // worth a support status and an offline copy
    statusLevels: null,     // the live support status, level by level
    offline: "none",        // the offline copy: "none", "registered", "copying", "ready"
    persistence: null,      // keeping it: "granted", "refused", "not-asked"
    warming: null,          // a comparison page's prefetch: "skipped", "asked", "copied"
    embedder: null,         // in another site's frame: the origin of the page that greeted it
    // The proposal (/cal/proposition/): shown instead of the estimate, on the same page, so that
    // opening one from /cal/ needs no second start of the engine.
    view: proposalPage ? "proposal" : "estimate",
    proposal: { asked: null, model: null, failure: null },   // asked: the query of the one to show
    timers: {},             // name -> { event, after, idle, id }: the pending delayed events
    timerCount: 0,
  };
}

// Delayed events: a timer is part of the state; the store starts and clears the real ones.
// `after`: its delay's name; `idle`: then at the next idle moment; `restart`: a timer of
// that name pending is replaced (else kept).
function schedule(state, name, event, { after = name, idle = false, restart = true } = {}) {
  if (!restart && state.timers[name]) return state;
  const id = state.timerCount + 1;
  return { ...state, timerCount: id, timers: { ...state.timers, [name]: { event, after, idle, id } } };
}

function cancel(state, ...names) {
  if (!names.some((name) => name in state.timers)) return state;
  const timers = { ...state.timers };
  for (const name of names) delete timers[name];
  return { ...state, timers };
}

// The QR code of the figures' link, one drawing at a time (on a slow line the first one
// waits seconds for its files); a change meanwhile asks again once it is answered.
function wantQr(state) {
  state = cancel(state, "qr");
  if (!state.settled) return state;          // settling asks for the first one
  if (state.qr.asking) return { ...state, qr: { ...state.qr, again: true } };
  if (state.link === state.qr.link) return state;
  return schedule(state, "qr", { type: "qr-due" });
}

function qrAnswered(state, { link, image }) {
  const drawn = image && link === state.link ? { link, image } : {};
  const again = state.qr.again || link !== state.link;
  state = { ...state, qr: { ...state.qr, ...drawn, asking: null, again: false } };
  return again ? wantQr(state) : state;
}

function answered(state, { estimate, link, fillFields }) {
  const first = state.estimate === null;
  const query = estimate.requete;
  state = cancel({ ...state, phase: "ready", failure: null, estimate, fillFields, link, query }, "stale");
  // The address bar at once for the first figures, after a pause in typing for the others.
  state = first ? cancel({ ...state, address: link }, "address") : schedule(state, "address", { type: "address-due" });
  state = schedule(state, "announce", { type: "announce-due" });
  // The charts on screen are those of the inputs the page was prerendered with until the
  // engine draws those of the figures: outdated ones are hidden rather than shown wrong.
  const outdated = first ? query !== state.charts.query : state.charts.outdated;
  if (query === state.charts.query) state = { ...state, charts: { ...state.charts, outdated: false } };
  else {
    state = schedule({ ...state, charts: { ...state.charts, outdated } }, "charts", { type: "charts-due" },
      { after: first ? "firstCharts" : "charts" });
  }
  if (first) state = schedule(state, "firstEdits", { type: "settled" }, { idle: true });
  return wantQr(state);
}

// The rate cards and the phone number in place of live figures. A link's folded form opens,
// and stays open if the engine comes back: the visitor may be typing in it by then.
function fallBack(state) {
  return cancel({ ...state, phase: "failed", formOpen: state.formOpen || state.fromLink }, "stale");
}

// The engine has been used: a support status and an offline copy are now worth their cost.
function engineUsed(state) {
  if (state.engineUsed) return state;
  state = schedule({ ...state, engineUsed: true }, "offlineCopy", { type: "offline-copy-due" }, { idle: true });
  return state.calculator && state.supportStatus ? schedule(state, "statusRefresh", { type: "status-due" }, { after: null }) : state;
}

// The reducer. An event the state cannot take leaves it as it was (the same object). A
// delayed event (event.timer: its name) is no longer pending once it comes.
export function reduce(state, event) {
  if (event.timer) state = cancel(state, event.timer);
  switch (event.type) {
    // The page has loaded: what the other pages start then.
    case "loaded": {
      // Without the calculator's module (a file that did not load), never leave the figures
      // hidden with nothing to show them: the fallback, as on a failure.
      if (state.calculator) return state.calculatorRuns ? state : fallBack(state);
      if (state.offline === "none") state = { ...state, offline: "registered" };
      if (state.supportStatus) state = schedule(state, "statusRefresh", { type: "status-due" }, { after: null });
      return state.warm ? schedule(state, "warmEngine", { type: "warm-due" }, { idle: true }) : state;
    }
    // The visitor changed an input: the figures' question is on its way.
    case "asked": {
      if (state.phase === "reloading") return state;
      const phase = { failed: "retrying", prerendered: "computing", ready: "computing" }[state.phase] || state.phase;
      // Counted from the first unanswered change: fast typing must not postpone the mark.
      state = schedule({ ...state, phase, question: state.question + 1 }, "stale", { type: "answer-late" }, { restart: false });
      // Typing goes on: the drawings wait for the next pause, and so does a pending address.
      state = cancel(state, "charts", "qr");
      return state.timers.address ? schedule(state, "address", { type: "address-due" }) : state;
    }
    case "answer-late":
      return state.phase === "computing" ? { ...state, phase: "stale" } : state;
    // Only the answer to the latest question may be painted.
    // (After the fallback too: the latest question, asked during the deploy check, answered.)
    case "answered":
      if (event.question !== state.question) return state;
      return ASKING.has(state.phase) || ["prerendered", "failed"].includes(state.phase) ? answered(state, event) : state;
    // The figures' question failed: a deploy since the page loaded may have removed its files
    // (the offline module checks), else the fallback shows.
    case "engine-failed":
      if (event.question !== state.question || state.phase === "recovering") return state;
      if (!ASKING.has(state.phase) && state.phase !== "prerendered") return state;
      return cancel({ ...state, phase: "recovering", recoveringFrom: state.phase, failure: event.reason || null,
        address: state.link }, "stale", "address");
    case "deploy-checked":
      if (state.phase !== "recovering") return state;
      if (event.reloading) return { ...state, phase: "reloading" };
      return fallBack(state);
    case "calculator-started":
      return { ...state, calculatorRuns: true };
    case "form-toggled":
      return { ...state, formOpen: !state.formOpen };
    case "download-progressed":
      return { ...state, download: { loaded: Math.min(event.loaded, event.total), total: event.total } };
    case "address-due":
      return { ...state, address: state.link };
    // A link followed, or the page left: its history entry keeps the latest figures' link.
    case "page-left":
      return cancel({ ...state, address: state.link }, "address");
    case "announce-due":
      return state.estimate ? { ...state, announcement: state.estimate.annonce } : state;
    case "charts-due":
      return state;
    case "charts-drawn":
      if (event.query !== state.query) return state;
      return { ...state, charts: { query: event.query, drawn: event.charts, outdated: false } };
    case "charts-failed":
      return event.query === state.query ? { ...state, charts: { ...state.charts, outdated: true } } : state;
    case "settled":
      return wantQr(engineUsed({ ...state, settled: true }));
    case "qr-due":
      return { ...state, qr: { ...state.qr, asking: state.link } };
    case "qr-drawn":
    case "qr-failed":
      return state.qr.asking === null ? state : qrAnswered(state, event);
    case "print-dated":
      return { ...state, printDate: event.text };
    // The live support status: now, then every minute.
    case "status-due":
      return schedule(state, "statusRefresh", { type: "status-due" });
    case "status-shown":
      return engineUsed({ ...state, statusLevels: event.levels });
    case "offline-copy-due":
      return state.offline === "ready" ? state : { ...state, offline: "copying" };
    case "offline-ready":
      return { ...state, offline: "ready" };
    case "persistence-decided":
      return { ...state, persistence: event.kept === null ? "not-asked" : event.kept ? "granted" : "refused" };
    case "warm-due":
      return state;
    case "warm-asked":
      return { ...state, warming: event.allowed ? "asked" : "skipped" };
    case "warm-copied":
      return { ...state, warming: "copied" };
    // The embedding page (its snippet) greeted the frame: its first greeting's origin is answered.
    case "proposal-opened":
      return { ...state, view: "proposal", proposal: { asked: event.query, model: null, failure: null } };
    case "proposal-answered":
      // Its figures without the QR code never replace those with it.
      if (state.view !== "proposal" || event.query !== state.proposal.asked
        || (state.proposal.model?.qr && !event.model.qr)) return state;
      return { ...state, proposal: { ...state.proposal, model: event.model, failure: null } };
    case "proposal-failed":
      if (event.query !== state.proposal.asked) return state;
      return { ...state, proposal: { ...state.proposal, failure: event.reason || "" } };
    case "proposal-closed":
      return state.view === "estimate" ? state : { ...state, view: "estimate" };
    case "embedder-greeted":
      return state.embedder === null ? { ...state, embedder: event.origin } : state;
    default:
      throw new Error(`Unknown page event: ${event.type}`);
  }
}

// The state's DOM markers, which CSS and the tests read: <html>'s data-* and classes.
const PERSISTENCE = { granted: "accordee", refused: "refusee", "not-asked": "non-demandee" };
const WARMING = { skipped: "economie", asked: "demande", copied: "copie" };

// While the deploy is checked, the figures keep the marks of the phase the failure interrupted.
function shownPhase(state) {
  return state.phase === "recovering" ? state.recoveringFrom : state.phase;
}

// A link's own figures have not come: the prerendered ones are hidden, the form waits.
export function linkPending(state) {
  return shownPhase(state) === "awaiting-link";
}

export function markers(state) {
  const shown = shownPhase(state);
  return {
    attributes: {
      calcul: !state.calculator ? null : state.phase === "failed" ? "indisponible"
        : ASKING.has(state.phase) || state.phase === "reloading" ? "en-cours" : "pret",
      phase: state.phase,
      horsLigne: state.offline === "ready" ? "pret" : null,
      persistance: PERSISTENCE[state.persistence] || null,
      prechauffage: WARMING[state.warming] || null,
      proposition: state.view !== "proposal" ? (state.proposal.asked === null ? null : "fermee")
        // "chiffres": its figures, its QR code still to come (a cold proposal address).
        : state.proposal.model ? (state.proposal.model.qr ? "prete" : "chiffres")
          : state.proposal.failure !== null ? "indisponible" : "attente",
    },
    classes: {
      attente: shown === "awaiting-link",
      lien: state.fromLink,
      "formulaire-ouvert": state.formOpen,
      perime: shown === "stale",
      echec: shown === "failed" || shown === "retrying",
      "graphiques-attente": state.charts.outdated,
      "vue-proposition": state.view === "proposal",
    },
  };
}
