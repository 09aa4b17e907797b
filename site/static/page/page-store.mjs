// The page's one store (every module imports this one instance) and the view of its state
// on <html>: the data-* and classes that CSS and the tests read, the « Modifier » button's
// aria-expanded, and why the figures are not live (#repli-cause, #etat-calcul).
// The first phase of a link's page is set before the first paint by the inline bootstrap
// (html.lien.attente); the store starts from it.

import { createStore } from "./store.mjs";
import { DELAYS_MS, initialState, markers, reduce } from "./state.mjs";

const root = document.documentElement;
// The address people share for this page's own inputs: /cal/ or a preset page, and /cal/ for
// the calculator in another site's frame, whose own address is /cal/integre/.
export const PAGE_PATH = root.dataset.adresse || location.pathname;

export const store = createStore(reduce, initialState({
  calculator: root.hasAttribute("data-cal"),
  fromLink: root.classList.contains("lien"),
  link: new URL(`${PAGE_PATH}${location.search}`, location.href).href,
  query: root.dataset.requete ?? null,
  supportStatus: root.hasAttribute("data-statut-support"),
  warm: root.hasAttribute("data-prechauffer"),
  proposalPage: root.hasAttribute("data-page-proposition"),
}), { delays: DELAYS_MS, idleAtMost: DELAYS_MS.idleAtMost });

// Touched only when it changes: a class list set again unchanged is still a DOM mutation.
function renderMarkers(state) {
  const { attributes, classes } = markers(state);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null) continue;        // a marker, once set, stays: the tests wait for it
    if (root.dataset[name] !== value) root.dataset[name] = value;
  }
  for (const [name, on] of Object.entries(classes)) {
    if (root.classList.contains(name) !== on) root.classList.toggle(name, on);
  }
  const modify = document.getElementById("modifier");
  if (modify && modify.getAttribute("aria-expanded") !== String(state.formOpen)) {
    modify.setAttribute("aria-expanded", String(state.formOpen));
  }
}

// The fallback's cause and the status line above the figures: the page's own sentences
// (data-* of #etat-calcul), and the engine client's reason (a French sentence) when known.
// Looked up when needed: on /cal/ the store starts before the page is parsed.
function explain(state, previous) {
  const status = document.getElementById("etat-calcul");
  if (!status || !previous || state.failure === previous.failure) return;
  document.getElementById("repli-cause").textContent = state.failure ? `${state.failure} ` : "";
  status.textContent = state.failure ? status.dataset.indisponible : status.dataset.recalcul;
}

store.subscribe((state, previous) => {
  explain(state, previous);
  renderMarkers(state);
});
store.start();
if (document.readyState === "complete") store.dispatch({ type: "loaded" });
else addEventListener("load", () => store.dispatch({ type: "loaded" }), { once: true });
