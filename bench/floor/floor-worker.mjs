self.onmessage = async ({ data: indexURL }) => {
  const started = performance.now();
  const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
  const py = await loadPyodide({ indexURL });
  const result = py.runPython("1+1");
  self.postMessage({ result, loadMs: Math.round(performance.now() - started) });
};
