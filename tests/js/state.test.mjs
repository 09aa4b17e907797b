// The page's reducer (site/static/page/state.mjs), without a browser: every phase change a
// visitor can cause, and the events a phase cannot take, refused (the state unchanged).
import assert from "node:assert/strict";
import { test } from "node:test";

import { PHASES, initialState, markers, reduce } from "../../site/static/page/state.mjs";

const LINK = "https://example.test/cal/?postes=7";
const view = (requete, extra = {}) => ({ requete, annonce: `Niveau 2 : ${requete}`, ...extra });
const run = (state, ...events) => events.reduce(reduce, state);
// A delayed event when its time comes, as the store dispatches it.
const fire = (state, name) => reduce(state, { ...state.timers[name].event, timer: name });
const calculator = (facts = {}) => reduce(initialState({ calculator: true, link: LINK, query: "", supportStatus: true, ...facts }),
  { type: "calculator-started" });
const answered = (question, requete = "postes=7", extra = {}) =>
  ({ type: "answered", question, estimate: view(requete), link: `${LINK}#${requete}`, fillFields: false, ...extra });

// (name, facts of the page, events, expected phase)
const PHASE_CHANGES = [
  ["a plain /cal/ starts with its prerendered figures", {}, [], "prerendered"],
  ["a link's page starts waiting for its own figures", { fromLink: true }, [], "awaiting-link"],
  ["the first answer puts the engine's figures on screen", {}, [answered(0)], "ready"],
  ["a link's first answer shows its figures", { fromLink: true }, [answered(0)], "ready"],
  ["an edit asks again", {}, [answered(0), { type: "asked" }], "computing"],
  ["an edit before the first answer asks too", {}, [{ type: "asked" }], "computing"],
  ["a late answer marks the figures stale", {}, [answered(0), { type: "asked" }, { type: "answer-late" }], "stale"],
  ["the answer to the latest edit clears the stale mark", {},
    [answered(0), { type: "asked" }, { type: "answer-late" }, answered(1)], "ready"],
  ["a failure checks for a deploy first", {}, [{ type: "asked" }, { type: "engine-failed", question: 1 }], "recovering"],
  ["no deploy: the fallback shows", {},
    [{ type: "asked" }, { type: "engine-failed", question: 1 }, { type: "deploy-checked", reloading: false }], "failed"],
  ["a deploy: the page reloads itself", {},
    [{ type: "asked" }, { type: "engine-failed", question: 1 }, { type: "deploy-checked", reloading: true }], "reloading"],
  ["an edit after a failure asks again, the fallback staying", {},
    [{ type: "engine-failed", question: 0 }, { type: "deploy-checked", reloading: false }, { type: "asked" }], "retrying"],
  ["an answer after a failure takes the page back", {},
    [{ type: "engine-failed", question: 0 }, { type: "deploy-checked", reloading: false }, { type: "asked" }, answered(1)],
    "ready"],
  ["the page loaded without its calculator module: the fallback, not hidden figures", { fromLink: true },
    [{ type: "loaded" }], "failed", initialState],
  ["a link's failure before any figure falls back", { fromLink: true },
    [{ type: "engine-failed", question: 0 }, { type: "deploy-checked", reloading: false }], "failed"],
];

for (const [name, facts, events, phase, start = calculator] of PHASE_CHANGES) {
  test(name, () => assert.equal(run(start({ calculator: true, ...facts }), ...events).phase, phase));
}

// (name, events leading to a phase, the event it cannot take)
const REFUSED = [
  ["an answer to an older question is not painted", [{ type: "asked" }, { type: "asked" }], answered(1)],
  ["a late mark without a question on its way", [answered(0)], { type: "answer-late" }],
  ["a late mark while a link waits (its progress shows instead)", [], { type: "answer-late" }],
  ["an answer with no question on its way", [answered(0)], answered(0)],
  ["a failure of an older question", [{ type: "asked" }, { type: "asked" }], { type: "engine-failed", question: 1 }],
  ["a second failure while the deploy is checked", [{ type: "engine-failed", question: 0 }], { type: "engine-failed", question: 0 }],
  ["a deploy check nobody asked for", [answered(0)], { type: "deploy-checked", reloading: true }],
  ["an edit while the page reloads", [{ type: "engine-failed", question: 0 }, { type: "deploy-checked", reloading: true }],
    { type: "asked" }],
  ["a failure when the figures are the engine's", [answered(0)], { type: "engine-failed", question: 0 }],
  ["the load of a page whose calculator runs", [], { type: "loaded" }],
];

for (const [name, events, refused] of REFUSED) {
  test(`refused: ${name}`, () => {
    const before = run(calculator(), ...events);
    assert.equal(reduce(before, refused), before);
  });
}

test("every phase is one of the closed set, and an unknown event is an error", () => {
  const seen = new Set(PHASE_CHANGES.map(([, facts, events]) => run(calculator(facts), ...events).phase));
  assert.deepEqual([...seen].filter((phase) => !PHASES.includes(phase)), []);
  assert.throws(() => reduce(calculator(), { type: "typo" }), /Unknown page event: typo/);
});

