// The one client of the Python engine: Pyodide in a module Web Worker (worker.mjs).
// It starts the worker, sends its init (the data-moteur of its own <script> element, written
// by build.py; not on <html>, where it would push <meta charset> past 1 KB), numbers
// the requests, matches each answer to its request, gives up on an answer after a delay, and
// starts a new worker after one died. Pages only call `prismeMoteur.ask(type, payload)`,
// which returns a Promise of the result; a failure is an Error whose message is a French
// sentence for visitors (the Python details go to the console).
// Classic script, in <head>: /cal/ starts Python before the page is parsed.
(function () {
  "use strict";
  var own = document.currentScript.dataset;
  var config = JSON.parse(own.moteur);
  var worker = null;
  var ready = false;            // the current worker answered its init
  var nextId = 0;
  var answers = 0;              // answers received from the current worker
  var pending = new Map();      // request id -> { resolve, reject, timer }
  var progressCallbacks = [];

  function failure(message, details) {
    var error = new Error(message);
    if (details) console.error("Moteur de calcul :", details);
    return error;
  }

  // A browser that cannot run it at all: said once, in French, for every request.
  var unsupported = typeof WebAssembly !== "object" || typeof Worker !== "function"
    ? "Votre navigateur ne permet pas le calcul en direct (WebAssembly indisponible)." : null;

  function abandon(message, details) {
    var error = failure(message, details);
    if (worker) worker.terminate();
    worker = null;        // the next request starts a new one
    ready = false;
    answers = 0;
    pending.forEach(function (request) {
      clearTimeout(request.timer);
      request.reject(error);
    });
    pending.clear();
  }

  function onAnswer(event) {
    if (event.target !== worker) return;      // from a worker already given up on
    var answer = event.data;
    answers += 1;
    if (answer.type === "progression") {
      // Bytes still arriving: a slow line, not a stuck worker; the delays start again.
      pending.forEach(function (request) { request.restart(); });
      progressCallbacks.forEach(function (callback) { callback(answer.result.loaded, answer.result.total); });
      return;
    }
    if (answer.type === "fatal") {
      abandon("Le moteur de calcul n'a pas pu démarrer.", answer.details || answer.error);
      return;
    }
    var request = pending.get(answer.id);
    if (!request) return;         // answered after its delay ran out
    pending.delete(answer.id);
    clearTimeout(request.timer);
    if (answer.error) request.reject(failure(answer.error, answer.details));
    else request.resolve(answer.result);
  }

  function start() {
    if (unsupported) throw failure(unsupported);
    try {
      worker = new Worker(own.worker, { type: "module" });
    } catch (error) {
      throw failure("Le moteur de calcul n'a pas pu démarrer dans ce navigateur.", error);
    }
    var started = worker;
    worker.onmessage = onAnswer;
    worker.onerror = function (event) {
      if (started === worker) abandon("Le moteur de calcul n'a pas pu être chargé.", event.message);
    };
    post("init", config, config.delais_ms.demarrage).then(function (result) {
      ready = true;
      if (config.test_hooks) client.timings = result.timings;      // where start-up time went, for bench/
    }, function (error) {
      // Python did not start: the next request tries again with a new worker.
      if (started === worker) abandon(error.message);
    });
  }

  function post(type, payload, delay) {
    var id = nextId++;
    var answeredBefore = answers;
    var answer = new Promise(function (resolve, reject) {
      function late() {
        var message = type === "init" ? "Le moteur de calcul met trop de temps à démarrer."
          : "Le moteur de calcul ne répond plus.";
        if (answers > answeredBefore) {
          // The worker answered others meanwhile: it is alive, only this request is late
          // (a download on a slow line). Given up on alone; estimates go on.
          pending.delete(id);
          reject(failure(message));
        } else {
          abandon(message);      // silent since: stuck or gone, the next request gets a new one
        }
      }
      var request = { resolve: resolve, reject: reject, timer: setTimeout(late, delay) };
      request.restart = function () {
        clearTimeout(request.timer);
        request.timer = setTimeout(late, delay);
      };
      pending.set(id, request);
    });
    worker.postMessage({ id: id, type: type, payload: payload });
    return answer;
  }

  // Until the worker is ready, a request waits behind its init (the worker's ready gate),
  // so its delay counts the start-up too; so does a request that first downloads more of
  // the engine (options.downloads: the rest of the standard library and the QR code's or the
  // holidays' wheels, on a slow phone).
  function ask(type, payload, options) {
    try {
      if (!worker) start();
      var waitsForFiles = !ready || Boolean(options && options.downloads);
      return post(type, payload, config.delais_ms.reponse + (waitsForFiles ? config.delais_ms.demarrage : 0));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  var client = window.prismeMoteur = {
    ask: ask,
    // (loaded, total): the bytes of the start-up downloads, while the worker starts.
    onProgress: function (callback) { progressCallbacks.push(callback); },
    timings: null,
  };
})();
