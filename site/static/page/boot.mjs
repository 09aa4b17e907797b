// /cal/, from <head> (an async module): asks the engine for this page's estimate at once,
// which starts Python while the page is still being parsed. calculator.mjs paints the answer.

import { engine } from "./engine.mjs";

const root = document.documentElement;
// A link's own inputs, else the inputs this page was prerendered with (a preset page).
export const firstEstimate = engine.ask("estimate", {
  query: location.search.length > 1 ? location.search : root.dataset.requete,
});
firstEstimate.catch(() => {});      // calculator.mjs reports it; never an unhandled rejection