test("the markers CSS reads follow the phase: figures hidden while a link waits, stale frame, fallback", () => {
  const rows = [
    [run(calculator({ fromLink: true })), "en-cours", { attente: true, lien: true, perime: false, echec: false }],
    [run(calculator(), answered(0), { type: "asked" }, { type: "answer-late" }), "en-cours", { attente: false, perime: true }],
    [run(calculator(), { type: "engine-failed", question: 0 }, { type: "deploy-checked", reloading: false }), "indisponible",
      { echec: true, perime: false }],
    [run(calculator(), answered(0)), "pret", { attente: false, perime: false, echec: false }],
  ];
  for (const [state, calcul, classes] of rows) {
    const shown = markers(state);
    assert.equal(shown.attributes.calcul, calcul);
    for (const [name, on] of Object.entries(classes)) assert.equal(shown.classes[name], on, name);
  }
});

test("a link's folded form opens on failure and stays open when the engine comes back", () => {
  const failed = run(calculator({ fromLink: true }), { type: "engine-failed", question: 0 },
    { type: "deploy-checked", reloading: false });
  assert.equal(failed.formOpen, true);
  assert.equal(run(failed, { type: "asked" }, answered(1)).formOpen, true);
  assert.equal(run(calculator({ fromLink: true }), { type: "form-toggled" }, { type: "form-toggled" }).formOpen, false);
});

test("the stale mark counts from the first unanswered edit: typing on does not postpone it", () => {
  const first = run(calculator(), answered(0), { type: "asked" });
  const typing = run(first, { type: "asked" }, { type: "asked" });
  assert.equal(typing.timers.stale.id, first.timers.stale.id);
  assert.equal(run(typing, answered(3)).timers.stale, undefined);
});

test("the address bar: at once for the first figures, after a pause for the next, at once when leaving", () => {
  const first = run(calculator(), answered(0, "postes=7"));
  assert.equal(first.address, `${LINK}#postes=7`);
  const next = run(first, { type: "asked" }, answered(1, "postes=8"));
  assert.equal(next.address, `${LINK}#postes=7`);
  assert.ok(next.timers.address);
  assert.equal(run(next, { type: "address-due" }).address, `${LINK}#postes=8`);
  const left = run(next, { type: "page-left" });
  assert.equal(left.address, `${LINK}#postes=8`);
  assert.equal(left.timers.address, undefined);
});

test("the charts: hidden while they show other inputs, asked after a pause, shown when drawn", () => {
  const link = run(calculator({ fromLink: true, query: "" }), answered(0, "postes=7"));
  assert.equal(link.charts.outdated, true);
  assert.equal(link.timers.charts.after, "firstCharts");
  assert.equal(run(link, { type: "asked" }).timers.charts, undefined);       // typing: the drawing waits
  const drawn = run(link, { type: "charts-drawn", query: "postes=7", charts: { cout: {} } });
  assert.equal(drawn.charts.outdated, false);
  assert.equal(run(link, { type: "charts-failed", query: "postes=7" }).charts.outdated, true);
  // A drawing for inputs already left is not shown.
  assert.equal(run(link, { type: "asked" }, answered(1, "postes=9"), { type: "charts-drawn", query: "postes=7", charts: {} })
    .charts.query, "");
  // Back to the prerendered practice: its charts are those on screen.
  assert.equal(run(calculator({ query: "" }), answered(0, "")).timers.charts, undefined);
});

test("what prices do not need waits for the first edits to be over", () => {
  const first = run(calculator(), answered(0));
  assert.equal(first.timers.qr, undefined);
  assert.equal(first.timers.firstEdits.idle, true);
  const settled = run(first, { type: "settled" });
  assert.ok(settled.engineUsed && settled.timers.qr && settled.timers.offlineCopy && settled.timers.statusRefresh);
});

test("one QR code drawn at a time; a change meanwhile asks again once it is answered", () => {
  const asking = fire(run(calculator(), answered(0, "postes=7"), { type: "settled" }), "qr");
  assert.equal(asking.qr.asking, `${LINK}#postes=7`);
  const changed = run(asking, { type: "asked" }, answered(1, "postes=8"));
  assert.equal(changed.timers.qr, undefined);
  assert.equal(changed.qr.again, true);
  const drawn = run(changed, { type: "qr-drawn", link: `${LINK}#postes=7`, image: "data:old" });
  assert.equal(drawn.qr.image, null);        // not the figures' link any more: not shown
  assert.ok(drawn.timers.qr);                // the new link's is asked
  const shown = run(fire(drawn, "qr"), { type: "qr-drawn", link: `${LINK}#postes=8`, image: "data:new" });
  assert.equal(shown.qr.image, "data:new");
  assert.equal(shown.timers.qr, undefined);
});

