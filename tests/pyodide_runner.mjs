// Runs the engine in the real Pyodide under Node.js, started as the browser worker starts it
// (site/static/worker/runtime.mjs: the start-up standard library with the later one mounted, the
// engine and wheel archives, the rules and holidays JSON), and prints its parity report.
// Usage: node pyodide_runner.mjs <pyodide dir> <env JSON> <lib dir> <stdlib.zip> <later stdlib.zip> <engine.zip>
//          <rules.json> <holidays.json> <cases.json> <archive>...
// The report itself is tests/parity_report.py, next to this file.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

import { installLaterStdlib, loadEngine, startPyodide, unpackEngine } from "../site/static/worker/runtime.mjs";

const [pyodideDir, env, LIB, stdlib, laterStdlib, engine, rules, holidays, cases, ...wheels] = process.argv.slice(2);
const bytes = (path) => new Uint8Array(readFileSync(path));
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const py = await startPyodide(loadPyodide, { indexURL: `${pyodideDir}/`, stdlib, env: JSON.parse(env) });
installLaterStdlib(py, laterStdlib).mount(bytes(laterStdlib));
unpackEngine(py, [engine, ...wheels].map(bytes), LIB);
py.FS.writeFile(`${LIB}/parity_report.py`, readFileSync(new URL("parity_report.py", import.meta.url)));
loadEngine(py, readFileSync(rules, "utf8"), readFileSync(holidays, "utf8"));
process.stdout.write(py.pyimport("parity_report").parity_report(readFileSync(cases, "utf8")));
