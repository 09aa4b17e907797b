// A build step (build.py calls it): drives the real Pyodide under Node.js, the same
// runtime the browser gets, to
//   1. take the engine through every entry point the worker calls (the tour below),
//   2. write each module that tour imported as bytecode: in the standard library, in the
//      engine and in the wheels (see bytecode.py).
// Usage: node precompile/run.mjs <job.json>; the job names the input and output files.
import { readFileSync, writeFileSync, writeSync } from "node:fs";
import { pathToFileURL } from "node:url";

// Failures are written synchronously: Node may drop a pipe's pending output at exit, and the
// build reports this text (for a Python error, its traceback).
try {
  const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
  const { loadPyodide } = await import(pathToFileURL(`${job.pyodide}/pyodide.mjs`).href);
  // A fixed hash seed: set and frozenset constants are then written in the same order
  // from one build to the next.
  const py = await loadPyodide({ indexURL: `${job.pyodide}/`, env: { PYTHONHASHSEED: "0" } });
  const LIB = "/lib/prisme";   // where the worker unpacks the engine and the wheels
  const WORK = "/precompile";
  const [engine, ...wheels] = job.archives;
  py.FS.mkdirTree(WORK);
  job.archives.forEach((archive, index) => { archive.inside = `${WORK}/${index}.zip`; });
  for (const { source, inside } of job.archives) py.FS.writeFile(inside, readFileSync(source));
  const unpack = ({ inside }) => py.unpackArchive(py.FS.readFile(inside), "zip", { extractDir: LIB });

  // The tour, as the worker does it: rules, estimates, then (after the wheels) the support
  // status and the QR code.
  unpack(engine);
  py.pyimport("sys").path.insert(0, LIB);
  const api = py.pyimport("calculator.browser");
  api.load_rules(readFileSync(job.rules, "utf8"));
  for (const query of job.tour.queries) api.estimate(query);
  wheels.forEach(unpack);
  for (const instant of job.tour.instants) api.coverage(instant, false);
  api.qr_code(job.tour.link);

  py.FS.writeFile(`${WORK}/bytecode.py`, readFileSync(new URL("bytecode.py", import.meta.url)));
  py.pyimport("sys").path.insert(0, WORK);
  const pairs = job.archives.map(({ inside }) => [inside, `${inside}.pyc.zip`]);
  const counts = py.pyimport("bytecode").precompile(`${WORK}/stdlib.zip`, pairs, LIB);
  writeFileSync(job.stdlib_target, py.FS.readFile(`${WORK}/stdlib.zip`));
  job.archives.forEach(({ target, inside }) => writeFileSync(target, py.FS.readFile(`${inside}.pyc.zip`)));
  process.stdout.write(JSON.stringify(counts) + "\n");
} catch (error) {
  writeSync(2, `${error && error.message ? error.message : error}\n`);
  process.exitCode = 1;
}
