// Starting the engine's Python: the one boot sequence of the browser's worker, the build's
// precompile tour (precompile/run.mjs) and the tests under Node.js (tests/*.mjs), so that
// what the build and the tests run is what visitors run. The callers bring the bytes:
// fetch in the browser, the file system under Node.js.

// Pyodide with the site's standard library (`stdlib`, the start-up zip, if given) and the
// browser's environment; `options` adds what the caller needs (lockFileURL, a hash seed).
export function startPyodide(loadPyodide, { indexURL, stdlib, env, ...options }) {
  return loadPyodide({ indexURL, env, ...(stdlib ? { stdLibURL: stdlib } : {}), ...options });
}

// The rest of the standard library, after the first estimate (precompile/later_stdlib.py):
// imports wait for it rather than fail. Returns its finder; `mount(bytes)` when downloaded.
export function installLaterStdlib(py, url) {
  return py.pyimport("later_stdlib").install(url);
}

// Archives (the engine's, the wheels'), unpacked where the bytecode names its sources (`lib`).
export function unpackArchives(py, archives, lib) {
  for (const archive of archives) py.unpackArchive(archive, "zip", { extractDir: lib });
}

// The engine (and any wheels with it), then `lib` first on Python's path.
export function unpackEngine(py, archives, lib) {
  unpackArchives(py, archives, lib);
  py.pyimport("sys").path.insert(0, lib);
}

// The worker's entry points (calculator/browser.py), with the build's rules and holidays.
export function loadEngine(py, rulesJson, holidaysJson, mark = () => {}) {
  const api = py.pyimport("calculator.browser");
  mark("moteur_importe");
  api.load_rules(rulesJson);
  api.load_holidays(holidaysJson);
  return api;
}
