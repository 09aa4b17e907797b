// Runs tests/stdlib_probe.py in Pyodide under Node.js with a given standard library and
// environment, and prints the modules that failed to import, as JSON.
// Usage: node stdlib_probe.mjs <pyodide dir> <env JSON> [<stdlib.zip> <later stdlib.zip>]
// With the two zips of the build, the later one is mounted as the worker does it.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

import { installLaterStdlib, startPyodide } from "../site/static/worker/runtime.mjs";

const [pyodideDir, env, stdlib, laterStdlib] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const py = await startPyodide(loadPyodide, { indexURL: `${pyodideDir}/`, env: JSON.parse(env), stdlib });
if (laterStdlib) installLaterStdlib(py, laterStdlib).mount(new Uint8Array(readFileSync(laterStdlib)));
py.FS.writeFile("/tmp/stdlib_probe.py", readFileSync(new URL("stdlib_probe.py", import.meta.url)));
py.pyimport("sys").path.push("/tmp");
process.stdout.write(py.pyimport("stdlib_probe").failed_imports());
