// /cal/integre/, in another site's frame: tells the embedding page (integrer.js) the height
// of its content at every change, so that the frame grows with the cards and never scrolls
// inside. It says it is ready (no data), then answers only its parent window, and only at
// the origin that greeted it.
const root = document.documentElement;
let parentOrigin = null;

function reportHeight() {
  if (parentOrigin === null) return;
  const height = Math.ceil(root.getBoundingClientRect().height);
  window.parent.postMessage({ type: "prisme-hauteur", hauteur: height }, parentOrigin);
}

addEventListener("message", (event) => {
  if (event.source !== window.parent || !event.data || event.data.type !== "prisme-bonjour") return;
  if (event.origin === "null") return;      // an opaque origin (a sandboxed frame) cannot be answered
  parentOrigin = event.origin;
  reportHeight();
});

new ResizeObserver(reportHeight).observe(root);
if (window.parent !== window) window.parent.postMessage({ type: "prisme-pret" }, "*");
