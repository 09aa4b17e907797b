// The page's one scheduler: every piece of work that waits (for a pause in typing, for the
// first edits to be over, for an idle moment) is a named task here, and every delay of the
// pages is named once below with the reason for its value. Scheduling a task again replaces
// its pending run; a keystroke cancels the drawings by name.
// Two delays live elsewhere, because they must: the engine client's time-outs (build.py,
// ENGINE_DELAYS_MS, handed over in data-moteur so that tests can shorten them), and the 5 s
// that recharge.js gives its question to the server (inlined, it runs before any module).

export const DELAYS_MS = {
  // The QR code is drawn once typing pauses: one drawing is one worker task an edit would
  // wait behind (11 ms in Pyodide).
  qr: 400,
  // The charts after a pause in typing: the next keystroke rarely waits behind a drawing.
  charts: 120,
  // A link's first charts, a little after its figures and the first edits that follow them.
  firstCharts: 400,
  // An answer later than this gets the figures marked as stale (html.perime).
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
  // A page never idle still gets its status and QR code.
  idleAtMost: 2000,
  // Copying the engine for offline use (14 MB) competes for the cores: it starts a while
  // after the page has used the engine, once the first edits are over.
  offlineCopy: 3000,
  // A comparison page fetches the calculator's start-up files for /cal/ once it has been
  // read for a moment: never in the way of its own loading and first scroll.
  warmEngine: 1000,
  // The live support status is refreshed every minute.
  statusRefresh: 60000,
  // The worker reports the download's progress ten times a second at most: enough for a
  // progress bar, few enough messages for the page's main thread.
  progressReport: 100,
};

const timers = new Map();     // task name -> timer

// Run `task` after the named delay (or `delay`), replacing a pending run of the same name.
export function later(name, task, delay = DELAYS_MS[name]) {
  cancel(name);
  timers.set(name, setTimeout(() => {
    timers.delete(name);
    task();
  }, delay));
}

export function cancel(...names) {
  for (const name of names) {
    clearTimeout(timers.get(name));
    timers.delete(name);
  }
}

export function pending(name) {
  return timers.has(name);
}

// At the next idle moment, or after `idleAtMost` on a page never idle.
export function whenIdle(task) {
  const idle = window.requestIdleCallback || ((callback) => setTimeout(callback, 0));
  idle(task, { timeout: DELAYS_MS.idleAtMost });
}

// After the named delay, then at the next idle moment: the work that must not compete with
// the first edits.
export function afterThenIdle(name, task) {
  later(name, () => whenIdle(task));
}

export function every(name, task) {
  return setInterval(task, DELAYS_MS[name]);
}
