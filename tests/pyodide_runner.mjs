// Runs the engine in the real Pyodide under Node.js, loaded the way the browser worker
// loads it (the start-up standard library with the later one mounted, engine archive,
// rules and holidays JSON, holidays and segno archives), and prints its parity report.
// Usage: node pyodide_runner.mjs <pyodide dir> <env JSON> <lib dir> <stdlib.zip> <later stdlib.zip> <engine.zip>
//          <rules.json> <holidays.json> <cases.json> <archive>...
// The report itself is tests/parity_report.py, next to this file.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [pyodideDir, env, LIB, stdlib, laterStdlib, engine, rules, holidays, cases, ...wheels] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const py = await loadPyodide({ indexURL: `${pyodideDir}/`, stdLibURL: stdlib, env: JSON.parse(env) });
py.pyimport("later_stdlib").install(laterStdlib).mount(new Uint8Array(readFileSync(laterStdlib)));
for (const archive of [engine, ...wheels]) {
  py.unpackArchive(new Uint8Array(readFileSync(archive)), "zip", { extractDir: LIB });
}
py.FS.writeFile(`${LIB}/parity_report.py`, readFileSync(new URL("parity_report.py", import.meta.url)));
py.pyimport("sys").path.insert(0, LIB);
const api = py.pyimport("calculator.browser");
api.load_rules(readFileSync(rules, "utf8"));
api.load_holidays(readFileSync(holidays, "utf8"));
process.stdout.write(py.pyimport("parity_report").parity_report(readFileSync(cases, "utf8")));
