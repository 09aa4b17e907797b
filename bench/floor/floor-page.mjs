// The floor of the benchmark: the same self-hosted Pyodide, nothing else, computing 1+1.
// Marks <html data-calcul="pret"> like /cal/ does, so both are timed the same way.
const root = document.documentElement;
const indexURL = root.dataset.pyodide;

if (root.dataset.mainThread) {
  const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
  const py = await loadPyodide({ indexURL });
  root.dataset.resultat = String(py.runPython("1+1"));
  root.dataset.calcul = "pret";
} else {
  const worker = new Worker("floor-worker.mjs", { type: "module" });
  worker.onmessage = ({ data }) => {
    root.dataset.resultat = String(data.result);
    root.dataset.chargement = String(data.loadMs);
    root.dataset.calcul = "pret";
  };
  worker.postMessage(indexURL);
}
