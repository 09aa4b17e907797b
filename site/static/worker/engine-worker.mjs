// The Python side of the pages: Pyodide in a module Web Worker, so the page never blocks.
// Protocol (its one client is engine-client.mjs): the page sends {id, type, payload}; every reply
// carries the same id and type, with either `result`, or `error` (a French sentence for
// visitors) and `details` (Python's traceback, for the console). Messages wait behind the
// ready gate, the init.

import { installLaterStdlib, loadEngine, startPyodide, unpackEngine } from "./runtime.mjs";

// The ready gate: a Promise of the engine ({ py, api, ... }) once Pyodide, engine and rules
// are loaded, set by the init message.
let ready = null;

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} : ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} : ${response.status}`);
  return response.text();
}

// The download's progress is reported ten times a second at most: enough for a progress
// bar, few enough messages for the page's main thread.
const PROGRESS_REPORT_MS = 100;

// Where start-up time goes (milliseconds since the worker started), read by bench/.
const timings = {};
const mark = (name) => { timings[name] = Math.round(performance.now()); };

// How much of the calculator has arrived, for the page's progress bar: the bytes of every
// download until Python is ready, as they stream in (fetch), or once a script is in
// (Pyodide's own modules are imported, not fetched). The WebAssembly goes to the compiler
// untouched, since Chromium keeps its compiled code only for a response from the HTTP
// cache, which a counted copy is not: its bytes are counted on a clone. `total` comes from
// the build.
function countDownloads(total) {
  let loaded = 0;
  let sent = 0;
  const report = (force) => {
    const now = performance.now();
    if (!force && now - sent < PROGRESS_REPORT_MS) return;
    sent = now;
    self.postMessage({ id: null, type: "progress", result: { loaded: Math.min(loaded, total), total } });
  };
  const add = (bytes) => { loaded += bytes; report(false); };
  const streamed = new Set();
  const plainFetch = self.fetch;
  self.fetch = async (...args) => {
    const response = await plainFetch(...args);
    if (!response.body) return response;
    streamed.add(response.url);
    if (response.url.endsWith(".wasm")) {
      const reader = response.clone().body.getReader();
      (async () => {
        for (let part = await reader.read(); !part.done; part = await reader.read()) add(part.value.byteLength);
      })().catch(() => {});
      return response;
    }
    const counted = response.body.pipeThrough(new TransformStream({
      transform(chunk, controller) { add(chunk.byteLength); controller.enqueue(chunk); },
    }));
    // Same status and headers: WebAssembly streaming compilation reads the MIME type.
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  const scripts = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!streamed.has(entry.name)) add(entry.decodedBodySize);
  });
  scripts.observe({ type: "resource", buffered: true });
  return () => {
    self.fetch = plainFetch;      // later downloads (the wheels) are not the start-up's
    scripts.disconnect();
    loaded = total;
    report(true);
  };
}

async function start({ pyodide: indexURL, lock, stdlib, stdlib_later, engine, rules, holidays, wheels, imports, env,
  lib, octets_demarrage, test_hooks }) {
  mark("debut");
  const downloaded = countDownloads(octets_demarrage);
  // The engine, the rules and the holidays download while Pyodide compiles.
  const files = Promise.all([fetchBytes(engine), fetchText(rules), fetchText(holidays)])
    .then((result) => { mark("moteur_et_regles_recus"); return result; });
  const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
  mark("pyodide_mjs_importe");
  const py = await startPyodide(loadPyodide, { indexURL, stdlib, env, lockFileURL: lock });
  // Only what start-up and prices import came with Pyodide: the rest of the standard
  // library is mounted later (precompile/later_stdlib.py), and still imports meanwhile.
  const laterStdlib = installLaterStdlib(py, stdlib_later);
  mark("pyodide_pret");
  const [engineZip, rulesJson, holidaysJson] = await files;
  downloaded();
  unpackEngine(py, [engineZip], lib);
  mark("moteur_decompresse");
  const api = loadEngine(py, rulesJson, holidaysJson, mark);
  // Request type -> what the page says when it fails (from the engine).
  const failures = Object.fromEntries(Object.entries(JSON.parse(api.entry_points())).map(([type, point]) => [type, point.failure]));
  mark("regles_chargees");
  if (test_hooks) self.pyodide = py;      // only in the tests' builds (build.py, engine_config)
  // extras: need ("qr", "jours_feries") -> Promise resolved once it can be met.
  return { py, api, wheels, imports, lib, laterStdlib, stdlibLaterUrl: stdlib_later, failures, extras: {}, laterStdlibMounted: null };
}

// What a request needs beyond prices: the rest of the standard library, its wheels, and its
// imports made ahead. A failed download is tried again at the next request, not remembered
// for the session.
function loadExtras(engine, need) {
  const { extras } = engine;
  extras[need] ??= Promise.all([mountLaterStdlib(engine), unpackWheels(engine, engine.wheels[need])])
    .then(() => importOneByOne(engine, engine.imports[need] || []))
    .catch((error) => {
      delete extras[need];
      throw error;
    });
  return extras[need];
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

function mountLaterStdlib(engine) {
  const { laterStdlib, stdlibLaterUrl } = engine;
  if (laterStdlib.ready) return Promise.resolve();      // an import fetched it already
  engine.laterStdlibMounted ??= fetchBytes(stdlibLaterUrl).then((zip) => laterStdlib.mount(zip)).catch((error) => {
    engine.laterStdlibMounted = null;
    throw error;
  });
  return engine.laterStdlibMounted;
}

// The modules a request imports, one step per task, in the order their imports completed in
// the build's tour (so each one's own imports are done before it; a package comes with its
// submodules): a recompute asked meanwhile waits for one step at most. The list is a hint:
// a module that fails here is left to the request itself, which fails only if it needs it.
async function importOneByOne({ api }, names) {
  for (const name of names) {
    await nextTask();
    try {
      api.import_module(name);
    } catch (error) {
      console.warn(`Import préalable de ${name} impossible`, error);
    }
  }
}

async function unpackWheels({ py, lib }, wheels) {
  const archives = await Promise.all(wheels.map(fetchBytes));
  for (const archive of archives) {
    // One wheel per task, so that an estimate asked meanwhile does not wait for all of them.
    await nextTask();
    py.unpackArchive(archive, "zip", { extractDir: lib });
  }
}

// The requests are the engine's (calculator/browser.py, ENTRY_POINTS): the payload goes to
// Python as JSON, after what the request needs downloaded, if anything.
async function answer(engine, type, payload) {
  const text = JSON.stringify(payload ?? {});
  const need = engine.api.needs(type, text);
  if (need) await loadExtras(engine, need);
  return JSON.parse(engine.api.call(type, text));
}

const FAILED_START = "Le moteur de calcul n'a pas pu démarrer.";
const details = (error) => String(error && error.message ? error.message : error);

// Pyodide can fail outside of any awaited promise (e.g. a blocked .wasm download makes
// Emscripten abort): report it at once rather than leave the page waiting.
function reportFatal(reason) {
  self.postMessage({ id: null, type: "fatal", error: FAILED_START, details: details(reason) });
}
self.addEventListener("unhandledrejection", (event) => reportFatal(event.reason));
self.addEventListener("error", (event) => reportFatal(event.message));

self.onmessage = async ({ data: { id, type, payload } }) => {
  try {
    if (type === "init") {
      ready = start(payload);
      await ready;
      self.postMessage({ id, type, result: { timings } });
      return;
    }
    const engine = await ready;
    self.postMessage({ id, type, result: await answer(engine, type, payload) });
  } catch (error) {
    // A request behind a failed start reports the start's failure.
    const engine = type === "init" || !ready ? null : await ready.catch(() => null);
    const message = type === "init" || (ready && !engine) ? FAILED_START : engine?.failures[type] || "Le calcul a échoué.";
    self.postMessage({ id, type, error: message, details: details(error) });
  }
};
