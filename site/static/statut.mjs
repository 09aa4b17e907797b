// Live support status, on a level page and on /cal/: is support reachable now, in which
// mode, until when. The engine answers (with the holidays data) from this page's clock,
// read in Réunion time; every #support-status-N of the page is painted from its answer.
// The status is a bonus to pages that are complete without it: on a failure the weekly
// hours written in the page stay, they are always true.
import { every } from "./planning.mjs";

const engine = window.prismeMoteur;
const page = window.prismeEtat;
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

function refresh() {
  const onCall = Boolean(onCallBox && onCallBox.checked);
  engine.ask("coverage", { instant: new Date().toISOString(), onCall }, { downloads: true }).then((levels) => {
    paint(levels);
    page.markEngineUsed();       // a page that showed a live status is worth an offline copy
  }, () => {});
}

function start() {
  refresh();
  every("statusRefresh", refresh);
  if (onCallBox) onCallBox.addEventListener("change", refresh);
}

// On /cal/ the prices come first: the status waits until the page has used the engine
// (after its first estimate); elsewhere it starts once the page has loaded.
if (page.calculator) page.whenEngineUsed(start);
else if (document.readyState === "complete") start();
else addEventListener("load", start, { once: true });
