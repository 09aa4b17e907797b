// Live support status on a level page: is support reachable now, in which mode, until when.
// The same engine as /cal/ (with the holidays data) answers in the worker; the instant comes
// from this page's clock and is read in Réunion time by the engine.
const root = document.documentElement;
const level = Number(root.dataset.niveau);
const element = document.getElementById(`support-status-${level}`);
const REFRESH_MS = 60000;

let painted = false;

function paint(levels) {
  if (!painted) {
    painted = true;
    document.dispatchEvent(new Event("prisme:moteur-utilise"));    // worth an offline copy
  }
  const status = levels.find((item) => item.niveau === level);
  element.textContent = status.texte;
  element.dataset.ouvert = String(status.ouvert);
  element.dataset.mode = status.mode;
}

function start() {
  const worker = new Worker(root.dataset.worker, { type: "module" });
  let nextId = 1;
  const ask = () => worker.postMessage({ id: nextId++, type: "coverage", payload: { instant: new Date().toISOString(), onCall: false } });
  worker.onmessage = ({ data }) => {
    if (data.type === "coverage" && data.result) paint(data.result);
    // On failure the weekly hours written in the page stay: they are always true.
  };
  worker.postMessage({
    id: 0, type: "init",
    payload: JSON.parse(root.dataset.moteur),
  });
  ask();
  setInterval(ask, REFRESH_MS);
}

// The status is a bonus to a page that is complete without it: start once the page has loaded.
if (typeof WebAssembly === "object") {
  if (document.readyState === "complete") start();
  else addEventListener("load", start, { once: true });
}
