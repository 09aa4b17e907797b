// /cal/ on the main thread: reads the form, asks the engine (moteur.js), paints the answers.
// It never runs Python itself; every figure and every French text comes from the engine's
// display model, into markup written once in the page (its <template>s).

import { DELAYS_MS, afterThenIdle, cancel, later, pending } from "./planning.mjs";

const root = document.documentElement;
const engine = window.prismeMoteur;     // classic scripts in <head>: /cal/ starts Python before parsing
const page = window.prismeEtat;
page.calculatorRuns();      // boot.js falls back by itself when this file never runs
const form = document.getElementById("formulaire");
const $ = (id) => document.getElementById(id);
// The address people share for this page's own inputs: /cal/ or a preset page, and /cal/ for
// the calculator in another site's frame (integrer.js), whose own address is /cal/integre/.
const PAGE_PATH = root.dataset.adresse || location.pathname;
const EMBEDDED = root.hasAttribute("data-integre");

let latest = null;          // only the answer to the latest question may be painted
let firstPainted = false;
let settled = false;          // the first edits' time after the first estimate is over
let failing = false;          // an answer failed: the fallback shows unless a deploy reloads the page
let qrPending = false;        // a QR code asked and not answered yet
let qrWanted = false;         // the link changed meanwhile
let qrLink = null;            // the link the QR code on the page encodes
let latestQuery = null;
let chartsQuery = null;       // what the charts on screen show (at first, the prerendered inputs)
// The figures' own link (the address bar shows it after a pause); in a frame, /cal/'s.
let currentLink = new URL(`${PAGE_PATH}${location.search}`, location.href).href;

// Failure and recovery ---------------------------------------------------------------------

// A deploy since this page was loaded may have removed the files it names: recharge.js then
// reloads it once, with the latest figures' link in the address bar, instead of the fallback.
function fail(error) {
  if (failing) return;
  failing = true;
  window.prismeRecharge.afterEngineFailure(showAddress).then((reloading) => {
    if (!reloading) showFallback(error.message);
  });
}

function showFallback(reason) {
  if (!failing) return;     // a later answer took the page back meanwhile
  form.inert = false;
  page.fail(reason);
}

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

// Painting -------------------------------------------------------------------------------

// Only what changed is touched, so that a recompute costs the page as little layout as possible.
function setText(id, text) {
  const element = $(id);
  if (element.textContent !== text) element.textContent = text;
}

function setOutput(id, text, value) {
  const output = $(id);
  if (output.textContent !== text) output.textContent = text;
  if (output.dataset.value !== value) output.dataset.value = value;
}

// A clone of one of the page's <template>s, its [data-champ] cells filled from `values`.
function fromTemplate(id, values) {
  const clone = $(id).content.firstElementChild.cloneNode(true);
  for (const cell of clone.querySelectorAll("[data-champ]")) cell.textContent = values[cell.dataset.champ];
  return clone;
}

const shown = new Map();   // container id -> JSON of what it shows

function setRows(id, template, items) {
  const key = JSON.stringify(items);
  if (shown.get(id) === key) return;
  shown.set(id, key);
  $(id).replaceChildren(...items.map((item) => fromTemplate(template, item)));
}

function listItems(container, items) {
  container.replaceChildren(...items.map((text) => {
    const item = document.createElement("li");
    item.textContent = text;
    return item;
  }));
}

function paint(view) {
  for (const level of view.niveaux) {
    const n = level.niveau;
    setOutput(`total-ht-${n}`, level.total_ht, level.total_ht_valeur);
    setOutput(`total-ttc-${n}`, level.total_ttc, level.total_ttc_valeur);
    setText(`tva-${n}`, level.tva);
    setText(`annuel-ht-${n}`, level.annuel_ht);
    setText(`annuel-ttc-${n}`, level.annuel_ttc);
    setRows(`lignes-${n}`, "modele-ligne", level.lignes);
    $(`niveau-${n}`).classList.toggle("mis-en-avant", level.mis_en_avant);
    setText(`badge-${n}`, level.badge);
  }
  setText("niveau-recommande", view.recommande_texte);
  setText("recommande-total", view.recommande_total);
  setText("en-bref-niveau", view.recommande_texte);
  setText("en-bref-total", view.recommande_total);
  setText("en-bref-entrees", view.en_bref);
  showInclusions(view.recommande, view.recommande_texte);
  listItems($("raisons"), view.raisons);
  // #avis is a live region: only touched when the notices change, so they are not
  // announced again on every keystroke.
  const noticesKey = JSON.stringify(view.avis);
  if ($("avis").dataset.contenu !== noticesKey) {
    $("avis").dataset.contenu = noticesKey;
    const notices = document.createElement("ul");
    listItems(notices, view.avis);
    $("avis").replaceChildren(...(view.avis.length ? [notices] : []));
  }
  setText("deplacement", view.deplacement);
  setText("seuil", view.seuil);
  later("announce", () => setText("annonce", view.annonce));
}

