// Live support status, on a level page and on /cal/: is support reachable now, in which
// mode, until when. The engine answers (with the holidays data) from this page's clock,
// read in Réunion time; every #support-status-N of the page is painted from its answer.
// The status is a bonus to pages that are complete without it: on a failure the weekly
// hours written in the page stay, they are always true. When it is asked is the store's
// (state.mjs: after the first edits on /cal/, at load elsewhere, then every minute).

import { engine } from "./engine.mjs";
import { store } from "./page-store.mjs";

const onCallBox = document.querySelector("input[data-astreinte]");     // the catalogue's on-call field

function paint(levels) {
  for (const level of levels) {
    const element = document.getElementById(`support-status-${level.niveau}`);
    if (!element) continue;
    element.textContent = level.texte;
    element.dataset.ouvert = String(level.ouvert);
    element.dataset.mode = level.mode;
  }
}

function ask() {
  const onCall = Boolean(onCallBox && onCallBox.checked);
  engine.ask("coverage", { instant: new Date().toISOString(), onCall }, { downloads: true })
    .then((levels) => store.dispatch({ type: "status-shown", levels }), () => {});
}

store.subscribe((state, previous, event) => {
  if (event && event.type === "status-due") ask();
  if (previous && state.statusLevels !== previous.statusLevels) paint(state.statusLevels);
});
if (onCallBox) onCallBox.addEventListener("change", () => { if (store.state.statusLevels) ask(); });
