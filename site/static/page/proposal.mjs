// The proposal (« Proposition de contrat »), on /cal/'s own page: « Établir la proposition »
// on a level's card shows it at its own address (/cal/proposition/?…) without a second start
// of the engine; that address, opened cold, shows it once the estimate is in. Its figures,
// dates and number come from the engine's proposal model (calculator/proposal.py), painted by
// figures.mjs; the client block typed here lives only in the address's fragment.

import { engine } from "./engine.mjs";
import { paintFigures } from "./figures.mjs";
import { store } from "./page-store.mjs";

const root = document.documentElement;
const $ = (id) => document.getElementById(id);
const section = $("proposition");
const client = $("client");
const dispatch = (event) => store.dispatch(event);
const site = new URL(root.dataset.base, location.href).href;
// The proposal's own parameters in its address, named by the engine (calculator/query.py).
const [, VERSION] = root.dataset.parametresProposition.split(" ");
const ESTIMATE_TITLE = document.title;
const SITE_NAME = ESTIMATE_TITLE.split(" · ").pop();

// A proposal issued with an earlier price list is priced with it while it is valid: its
// version as published (tarifs/<version>.json), or null when it cannot be had.
async function heldRules(query) {
  const version = new URLSearchParams(query).get(VERSION);
  if (!version || version === root.dataset.tarifs || !/^[0-9a-f]{12}$/.test(version)) return null;
  try {
    const response = await fetch(`${root.dataset.base}tarifs/${version}.json`);
    return response.ok ? await response.text() : null;
  } catch {
    return null;
  }
}

// From a card, the figures and the QR code together: a print asked at once carries both. A
// proposal's address opened cold shows its figures first, as fast as a link's, then its QR
// code, which needs 2 MB more (the rest of the standard library and segno).
async function ask(query, { figuresFirst = false } = {}) {
  try {
    const payload = { query, instant: new Date().toISOString(), version: root.dataset.tarifs, site };
    const held = await heldRules(query);
    if (held) payload.heldRules = held;
    if (figuresFirst) {
      dispatch({ type: "proposal-answered", query, model: await engine.ask("proposal", { ...payload, qr: false }) });
    }
    dispatch({ type: "proposal-answered", query, model: await engine.ask("proposal", payload, { downloads: true }) });
  } catch (error) {
    dispatch({ type: "proposal-failed", query, reason: error.message });
  }
}

// « Imprimer » waits for the QR code when it is still on its way (render prints it then).
function printWithQr() {
  if (store.state.proposal.model?.qr) print();
  else section.dataset.imprimer = "attente";
}

// The client block <-> the fragment: text only, each field as long as its input allows.
// Trimmed by characters, as the engine does (client.py), never in the middle of one (an emoji).
const clean = (text, length) => Array.from(text.replace(/[\p{C}\p{Z}]+/gu, " ").trim()).slice(0, length).join("").trim();

function clientValues() {
  return [...client.elements].filter((field) => field.name).map((field) => [field.name, clean(field.value, field.maxLength)]);
}

function readFragment() {
  const given = new URLSearchParams(location.hash.slice(1));
  for (const field of client.elements) {
    if (field.name && given.has(field.name)) field.value = clean(given.get(field.name), field.maxLength);
  }
}

function fragment() {
  const values = new URLSearchParams(clientValues().filter(([, value]) => value));
  return values.size ? `#${values.toString().replaceAll("+", "%20")}` : "";
}

function labelOf(name) {
  return client.querySelector(`label[for="client-${name}"]`).textContent;
}

// « Demander cette proposition », by e-mail or messaging: the engine's subject and body, then
// the proposal's address and the client block as typed.
function refreshRequest(model) {
  const block = clientValues().filter(([, value]) => value).map(([name, value]) => `${labelOf(name)} : ${value}`);
  const body = `${model.demande.corps}${model.lien}\n\n${block.join("\n")}`.trimEnd();
  for (const [name, value] of clientValues()) $(`client-imprime-${name}`).textContent = value;
  const ask = $("demander");
  if (ask.protocol === "mailto:") {
    ask.href = `mailto:${ask.pathname}?subject=${encodeURIComponent(model.demande.sujet)}&body=${encodeURIComponent(body)}`;
  }
  const messaging = $("demander-messagerie");
  if (messaging) messaging.href = `${messaging.origin}${messaging.pathname}?text=${encodeURIComponent(`${model.demande.sujet}\n\n${body}`)}`;
}

