// The one binding of the engine's figures to the page. The templates mark where each value
// of the engine's display model goes, and prerender it there; this paints every mark from
// the latest answer, in one loop:
//   data-vue="path"            the text, or for a list its items (<li>, or clones of the
//                              <template> named by data-modele, its [data-champ] cells filled);
//   data-vue-valeur="path"     data-value (a machine-readable amount);
//   data-vue-classe="c:path"   class c while the value is true.
// A path walks the model: "niveaux.1.total_ht". A [data-vue-racine] element holds the marks
// of another model (the proposal's): painted with it as the scope, never with the page's. Only what changed is touched: a recompute
// costs the page as little layout as possible, and a live region is announced again only
// when its content changes.

const painted = new WeakMap();      // element -> JSON of what it shows

function valueAt(model, path) {
  return path.split(".").reduce((value, key) => (value == null ? value : value[key]), model);
}

function listItem(text) {
  const item = document.createElement("li");
  item.textContent = text;
  return item;
}

function fromTemplate(id, values) {
  const clone = document.getElementById(id).content.firstElementChild.cloneNode(true);
  for (const cell of clone.querySelectorAll("[data-champ]")) cell.textContent = values[cell.dataset.champ];
  return clone;
}

function paintOne(element, value) {
  const key = JSON.stringify(value);
  if (painted.get(element) === key) return;
  painted.set(element, key);
  if (!Array.isArray(value)) {
    if (element.textContent !== String(value)) element.textContent = String(value);
    return;
  }
  const template = element.dataset.modele;
  element.replaceChildren(...value.map((item) => (template ? fromTemplate(template, item) : listItem(item))));
}

export function paintFigures(model, scope = document) {
  const own = scope === document ? null : scope;
  for (const element of scope.querySelectorAll("[data-vue], [data-vue-valeur], [data-vue-classe]")) {
    if (element.closest("[data-vue-racine]") !== own) continue;
    const { vue, vueValeur, vueClasse } = element.dataset;
    if (vue !== undefined) paintOne(element, valueAt(model, vue));
    if (vueValeur !== undefined) {
      const value = String(valueAt(model, vueValeur));
      if (element.dataset.value !== value) element.dataset.value = value;
    }
    if (vueClasse !== undefined) {
      const [name, path] = vueClasse.split(":");
      element.classList.toggle(name, Boolean(valueAt(model, path)));
    }
  }
}
