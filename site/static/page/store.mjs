// A store: one plain state value, changed only by dispatch(event) through a pure reducer.
// Subscribers get (state, previous, event) after every change, in the order they subscribed;
// an event dispatched meanwhile waits for them (one change at a time, in order).
// Delayed events are part of the state (state.timers: name -> { event, after, idle, id }): the
// store starts a real timer for each new one, clears those the reducer dropped, and
// dispatches the event, marked with the timer's name (event.timer), when its time comes.

export function createStore(reduce, state, { delays, idleAtMost, clock = globalThis } = {}) {
  const listeners = [];
  const running = new Map();        // timer name -> { id, handle }
  const queue = [];
  let notifying = false;

  function syncTimers() {
    for (const [name, { id, handle }] of running) {
      if (state.timers[name]?.id !== id) {
        clock.clearTimeout(handle);
        running.delete(name);
      }
    }
    for (const [name, timer] of Object.entries(state.timers)) {
      if (running.has(name)) continue;
      const due = () => {
        if (state.timers[name]?.id !== timer.id) return;
        running.delete(name);
        dispatch({ ...timer.event, timer: name });
      };
      const delay = timer.after === null ? 0 : delays[timer.after];
      const idle = clock.requestIdleCallback ? (task) => clock.requestIdleCallback(task, { timeout: idleAtMost })
        : (task) => clock.setTimeout(task, 0);
      running.set(name, { id: timer.id, handle: clock.setTimeout(timer.idle ? () => idle(due) : due, delay) });
    }
  }

  function dispatch(event) {
    queue.push(event);
    if (notifying) return;
    notifying = true;
    try {
      while (queue.length) {
        const next = queue.shift();
        const previous = state;
        state = reduce(state, next);
        if (state.timers !== previous.timers) syncTimers();
        for (const listener of listeners) {
          // One view's error must not keep the others stale: reported, not thrown at the dispatcher.
          try {
            listener(state, previous, next);
          } catch (error) {
            queueMicrotask(() => { throw error; });
          }
        }
      }
    } finally {
      notifying = false;
    }
  }

  return {
    get state() { return state; },
    dispatch,
    // listener(state, previous, event) at every event, and once now with (state, null, null).
    subscribe(listener) {
      listeners.push(listener);
      listener(state, null, null);
    },
    start() { syncTimers(); },
  };
}
