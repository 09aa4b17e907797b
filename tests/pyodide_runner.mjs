// Runs the engine in the real Pyodide under Node.js, loaded the way the browser worker
// loads it (precompiled standard library, engine archive, rules JSON, holidays and segno
// archives), and prints its parity report.
// Usage: node pyodide_runner.mjs <pyodide dir> <env JSON> <lib dir> <stdlib.zip> <engine.zip> <rules.json> <cases.json> <archive>...
// The report itself is tests/parity_report.py, next to this file.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [pyodideDir, env, LIB, stdlib, engine, rules, cases, ...wheels] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const py = await loadPyodide({ indexURL: `${pyodideDir}/`, stdLibURL: stdlib, env: JSON.parse(env) });
for (const archive of [engine, ...wheels]) {
  py.unpackArchive(new Uint8Array(readFileSync(archive)), "zip", { extractDir: LIB });
}
py.FS.writeFile(`${LIB}/parity_report.py`, readFileSync(new URL("parity_report.py", import.meta.url)));
py.pyimport("sys").path.insert(0, LIB);
py.pyimport("calculator.browser").load_rules(readFileSync(rules, "utf8"));
process.stdout.write(py.pyimport("parity_report").parity_report(readFileSync(cases, "utf8")));
