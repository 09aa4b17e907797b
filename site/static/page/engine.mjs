// The page's engine client, configured by the build (the JSON of <script id="moteur">), its
// download's progress reported to the store. On /cal/ it takes over the engine the inline
// bootstrap started while the page was parsed; boot.mjs imports it from <head>.

import { createEngineClient } from "../worker/engine-client.mjs";
import { store } from "./page-store.mjs";

const config = JSON.parse(document.getElementById("moteur").textContent);

export const engine = createEngineClient(config, {
  started: window.prismeBootstrap.takeEngine(),
  onProgress: (loaded, total) => store.dispatch({ type: "download-progressed", loaded, total }),
  // Where start-up time went, for bench/ (only in the tests' and the bench's builds).
  onStarted: (timings) => {
    if (config.test_hooks) document.documentElement.dataset.engineTimings = JSON.stringify(timings);
  },
});
