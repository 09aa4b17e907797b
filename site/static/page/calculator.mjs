// /cal/ on the main thread: reads the form, asks the engine, reports to the store, and
// renders the store's state: the figures (figures.mjs), the address bar, the charts, the QR
// code, the printed estimate. It never runs Python itself; every figure and every French text
// comes from the engine's display model, into markup written once in the page.

import { firstEstimate } from "./boot.mjs";
import { engine } from "./engine.mjs";
import { paintFigures } from "./figures.mjs";
import { PAGE_PATH, store } from "./page-store.mjs";
import { linkPending } from "./state.mjs";

const root = document.documentElement;
const form = document.getElementById("formulaire");
const $ = (id) => document.getElementById(id);
const EMBEDDED = root.hasAttribute("data-integre");
const dispatch = (event) => store.dispatch(event);

// Form <-> query string ------------------------------------------------------------------

function formQuery() {
  const query = new URLSearchParams();
  for (const field of form.elements) {
    if (!field.name) continue;
    if (field.type === "checkbox") query.set(field.name, field.checked ? "1" : "0");
    // An empty optional field means "estimate it"; an empty required one gets a notice.
    else if (field.value !== "" || !("optionnel" in field.dataset)) query.set(field.name, field.value);
  }
  return query.toString();
}

function fillForm(inputs) {
  for (const [name, value] of Object.entries(inputs)) {
    const field = form.elements.namedItem(name);
    if (!field) continue;
    if (field.type === "checkbox") field.checked = Boolean(value);
    else field.value = value === null ? "" : String(value);
  }
}

// Questions --------------------------------------------------------------------------------

// The page's own address while its inputs are those it was prerendered with (/cal/ or a
// preset page), else the calculator's address with the canonical query.
function linkOf(estimate) {
  const query = estimate.requete ? `?${estimate.requete}` : "";
  return new URL(estimate.requete === root.dataset.requete ? PAGE_PATH : `${root.dataset.cal}${query}`, location.href).href;
}

// Each question keeps its own "show the values the engine used" choice: only a field the
// visitor has left is rewritten, never one an answer overtook while it was being typed.
function estimate(answer, question, fillFields) {
  answer.then(
    (view) => dispatch({ type: "answered", question, estimate: view, link: linkOf(view), fillFields }),
    (error) => dispatch({ type: "engine-failed", question, reason: error.message }));
}

function recompute(fillFields) {
  dispatch({ type: "asked" });
  estimate(engine.ask("estimate", { query: formQuery() }), store.state.question, fillFields);
}

// What the events ask of the engine beyond the figures --------------------------------------

function askCharts(state) {
  const query = state.query;
  engine.ask("charts", { query }).then((charts) => dispatch({ type: "charts-drawn", query, charts }),
    () => dispatch({ type: "charts-failed", query }));
}

// On failure the link itself stays on the page and in print.
function askQr(state) {
  const link = state.qr.asking;
  engine.ask("qr", { text: link }, { downloads: true }).then((image) => dispatch({ type: "qr-drawn", link, image }),
    () => dispatch({ type: "qr-failed", link }));
}

// Today's date in La Réunion, written by the engine as every date of the site.
function askPrintDate() {
  engine.ask("date", { instant: new Date().toISOString() }).then((text) => dispatch({ type: "print-dated", text }), () => {});
}

const EFFECTS = { "charts-due": askCharts, "qr-due": askQr, settled: askPrintDate };

// Rendering ------------------------------------------------------------------------------

function setText(id, text) {
  const element = $(id);
  if (element.textContent !== text) element.textContent = text;
}

// What a level includes comes from the rules, in each card: the recommended level's list is
// copied above the cards (shown on a phone) when the recommendation changes.
function showInclusions(level) {
  const copy = $("inclusions-recommande");
  if (copy.dataset.niveau === String(level)) return;
  copy.dataset.niveau = String(level);
  $("inclusions-recommande-liste").replaceChildren(...[...$(`inclusions-${level}`).children].map((item) => item.cloneNode(true)));
}

function paintCharts(charts) {
  for (const [key, chart] of Object.entries(charts)) {
    $(`graphique-${key}`).innerHTML = chart.svg;
    $(`valeurs-${key}`).replaceChildren(...chart.lignes.map((cells) => {
      const row = document.createElement("tr");
      cells.forEach((text, index) => {
        const cell = document.createElement(index === 0 ? "th" : "td");
        if (index === 0) cell.scope = "row";
        cell.textContent = text;
        row.append(cell);
      });
      return row;
    }));
  }
}

function paintQr(image) {
  let element = $("qr");
  if (!element) {
    element = document.createElement("img");
    element.id = "qr";
    element.alt = "QR code du lien de cette estimation";
    $("qr-figure").prepend(element);
  }
  element.src = image;
  $("qr-figure").hidden = false;
}

