// The store (site/static/page/store.mjs) with a hand-driven clock: delayed events start when
// the state schedules them, are cleared when an event voids them, and come as events.
import assert from "node:assert/strict";
import { test } from "node:test";

import { createStore } from "../../site/static/page/store.mjs";
import { DELAYS_MS, initialState, reduce } from "../../site/static/page/state.mjs";

function manualClock() {
  let now = 0;
  let next = 1;
  const pending = new Map();      // handle -> [due, task]
  return {
    setTimeout(task, delay) { pending.set(next, [now + delay, task]); return next++; },
    clearTimeout(handle) { pending.delete(handle); },
    pending: () => pending.size,
    advance(ms) {
      now += ms;
      for (const [handle, [due, task]] of [...pending].sort((a, b) => a[1][0] - b[1][0])) {
        if (due <= now && pending.has(handle)) { pending.delete(handle); task(); }
      }
    },
  };
}

const estimate = { requete: "postes=7", annonce: "Niveau 2" };
const answered = (question) => ({ type: "answered", question, estimate, link: "https://example.test/cal/", fillFields: false });

function calculatorStore() {
  const clock = manualClock();
  const store = createStore(reduce, initialState({ calculator: true, query: "" }), { delays: DELAYS_MS, idleAtMost: 0, clock });
  store.start();
  return { clock, store };
}

test("a late answer becomes the stale mark after its delay, and an answer in time voids it", () => {
  const { clock, store } = calculatorStore();
  store.dispatch(answered(0));
  store.dispatch({ type: "asked" });
  clock.advance(DELAYS_MS.stale - 1);
  assert.equal(store.state.phase, "computing");
  clock.advance(1);
  assert.equal(store.state.phase, "stale");
  store.dispatch({ type: "asked" });
  store.dispatch(answered(2));
  clock.advance(DELAYS_MS.stale * 10);
  assert.equal(store.state.phase, "ready");
});

test("subscribers see each event in order, even one dispatched while they are told of another", () => {
  const { store } = calculatorStore();
  const seen = [];
  store.subscribe((state, previous, event) => {
    if (!event) return;
    seen.push(event.type);
    if (event.type === "asked" && state.question === 1) store.dispatch({ type: "asked" });
  });
  store.dispatch({ type: "asked" });
  assert.deepEqual(seen, ["asked", "asked"]);
  assert.equal(store.state.question, 2);
});

test("the real timers are exactly the state's: one per pending delayed event", () => {
  const { clock, store } = calculatorStore();
  store.dispatch({ type: "asked" });
  assert.deepEqual(Object.keys(store.state.timers), ["stale"]);
  assert.equal(clock.pending(), 1);
  store.dispatch(answered(1));                // voids the stale mark, schedules what follows the figures
  assert.ok(!("stale" in store.state.timers));
  assert.equal(clock.pending(), Object.keys(store.state.timers).length);
});
