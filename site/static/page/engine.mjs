// The page's engine client, configured by the build (the JSON of <script id="moteur">), its
// download's progress reported to the store. On /cal/ it takes the worker the inline bootstrap
// started while the page was parsed, and boot.mjs imports it from <head> to send its init.

import { createEngineClient } from "../worker/engine-client.mjs";
import { store } from "./page-store.mjs";

const config = JSON.parse(document.getElementById("moteur").textContent);

export const engine = createEngineClient(config, {
  started: window.prismeBootstrap.takeWorker(),
  onProgress: (loaded, total) => store.dispatch({ type: "download-progressed", loaded, total }),
  // Where start-up time went, for bench/ (only in the tests' and the bench's builds).
  onStarted: (timings) => {
    if (config.test_hooks) document.documentElement.dataset.engineTimings = JSON.stringify(timings);
  },
});