// Not when it would not change: even an unchanged address is a navigation to commit.
// In a frame, the frame's own address keeps its path (a reload stays the embedded page) and
// takes the figures' query; the links handed over (copy, e-mail, QR code) are the figures'.
function showAddress(link) {
  const address = EMBEDDED ? new URL(`${location.pathname}${new URL(link).search}`, location.href).href : link;
  if (location.href !== address) history.replaceState(null, "", address);
}

// The download of the calculator, while a link waits for its figures: the bar, and its
// label's figures (the label's words are the page's).
const megabytes = (bytes) => (bytes / 1e6).toFixed(1).replace(".", ",");

function paintProgress({ loaded, total }) {
  for (const id of ["chargement", "chargement-bref"]) {
    const bar = $(id);
    bar.max = total;
    bar.value = loaded;
    setText(`${id}-octets`, ` : ${megabytes(loaded)} / ${megabytes(total)} Mo`);
  }
}

function render(state, previous) {
  // A link's own inputs are not in the prerendered form: it waits for the engine's reading of
  // the link, so that an early edit cannot replace them with the defaults.
  const waiting = linkPending(state);
  if (form.inert !== waiting) form.inert = waiting;
  if (!previous) {
    if (state.download) paintProgress(state.download);
    return;
  }
  if (state.estimate !== previous.estimate) {
    if (state.fillFields) fillForm(state.estimate.entrees);
    paintFigures(state.estimate);
    showInclusions(state.estimate.recommande);
    // The printed estimate carries the figures' own link (the address bar follows it after a pause).
    setText("impression-lien", state.link);
  }
  // Until it is drawn again, the QR code of the previous link is faded, and not printed.
  const faded = state.link !== state.qr.link;
  if ($("qr-figure").classList.contains("qr-perime") !== faded) $("qr-figure").classList.toggle("qr-perime", faded);
  if (state.qr.image !== previous.qr.image) paintQr(state.qr.image);
  if (state.charts.drawn !== previous.charts.drawn) paintCharts(state.charts.drawn);
  // The proposal (proposal.mjs) has its own address while it is shown.
  if (state.address !== previous.address && state.address && state.view === "estimate") showAddress(state.address);
  if (state.announcement !== previous.announcement) setText("annonce", state.announcement);
  if (state.printDate !== previous.printDate) setText("impression-date", state.printDate);
  if (state.download !== previous.download) paintProgress(state.download);
}

// Links handed over ------------------------------------------------------------------------

async function copyLink() {
  const status = $("copie-etat");
  const link = store.state.link;
  try {
    await navigator.clipboard.writeText(link);
    status.textContent = "Lien copié : collez-le dans un courriel ou un message.";
  } catch {
    status.textContent = `Copiez ce lien : ${link}`;
  }
}

// The e-mail link is brought up to date when the visitor reaches for it, not on every
// keystroke: changing a link's address restyles the page (+10 ms on slow recomputes).
function refreshEmailLink() {
  const { estimate: view, link } = store.state;
  if (!view) return;
  const { sujet, corps } = view.courriel;
  const href = `mailto:?subject=${encodeURIComponent(sujet)}&body=${encodeURIComponent(corps + link)}`;
  if ($("courriel").href !== href) $("courriel").href = href;
}

// « Modifier », on a phone, opens the form a link's page keeps folded, at its first field.
function toggleForm() {
  dispatch({ type: "form-toggled" });
  if (store.state.formOpen) form.querySelector("input, select").focus();
}

function connect() {
  store.subscribe((state, previous, event) => {
    render(state, previous);
    if (event && EFFECTS[event.type]) EFFECTS[event.type](state);
  });
  dispatch({ type: "calculator-started" });
  estimate(firstEstimate, 0, true);
  form.addEventListener("input", () => recompute(false));
  form.addEventListener("change", (event) => {
    // Leaving a typed field shows the values the engine used; boxes and lists already did.
    if (event.target.type !== "checkbox" && event.target.tagName !== "SELECT") recompute(true);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  // A page left meanwhile keeps the latest figures' link in its history entry: set while
  // the page is still the active one when a link is followed, else when it is unloaded (a
  // page kept in the back-forward cache sets it on return, where its timer runs on). A
  // reload within the pause, though, reloads the address it had.
  document.addEventListener("click", (event) => {
    if (event.target.closest && event.target.closest("a[href]")) dispatch({ type: "page-left" });
  }, true);
  addEventListener("pagehide", (event) => {
    if (!event.persisted) dispatch({ type: "page-left" });
  });
  addEventListener("beforeprint", askPrintDate);     // a page left open overnight
  $("copier").addEventListener("click", copyLink);
  $("modifier").addEventListener("click", toggleForm);
  for (const reach of ["pointerenter", "focus", "pointerdown", "click"]) {
    $("courriel").addEventListener(reach, refreshEmailLink);     // click: before it is followed
  }
}

connect();
