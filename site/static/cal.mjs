// /cal/ on the main thread: reads the form, talks to the Python worker, paints the answers.
// It never runs Python itself; every figure and every French text comes from the engine.

const root = document.documentElement;
const boot = window.prismeBoot;
const form = document.getElementById("formulaire");
const $ = (id) => document.getElementById(id);
// Past these delays the fallback is shown, but a late answer still takes the page back.
const BOOT_TIMEOUT_MS = 60000;
const ANSWER_TIMEOUT_MS = 10000;  // an estimate takes milliseconds once Python runs
const STATUS_REFRESH_MS = 60000;
const PAGE_PATH = location.pathname;   // /cal/ or a preset page, before any replaceState

let nextId = 2;             // 0 and 1 were sent by boot.js (init and the estimate of the link)
let latestEstimate = 1;     // only the answer to the latest question may be painted
let firstPainted = false;
let failed = false;
let announceTimer = 0;
let answerTimer = 0;
let qrTimer = 0;
let extrasReady = false;   // holidays and segno are loaded once the first estimate is painted
const QR_DELAY_MS = 400;
const STALE_MARK_MS = 200;   // an answer later than this gets the figures marked as stale
let staleTimer = 0;

function send(type, payload) {
  const id = nextId++;
  boot.worker.postMessage({ id, type, payload });
  return id;
}

// A deploy since this page was loaded removed the files it names (hashed names): a reload
// (once, see recharge.js) brings the new page and its files, instead of the fallback.
async function replacedByDeploy() {
  try {
    const response = await fetch(PAGE_PATH, { cache: "no-cache" });
    const build = /data-construction="([^"]*)"/.exec(await response.text());
    return Boolean(build) && build[1] !== root.dataset.construction;
  } catch {
    return false;      // offline: no deploy to catch up with
  }
}

function fail(reason) {
  if (failed) return;
  failed = true;
  replacedByDeploy().then((replaced) => {
    if (!(replaced && window.prismeRecharger())) showFallback(reason);
  });
}

function showFallback(reason) {
  if (!failed) return;     // a late answer took the page back meanwhile
  form.inert = false;
  root.dataset.calcul = "indisponible";
  root.classList.add("echec");
  $("repli-cause").textContent = `${reason} `;
  $("etat-calcul").textContent = "Calcul en direct indisponible pour le moment : les montants affichés peuvent ne pas correspondre à votre saisie.";
}

function recover() {
  if (!failed) return;
  failed = false;
  root.classList.remove("echec");
  $("repli-cause").textContent = "";
  $("etat-calcul").textContent = "Recalcul en cours…";
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

const shownLines = new Map();   // level -> JSON of the lines on screen

function setLines(level, lines) {
  const key = JSON.stringify(lines);
  if (shownLines.get(level) === key) return;
  shownLines.set(level, key);
  $(`lignes-${level}`).replaceChildren(...lines.map(lineRow));
}

function listItems(container, items) {
  container.replaceChildren(...items.map((text) => {
    const item = document.createElement("li");
    item.textContent = text;
    return item;
  }));
}

function lineRow(line) {
  const row = document.createElement("tr");
  const label = document.createElement("th");
  label.scope = "row";
  label.textContent = line.libelle;
  row.append(label);
  for (const text of [line.quantite, line.prix_unitaire, line.montant]) {
    const cell = document.createElement("td");
    cell.textContent = text;
    row.append(cell);
  }
  return row;
}

function paint(view) {
  for (const level of view.niveaux) {
    const n = level.niveau;
    setOutput(`total-ht-${n}`, level.total_ht, level.total_ht_valeur);
    setOutput(`total-ttc-${n}`, level.total_ttc, level.total_ttc_valeur);
    setText(`tva-${n}`, level.tva);
    setText(`annuel-ht-${n}`, level.annuel_ht);
    setText(`annuel-ttc-${n}`, level.annuel_ttc);
    setLines(n, level.lignes);
    $(`niveau-${n}`).classList.toggle("mis-en-avant", n === view.niveau_affiche);
    setText(`badge-${n}`, n === view.recommande ? "Recommandé" : n === view.niveau_affiche ? "Niveau choisi" : "");
  }
  setText("niveau-recommande", `niveau ${view.recommande}`);
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
  const shown = view.niveaux[view.niveau_affiche - 1];
  clearTimeout(announceTimer);
  // Announced once the visitor pauses, not on every keystroke.
  announceTimer = setTimeout(() => {
    setText("annonce", `Niveau ${view.niveau_affiche} : ${shown.total_ht} HT par mois, ${shown.total_ttc} TTC.`);
  }, 800);
}

// The printed estimate and the QR code ---------------------------------------------------

let printedInputs = "";
let printDate = null;   // built once: an Intl formatter costs more than a whole recompute

function paintPrintout(view) {
  setText("impression-lien", location.href);
  printDate ??= new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: root.dataset.fuseau });
  setText("impression-date", printDate.format(new Date()));
  const key = JSON.stringify(view.resume);
  if (key === printedInputs) return;
  printedInputs = key;
  const rows = view.resume.map(({ libelle, valeur }) => {
    const row = document.createElement("div");
    const term = document.createElement("dt");
    const value = document.createElement("dd");
    term.textContent = libelle;
    value.textContent = valeur;
    row.append(term, value);
    return row;
  });
  $("impression-entrees").replaceChildren(...rows);
}