// What a level includes comes from the rules, in each card: the recommended level's list is
// copied above the cards (shown on a phone) when the recommendation changes.
function showInclusions(level, levelText) {
  const copy = $("inclusions-recommande");
  if (copy.dataset.niveau === String(level)) return;
  copy.dataset.niveau = String(level);
  setText("inclusions-recommande-niveau", levelText);
  $("inclusions-recommande-liste").replaceChildren(...[...$(`inclusions-${level}`).children].map((item) => item.cloneNode(true)));
}

// The printed estimate and the QR code ---------------------------------------------------

// The printed estimate carries the figures' own link (the address bar follows it after a pause).
function paintPrintout(view) {
  setText("impression-lien", currentLink);
  setRows("impression-entrees", "modele-resume", view.resume);
  latestEmail = view.courriel;
}

// The e-mail link is brought up to date when the visitor reaches for it, not on every
// keystroke: changing a link's address restyles the page (+10 ms on slow recomputes).
let latestEmail = null;

function refreshEmailLink() {
  if (!latestEmail) return;
  const { sujet, corps } = latestEmail;
  const href = `mailto:?subject=${encodeURIComponent(sujet)}&body=${encodeURIComponent(corps + currentLink)}`;
  if ($("courriel").href !== href) $("courriel").href = href;
}

// Today's date in La Réunion, written by the engine as every date of the site.
function paintPrintDate() {
  engine.ask("date", { instant: new Date().toISOString() }).then((text) => setText("impression-date", text), () => {});
}

// One QR code asked at a time: on a slow link the first one waits seconds for its files,
// and the drawings asked meanwhile, one per pause in typing, would then run back to back
// (0.8 s in front of an edit, measured at 1.6 Mbit/s). A change meanwhile asks again after.
function requestQr() {
  cancel("qr");
  if (!settled) return;       // the settling callback asks for the first one
  if (qrPending) {
    qrWanted = true;
    return;
  }
  if (currentLink === qrLink) return;      // e.g. the input and the change of one edit
  later("qr", () => {
    const link = currentLink;
    qrPending = true;
    engine.ask("qr", { text: link }, { downloads: true }).then((dataUri) => {
      if (link === currentLink) paintQr(dataUri, link);
    }, () => {}).finally(() => {     // on failure the link itself stays on the page and in print
      qrPending = false;
      if (qrWanted || link !== currentLink) {
        qrWanted = false;
        requestQr();
      }
    });
  });
}