test("other pages: the status at load, the offline copy once it was shown, the prefetch on a comparison page", () => {
  const level = run(initialState({ supportStatus: true }), { type: "loaded" });
  assert.equal(level.offline, "registered");
  assert.equal(level.timers.statusRefresh.after, null);
  const shown = run(level, { type: "status-due" }, { type: "status-shown", levels: [] });
  assert.equal(shown.timers.statusRefresh.after, "statusRefresh");
  assert.ok(shown.engineUsed && shown.timers.offlineCopy);
  assert.equal(run(shown, { type: "offline-copy-due" }).offline, "copying");
  const comparison = run(initialState({ warm: true }), { type: "loaded" });
  assert.equal(comparison.timers.warmEngine.idle, true);
  assert.equal(run(comparison, { type: "warm-asked", allowed: false }).warming, "skipped");
  assert.equal(markers(run(comparison, { type: "warm-asked", allowed: true }, { type: "warm-copied" })).attributes.prechauffage,
    "copie");
});

test("in a frame, the first greeting's origin is the one answered", () => {
  const greeted = run(calculator(), { type: "embedder-greeted", origin: "https://cabinet.example" });
  assert.equal(greeted.embedder, "https://cabinet.example");
  assert.equal(reduce(greeted, { type: "embedder-greeted", origin: "https://other.example" }), greeted);
});

test("an edit made while a deploy is checked is painted when it is answered, even after the fallback", () => {
  const checking = run(calculator(), answered(0), { type: "asked" }, { type: "engine-failed", question: 1 }, { type: "asked" });
  const fellBack = reduce(checking, { type: "deploy-checked", reloading: false });
  assert.equal(fellBack.phase, "failed");
  assert.equal(reduce(fellBack, answered(2)).phase, "ready");
});

test("while a deploy is checked, the figures keep their marks: a link's still hidden, stale ones still framed", () => {
  const link = run(calculator({ fromLink: true }), { type: "engine-failed", question: 0 });
  assert.equal(link.phase, "recovering");
  assert.equal(markers(link).classes.attente, true);
  const stale = run(calculator(), answered(0), { type: "asked" }, { type: "answer-late" }, { type: "engine-failed", question: 1 });
  assert.equal(markers(stale).classes.perime, true);
  const retrying = run(calculator(), { type: "engine-failed", question: 0 }, { type: "deploy-checked", reloading: false },
    { type: "asked" }, { type: "engine-failed", question: 1 });
  assert.equal(markers(retrying).classes.echec, true);
});

// The proposal, shown on the calculator's own page ------------------------------------------

test("a proposal opened from a card is shown, waiting for its figures, then ready", () => {
  const opened = run(calculator(), answered(0), { type: "proposal-opened", query: "niveau=2&postes=7" });
  assert.equal(opened.view, "proposal");
  assert.equal(markers(opened).attributes.proposition, "attente");
  assert.equal(markers(opened).classes["vue-proposition"], true);
  const ready = reduce(opened, { type: "proposal-answered", query: "niveau=2&postes=7", model: { numero: "P-1", qr: "data:x" } });
  assert.equal(markers(ready).attributes.proposition, "prete");
  assert.equal(ready.proposal.model.numero, "P-1");
});

test("only the proposal last asked for is painted: an earlier level's answer is dropped", () => {
  const state = run(calculator(), answered(0), { type: "proposal-opened", query: "niveau=2" },
    { type: "proposal-opened", query: "niveau=3" });
  assert.equal(reduce(state, { type: "proposal-answered", query: "niveau=2", model: {} }), state);
  assert.equal(reduce(state, { type: "proposal-failed", query: "niveau=2" }), state);
});

test("a proposal that cannot be made says so; back to the estimate, its mark says closed", () => {
  const failed = run(calculator(), { type: "proposal-opened", query: "niveau=1" }, { type: "proposal-failed", query: "niveau=1" });
  assert.equal(markers(failed).attributes.proposition, "indisponible");
  const closed = reduce(failed, { type: "proposal-closed" });
  assert.equal(closed.view, "estimate");
  assert.equal(markers(closed).attributes.proposition, "fermee");
  assert.equal(markers(closed).classes["vue-proposition"], false);
  assert.equal(reduce(closed, { type: "proposal-closed" }), closed);
});

test("a proposal's own address starts on the proposal view, with no mark before it is asked", () => {
  const state = initialState({ calculator: true, fromLink: true, proposalPage: true });
  assert.equal(state.view, "proposal");
  assert.equal(markers(state).attributes.proposition, "attente");
});

test("a cold proposal shows its figures first, then its QR code; never back to figures alone", () => {
  const opened = run(calculator(), answered(0), { type: "proposal-opened", query: "niveau=2", cold: true });
  const figures = reduce(opened, { type: "proposal-answered", query: "niveau=2", model: { numero: "P-1", qr: "" } });
  assert.equal(markers(figures).attributes.proposition, "chiffres");
  const withQr = reduce(figures, { type: "proposal-answered", query: "niveau=2", model: { numero: "P-1", qr: "data:x" } });
  assert.equal(markers(withQr).attributes.proposition, "prete");
  assert.equal(reduce(withQr, { type: "proposal-answered", query: "niveau=2", model: { numero: "P-1", qr: "" } }), withQr);
});