function requestQr() {
  clearTimeout(qrTimer);
  if (extrasReady) qrTimer = setTimeout(() => send("qr", { text: location.href }), QR_DELAY_MS);
}

function paintQr(dataUri) {
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
  recover();
  if (fillFields) fillForm(view.entrees);
  form.inert = false;
  paint(view);
  // The page's own address while its inputs are those it was prerendered with (/cal/ or a
  // preset page), else the calculator's address with the canonical query.
  const query = view.requete ? `?${view.requete}` : "";
  history.replaceState(null, "", view.requete === root.dataset.requete ? PAGE_PATH : `${root.dataset.cal}${query}`);
  paintPrintout(view);
  requestQr();
  clearTimeout(staleTimer);
  staleTimer = 0;
  root.classList.remove("perime");
  root.dataset.calcul = "pret";
  if (!firstPainted) {
    firstPainted = true;
    // What prices do not need (holidays data, the offline copy) waits until the estimate
    // has been painted and the page is idle.
    const later = window.requestIdleCallback || ((callback) => setTimeout(callback, 200));
    later(() => {
      extrasReady = true;
      requestCoverage();
      setInterval(requestCoverage, STATUS_REFRESH_MS);
      requestQr();
      document.dispatchEvent(new Event("prisme:moteur-utilise"));
    }, { timeout: 1000 });
  }
}

// Support status (needs the holidays data, loaded after the first estimate) ---------------

function requestCoverage() {
  const onCall = form.elements.namedItem("astreinte").checked;
  send("coverage", { instant: new Date().toISOString(), onCall });
}

function paintCoverage(levels) {
  for (const level of levels) {
    const element = $(`support-status-${level.niveau}`);
    element.textContent = level.texte;
    element.dataset.ouvert = String(level.ouvert);
    element.dataset.mode = level.mode;
  }
}

// Messages ---------------------------------------------------------------------------------

function onMessage({ id, type, result, error }) {
  if (error) {
    if (type === "fatal") fail(`Le moteur de calcul n'a pas pu démarrer (${error}).`);
    else if (type === "init" || (type === "estimate" && !firstPainted)) fail(`Le moteur de calcul n'a pas pu démarrer (${error}).`);
    else if (type === "estimate") fail(`Le calcul a échoué (${error}).`);
    return;
  }
  if (type === "init") boot.timings = result.timings;     // start-up trace, for bench/
  else if (type === "estimate" && id === latestEstimate) {
    clearTimeout(answerTimer);
    showEstimate(result, id === 1 || normaliseFields);
    normaliseFields = false;
  }
  else if (type === "coverage") paintCoverage(result);
  else if (type === "qr") paintQr(result);
}

let normaliseFields = false;   // after a field is left, show the values the engine used

function recompute() {
  if (!boot || !boot.worker) return;
  root.dataset.calcul = "en-cours";
  // Counted from the first unanswered change: fast typing must not postpone the marks.
  staleTimer ||= setTimeout(() => root.classList.add("perime"), STALE_MARK_MS);
  latestEstimate = send("estimate", { query: formQuery() });
  // A worker that died mid-session answers nothing: do not leave the visitor waiting.
  clearTimeout(answerTimer);
  if (firstPainted) answerTimer = setTimeout(() => fail("Le moteur de calcul ne répond plus."), ANSWER_TIMEOUT_MS);
}

async function copyLink() {
  const status = $("copie-etat");
  try {
    await navigator.clipboard.writeText(location.href);
    status.textContent = "Lien copié : collez-le dans un courriel ou un message.";
  } catch {
    status.textContent = `Copiez ce lien : ${location.href}`;
  }
}

function connect() {
  if (!boot || boot.failure || !boot.worker) {
    fail(boot && boot.failure ? boot.failure : "Le moteur de calcul n'a pas pu démarrer.");
    return;
  }
  boot.worker.onmessage = (event) => onMessage(event.data);
  boot.worker.onerror = () => fail("Le moteur de calcul s'est arrêté.");
  for (const message of boot.early.splice(0)) onMessage(message);
  setTimeout(() => { if (!firstPainted) fail("Le moteur de calcul met trop de temps à démarrer."); }, BOOT_TIMEOUT_MS);
  // A link's own inputs are not in the prerendered form: it waits for the engine's reading
  // of the link, so that an early edit cannot replace them with the defaults.
  if (location.search.length > 1 && !firstPainted) form.inert = true;
  form.addEventListener("input", recompute);
  form.addEventListener("change", (event) => {
    if (event.target.name === "astreinte" && extrasReady) requestCoverage();
    if (event.target.type !== "checkbox" && event.target.tagName !== "SELECT") {
      normaliseFields = true;
      recompute();
    }
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  $("copier").addEventListener("click", copyLink);
}

connect();
