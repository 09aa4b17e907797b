// The one client of the Python engine: Pyodide in a module Web Worker (engine-worker.mjs).
// It starts the worker with its init (the page's engine configuration, written by build.py),
// numbers the requests, matches each answer to its request, gives up on an answer after a
// delay, and starts a new worker after one died. Its callers only `ask(type, payload)`,
// which returns a Promise of the result; a failure is an Error whose message is a French
// sentence for visitors (the Python details go to the console). It keeps no page state:
// the download's progress goes to `onProgress(loaded, total)`.

function failure(message, details) {
  if (details) console.error("Moteur de calcul :", details);
  return new Error(message);
}

// A browser that cannot run it at all: said once, in French, for every request.
const UNSUPPORTED = typeof WebAssembly !== "object" || typeof Worker !== "function"
  ? "Votre navigateur ne permet pas le calcul en direct (WebAssembly indisponible)." : null;

// `started`: an engine already started (by the page's bootstrap, while the page was parsed),
// taken over for the first start: { worker, init: its init's request id, said: the worker's
// messages so far, failure: an error before this client listened }.
export function createEngineClient(config, { onProgress = () => {}, onStarted = () => {}, started: early = null } = {}) {
  const delays = config.delais_ms;
  const requests = new Map();       // request id -> { resolve, reject, restart, timer }
  let worker = null;
  let handedOver = early;
  let ready = false;                // the current worker answered its init
  let nextId = 0;
  let answers = 0;                  // answers received from the current worker

  function abandon(message, details) {
    const error = failure(message, details);
    if (worker) worker.terminate();
    worker = null;        // the next request starts a new one
    ready = false;
    answers = 0;
    for (const request of requests.values()) {
      clearTimeout(request.timer);
      request.reject(error);
    }
    requests.clear();
  }

  function onAnswer(event) {
    if (event.target !== worker) return;      // from a worker already given up on
    const answer = event.data;
    answers += 1;
    if (answer.type === "progress") {
      // Bytes still arriving: a slow line, not a stuck worker; the delays start again.
      for (const request of requests.values()) request.restart();
      onProgress(answer.result.loaded, answer.result.total);
      return;
    }
    if (answer.type === "fatal") {
      abandon("Le moteur de calcul n'a pas pu démarrer.", answer.details || answer.error);
      return;
    }
    const request = requests.get(answer.id);
    if (!request) return;         // answered after its delay ran out
    requests.delete(answer.id);
    clearTimeout(request.timer);
    if (answer.error) request.reject(failure(answer.error, answer.details));
    else request.resolve(answer.result);
  }

  function start() {
    if (UNSUPPORTED) throw failure(UNSUPPORTED);
    const early = handedOver;
    handedOver = null;
    try {
      worker = early ? early.worker : new Worker(config.worker, { type: "module" });
    } catch (error) {
      throw failure("Le moteur de calcul n'a pas pu démarrer dans ce navigateur.", error);
    }
    const started = worker;
    worker.onmessage = onAnswer;
    worker.onerror = (event) => {
      if (started === worker) abandon("Le moteur de calcul n'a pas pu être chargé.", event.message);
    };
    const init = early ? track(early.init, "init", delays.demarrage) : post("init", config, delays.demarrage);
    if (early) {
      // What it said before this client listened, in order; then whether it failed meanwhile.
      queueMicrotask(() => {
        for (const event of early.said) onAnswer(event);
        if (early.failure && started === worker) abandon("Le moteur de calcul n'a pas pu être chargé.", early.failure);
      });
    }
    init.then((result) => {
      ready = true;
      onStarted(result.timings);
    }, (error) => {
      // Python did not start: the next request tries again with a new worker.
      if (started === worker) abandon(error.message);
    });
  }

  function post(type, payload, delay) {
    const id = nextId++;
    const answer = track(id, type, delay);
    worker.postMessage({ id, type, payload });
    return answer;
  }

  // The answer to request `id`, or its failure after `delay` (restarted by progress).
  function track(id, type, delay) {
    const answeredBefore = answers;
    const answer = new Promise((resolve, reject) => {
      function late() {
        const message = type === "init" ? "Le moteur de calcul met trop de temps à démarrer."
          : "Le moteur de calcul ne répond plus.";
        if (answers > answeredBefore) {
          // The worker answered others meanwhile: it is alive, only this request is late
          // (a download on a slow line). Given up on alone; estimates go on.
          requests.delete(id);
          reject(failure(message));
        } else {
          abandon(message);      // silent since: stuck or gone, the next request gets a new one
        }
      }
      const request = { resolve, reject, timer: setTimeout(late, delay) };
      request.restart = () => {
        clearTimeout(request.timer);
        request.timer = setTimeout(late, delay);
      };
      requests.set(id, request);
    });
    return answer;
  }

  // Until the worker is ready, a request waits behind its init (the worker's ready gate),
  // so its delay counts the start-up too; so does a request that first downloads more of
  // the engine (options.downloads: the rest of the standard library and the QR code's or the
  // holidays' wheels, on a slow phone).
  function ask(type, payload, options) {
    try {
      if (!worker) start();
      const waitsForFiles = !ready || Boolean(options && options.downloads);
      return post(type, payload, delays.reponse + (waitsForFiles ? delays.demarrage : 0));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  return { ask };
}