function showAddress(model) {
  const address = `${model.lien}${fragment()}`;
  if (location.href !== address) history.replaceState(history.state, "", address);
}

function paint(model) {
  paintFigures(model, section);
  $("proposition-lien").textContent = model.lien;
  let image = $("proposition-qr");
  if (model.qr && !image) {
    image = document.createElement("img");
    image.id = "proposition-qr";
    image.alt = "QR code de l'adresse de cette proposition";
    $("proposition-qr-figure").prepend(image);
  }
  if (model.qr) image.src = model.qr;
  $("retour-estimation").href = `${root.dataset.cal}${model.requete ? `?${model.requete}` : ""}`;
  showAddress(model);
  refreshRequest(model);
}

// From a level's card: that level's proposal for the inputs on screen, issued today.
function open(level, { request = false } = {}) {
  const query = new URLSearchParams(store.state.query ?? root.dataset.requete);
  query.set(root.dataset.parametreNiveau, level);
  history.pushState({ proposal: true }, "", `${root.dataset.cal}proposition/?${query}`);
  dispatch({ type: "proposal-opened", query: query.toString() });
  section.dataset.focus = request ? "demander" : "titre-proposition";
}

function render(state, previous) {
  const { model } = state.proposal;
  if (model && model !== previous.proposal.model) {
    paint(model);
    if (model.qr && section.dataset.imprimer) {
      delete section.dataset.imprimer;
      setTimeout(print);       // once this render is on screen
    }
    const target = $(section.dataset.focus || "");
    delete section.dataset.focus;
    if (target) {
      if (target.tabIndex < 0) target.tabIndex = -1;
      target.focus();
    }
  }
  if (state.view !== previous.view) {
    // The proposal starts at its top; back on the estimate, the browser restores its place.
    if (state.view === "proposal") scrollTo(0, 0);
    document.title = state.view === "proposal" ? `${section.querySelector("h1").textContent} · ${SITE_NAME}` : ESTIMATE_TITLE;
    if (state.view !== "proposal") delete section.dataset.imprimer;
  }
}

function connect() {
  store.subscribe((state, previous, event) => {
    if (previous) render(state, previous);
    if (!event) return;
    if (event.type === "proposal-opened") ask(event.query, { figuresFirst: event.cold });
    // A proposal's address opened cold: asked once its practice's estimate is in.
    if (event.type === "answered" && state.view === "proposal" && state.proposal.asked === null) {
      dispatch({ type: "proposal-opened", query: location.search.slice(1), cold: true });
    }
  });
  readFragment();
  const { state } = store;
  if (state.view === "proposal" && state.proposal.asked === null && state.estimate) {
    dispatch({ type: "proposal-opened", query: location.search.slice(1), cold: true });
  }
  document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest("[data-proposition-niveau]");
    if (!button) return;
    event.preventDefault();
    // No level named: the recommended one, as the page shows it now.
    const level = button.dataset.propositionNiveau || $("inclusions-recommande").dataset.niveau;
    open(level, { request: "demander" in button.dataset });
  });
  client.addEventListener("input", () => {
    const { model } = store.state.proposal;
    if (model) {
      showAddress(model);
      refreshRequest(model);
    }
  });
  client.addEventListener("submit", (event) => event.preventDefault());
  $("imprimer").addEventListener("click", printWithQr);
  $("retour-estimation").addEventListener("click", (event) => {
    if (history.state && history.state.proposal) {
      event.preventDefault();
      history.back();
    }
  });
  addEventListener("popstate", () => {
    if (root.hasAttribute("data-page-proposition")) return;
    if (location.pathname === new URL(`${root.dataset.cal}proposition/`, location.href).pathname) {
      dispatch({ type: "proposal-opened", query: location.search.slice(1) });
    } else dispatch({ type: "proposal-closed" });
  });
}

connect();
