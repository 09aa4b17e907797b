// A build step (build.py calls it): drives the real Pyodide under Node.js, the same
// runtime the browser gets, to
//   1. take the engine through every entry point the worker calls (the tour below) and
//      list the modules that tour imported (imported.py),
//   2. in a fresh Pyodide, write each of them as bytecode: in the standard library, the
//      engine and the wheels (bytecode.py), and split the standard library in two: what
//      start-up and the estimates imported, and the rest (later_stdlib.py).
// Usage: node precompile/run.mjs <job.json>; the job names the input and output files.
import { readFileSync, writeFileSync, writeSync } from "node:fs";
import { pathToFileURL } from "node:url";

const WORK = "/precompile";

async function main(job) {
  const { loadPyodide } = await import(pathToFileURL(`${job.pyodide}/pyodide.mjs`).href);
  // The worker's own boot sequence (site/static/worker/runtime.mjs), named by the job.
  const { loadEngine, startPyodide, unpackArchives, unpackEngine } = await import(pathToFileURL(job.runtime).href);
  // As the browser's Python runs (job.env), with a fixed hash seed for the build.
  const start = () => startPyodide(loadPyodide, { indexURL: `${job.pyodide}/`, env: { ...job.env, PYTHONHASHSEED: "0" } });
  const inside = job.archives.map((_, index) => `${WORK}/${index}.zip`);
  const copyIn = (py, names) => {
    py.FS.mkdirTree(WORK);
    job.archives.forEach(({ source }, index) => py.FS.writeFile(inside[index], readFileSync(source)));
    for (const name of names) py.FS.writeFile(`${WORK}/${name}`, readFileSync(new URL(name, import.meta.url)));
    py.pyimport("sys").path.push(WORK);
  };

  // 1. The tour, as the worker does it: rules, estimates, dates and the support status from
  //    the build's holiday table (what start-up and the first requests import, shipped in
  //    the start-up zip); then, with the wheels, the QR code and the status beyond the table.
  const tourist = await start();
  copyIn(tourist, ["imported.py"]);
  // Where the worker unpacks them (job.lib): the bytecode names its source files there.
  const read = (path) => tourist.FS.readFile(path);
  unpackEngine(tourist, [read(inside[0])], job.lib);
  const api = loadEngine(tourist, readFileSync(job.rules, "utf8"), readFileSync(job.holidays, "utf8"));
  // Every entry point of the worker (calculator/browser.py, ENTRY_POINTS) is toured: one left
  // out would ship as source and be compiled in the visitor's browser.
  const points = JSON.parse(api.entry_points());
  const missing = Object.keys(points).filter((name) => !job.tour[name] || !job.tour[name].length);
  if (missing.length) throw new Error(`the precompile tour leaves out the entry points ${missing.join(", ")}`);
  const requests = Object.entries(job.tour).flatMap(([name, payloads]) =>
    payloads.map((payload) => ({ name, text: JSON.stringify(payload), need: api.needs(name, JSON.stringify(payload)) })));
  for (const { name, text, need } of requests) if (!need) api.call(name, text);
  const listImported = () => tourist.pyimport("imported").imported_modules().toJs();
  const startup = listImported();
  unpackArchives(tourist, inside.slice(1).map(read), job.lib);
  // What each later request imports, in order: the worker imports it one module per task
  // before the request (see worker/engine-worker.mjs), so that a price recompute never waits long.
  const names = () => tourist.pyimport("imported").module_names().toJs();
  const importsOf = (request) => {
    const before = new Set(names());
    request();
    const imported = names().filter((name) => !before.has(name));
    // A submodule comes before its package (which completes last), but importing it runs
    // the package first, and with it all the package's imports at once: leave it to its
    // package, whose own imports from elsewhere are then done already.
    const ancestors = (name) => name.split(".").slice(0, -1).map((_, end, parts) => parts.slice(0, end + 1).join("."));
    return imported.filter((name, index) => !ancestors(name).some((ancestor) => imported.slice(index + 1).includes(ancestor)));
  };
  // Only for the requests marked imports_ahead (the QR code): the holidays package (beyond
  // the build's years) would list ~300 modules in every page for a request that hardly ever comes.
  const later = requests.filter(({ need }) => need);
  const imports = {};
  for (const { name, text, need } of later.filter(({ name }) => points[name].imports_ahead)) {
    imports[need] = [...(imports[need] || []), ...importsOf(() => api.call(name, text))];
  }
  writeFileSync(job.imports_target, JSON.stringify(imports));
  for (const { name, text } of later.filter(({ name }) => !points[name].imports_ahead)) api.call(name, text);
  const imported = listImported();

  // 2. The bytecode, made by an interpreter that did nothing else.
  const compiler = await start();
  copyIn(compiler, ["bytecode.py", "later_stdlib.py"]);
  const pairs = inside.map((path) => [path, `${path}.pyc.zip`]);
  const counts = compiler.pyimport("bytecode").precompile(`${WORK}/stdlib.zip`, `${WORK}/later.zip`, pairs, job.lib,
    startup, imported).toJs({ dict_converter: Object.fromEntries });
  writeFileSync(job.stdlib_target, compiler.FS.readFile(`${WORK}/stdlib.zip`));
  writeFileSync(job.later_stdlib_target, compiler.FS.readFile(`${WORK}/later.zip`));
  job.archives.forEach(({ target }, index) => writeFileSync(target, compiler.FS.readFile(pairs[index][1])));
  return counts;
}

try {
  const counts = await main(JSON.parse(readFileSync(process.argv[2], "utf8")));
  process.stdout.write(JSON.stringify(counts) + "\n");
} catch (error) {
  // Written synchronously: Node may drop a pipe's pending output at exit, and the build
  // reports this text (for a Python error, its traceback).
  writeSync(2, `${error && error.message ? error.message : error}\n`);
  process.exitCode = 1;
}
