// Inlined right after the /cal/ form (build.py; its sha256 is in the Content-Security-Policy):
// a shared link's values are in the fields from the first paint, as the link wrote them.
// Only echoed, never interpreted: the engine is the one parser of a link, and once it has
// read this one the fields show the values it used, with its notices.
(function () {
  "use strict";
  var form = document.getElementById("formulaire");
  var yes = form.getAttribute("data-oui").split(" ");     // the engine's own words for "1"
  new URLSearchParams(location.search).forEach(function (value, name) {
    var field = form.elements.namedItem(name);
    if (!field || !field.tagName) return;
    if (field.type === "checkbox") field.checked = yes.indexOf(value.trim().toLowerCase()) !== -1;
    else if (field.type === "number") field.value = value.replace(",", ".");    // heures=2,5 is a link's way
    else if (field.querySelector('option[value="' + CSS.escape(value) + '"]')) field.value = value;
  });
})();
