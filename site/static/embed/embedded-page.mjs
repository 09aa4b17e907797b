// /cal/integre/, the calculator in another site's frame (the other side is host-snippet.js,
// served as /integrer.js): tells the embedding page the height of its content at every
// change, so that the frame grows with the cards and never scrolls inside. It says it is
// ready (no data), then answers only its parent window, and only at the origin that greeted
// it (the store keeps it: state.embedder).

import { store } from "../page/page-store.mjs";

const root = document.documentElement;

function reportHeight() {
  const origin = store.state.embedder;
  if (origin) window.parent.postMessage({ type: "prisme-height", height: Math.ceil(root.getBoundingClientRect().height) }, origin);
}

addEventListener("message", (event) => {
  if (event.source !== window.parent || !event.data || event.data.type !== "prisme-hello") return;
  if (event.origin === "null") return;      // an opaque origin (a sandboxed frame) cannot be answered
  store.dispatch({ type: "embedder-greeted", origin: event.origin });
});

store.subscribe((state, previous) => {
  if (previous && state.embedder !== previous.embedder) reportHeight();
});
new ResizeObserver(reportHeight).observe(root);
if (window.parent !== window) window.parent.postMessage({ type: "prisme-ready" }, "*");