// The cost charts, drawn by the engine after the figures, in a request of their own once
// typing pauses: a recompute waits for a drawing only if it comes during one.
function requestCharts(query, delayName) {
  later("charts", () => {
    engine.ask("charts", { query }).then((charts) => {
      if (query !== latestQuery) return;
      chartsQuery = query;
      paintCharts(charts);
      page.chartsWaiting(false);
    }, () => {
      // Charts that no longer match the figures are hidden rather than shown wrong.
      if (query === latestQuery) page.chartsWaiting(true);
    });
  }, DELAYS_MS[delayName]);
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

function paintQr(dataUri, link) {
  qrLink = link;
  $("qr-figure").classList.remove("qr-perime");
  let image = $("qr");
  if (!image) {
    image = document.createElement("img");
    image.id = "qr";
    image.alt = "QR code du lien de cette estimation";
    $("qr-figure").prepend(image);
  }
  image.src = dataUri;
  $("qr-figure").hidden = false;
}

function showEstimate(view, fillFields) {
  failing = false;
  if (fillFields) fillForm(view.entrees);
  form.inert = false;
  paint(view);
  // The page's own address while its inputs are those it was prerendered with (/cal/ or a
  // preset page), else the calculator's address with the canonical query.
  const query = view.requete ? `?${view.requete}` : "";
  currentLink = new URL(view.requete === root.dataset.requete ? PAGE_PATH : `${root.dataset.cal}${query}`, location.href).href;
  if (firstPainted) showAddressSoon();
  else showAddress();
  paintPrintout(view);
  // Until it is drawn again, the QR code of the previous link is faded, and not printed.
  $("qr-figure").classList.toggle("qr-perime", currentLink !== qrLink);
  latestQuery = view.requete;
  if (chartsQuery === null) {
    // The prerendered charts are those of this page's own inputs: a link's wait hidden
    // (as its figures did) until its own are drawn, a little after the first edits.
    chartsQuery = root.dataset.requete;
    page.chartsWaiting(latestQuery !== chartsQuery);
  }
  if (latestQuery !== chartsQuery) requestCharts(latestQuery, firstPainted ? "charts" : "firstCharts");
  else page.chartsWaiting(false);     // back to the practice the charts show
  cancel("stale");
  page.show();
  if (!firstPainted) {
    firstPainted = true;
    // What prices do not need (support status, QR code, print date, the offline copy) waits
    // until the estimate has been painted and the first edits have been answered: none of
    // it may hold back a recompute.
    afterThenIdle("firstEdits", () => {
      settled = true;
      page.markEngineUsed();
      requestQr();
      paintPrintDate();
      addEventListener("beforeprint", paintPrintDate);     // a page left open overnight
    });
  } else {
    requestQr();
  }
}

// Questions --------------------------------------------------------------------------------

// Each question keeps its own "show the values the engine used" choice: only a field the
// visitor has left is rewritten, never one an answer overtook while it was being typed.
function estimate(answer, fillFields) {
  const question = (latest = {});
  answer.then((view) => {
    if (question === latest) showEstimate(view, fillFields);
  }, (error) => {
    if (question === latest) fail(error);
  });
}

function recompute(fillFields) {
  page.ask();
  // Counted from the first unanswered change: fast typing must not postpone the marks.
  if (!pending("stale")) later("stale", () => page.markStale());
  // Typing goes on: the drawings wait for the next pause, asked again with its figures, and
  // a pending address waits too (it still comes if these figures never do).
  cancel("charts", "qr");
  if (pending("address")) showAddressSoon();
  estimate(engine.ask("estimate", { query: formQuery() }), fillFields);
}

// Not when it would not change: even an unchanged address is a navigation to commit.
// In a frame, the frame's own address keeps its path (a reload stays the embedded page) and
// takes the figures' query; the links handed over (copy, e-mail, QR code) are currentLink.
function addressBar() {
  return EMBEDDED ? new URL(`${location.pathname}${new URL(currentLink).search}`, location.href).href : currentLink;
}

function showAddress() {
  cancel("address");
  if (location.href !== addressBar()) history.replaceState(null, "", addressBar());
}

function showAddressSoon() {
  later("address", showAddress);
}

async function copyLink() {
  const status = $("copie-etat");
  try {
    await navigator.clipboard.writeText(currentLink);
    status.textContent = "Lien copié : collez-le dans un courriel ou un message.";
  } catch {
    status.textContent = `Copiez ce lien : ${currentLink}`;
  }
}

// The download of the calculator, while a link waits for its figures. The only number this
// file writes itself: Python, which writes all the others, is what is arriving.
const megabytes = (bytes) => (bytes / 1e6).toFixed(1).replace(".", ",");

function paintProgress(loaded, total) {
  // The results' bar, and on a phone the one in place of the link's figure.
  for (const [id, what] of [["chargement", "Chargement du calculateur"], ["chargement-bref", "Chargement des chiffres de ce lien"]]) {
    const bar = $(id);
    bar.max = total;
    bar.value = loaded;
    setText(`${id}-texte`, `${what} : ${megabytes(loaded)} / ${megabytes(total)} Mo`);
  }
}

// « Modifier », on a phone, opens the form a link's page keeps folded, at its first field.
function toggleForm() {
  const open = !page.formOpen;
  page.openForm(open);
  if (open) form.querySelector("input, select").focus();
}

function connect() {
  engine.onProgress(paintProgress);
  // A link's own inputs are not in the prerendered form: it waits for the engine's reading
  // of the link, so that an early edit cannot replace them with the defaults.
  if (page.phase === "attente") form.inert = true;
  estimate(page.firstEstimate, true);
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
    if (event.target.closest && event.target.closest("a[href]")) showAddress();
  }, true);
  addEventListener("pagehide", (event) => {
    if (!event.persisted) showAddress();
  });
  $("copier").addEventListener("click", copyLink);
  $("modifier").addEventListener("click", toggleForm);
  for (const reach of ["pointerenter", "focus", "pointerdown", "click"]) {
    $("courriel").addEventListener(reach, refreshEmailLink);     // click: before it is followed
  }
}

connect();
