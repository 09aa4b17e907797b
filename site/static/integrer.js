/* Puts the PRISME calculator into another website: each element marked data-prisme-calculateur
   becomes (a <div>) or is (an <iframe>) a frame of this site's /cal/integre/, prefilled with
   the element's data-* values as a link's parameters (data-postes="7" → ?postes=7), and
   sized to the calculator's content at every change, so that the page never scrolls inside it.

     <div data-prisme-calculateur data-postes="7" data-commune="saint-paul"></div>
     <script src="https://reunioninformatique.com/integrer.js" async></script>

   Messages: this script greets each frame at this site's origin only; it takes a height only
   from this site's origin, and only from the window of one of its frames. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var site = new URL(".", script.src);              // where this script, and the calculator, live
  var frames = [];

  function frameAddress(element) {
    var query = new URLSearchParams();
    Object.keys(element.dataset).forEach(function (key) {
      if (key !== "prismeCalculateur") query.set(key, element.dataset[key]);
    });
    var search = query.toString();
    return new URL("cal/integre/" + (search ? "?" + search : ""), site).href;
  }

  function frameFor(element) {
    if (element.tagName === "IFRAME") return element;
    var frame = document.createElement("iframe");
    frame.src = frameAddress(element);
    element.replaceWith(frame);
    return frame;
  }

  function greet(frame) {
    frame.contentWindow.postMessage({ type: "prisme-bonjour" }, site.origin);
  }

  document.querySelectorAll("[data-prisme-calculateur]").forEach(function (element) {
    var frame = frameFor(element);
    frame.title = frame.title || "Calculateur de maintenance informatique";
    frame.setAttribute("allow", "clipboard-write");    // « Copier le lien » inside the frame
    frame.style.width = "100%";
    frame.style.border = "0";
    frame.style.height = frame.style.height || "60rem";   // until the calculator says its height
    frame.addEventListener("load", function () { greet(frame); });
    frames.push(frame);
  });

  addEventListener("message", function (event) {
    if (event.origin !== site.origin || !event.data || event.data.type !== "prisme-hauteur") return;
    var height = Number(event.data.hauteur);
    if (!(height > 0 && height < 100000)) return;
    frames.forEach(function (frame) {
      if (frame.contentWindow === event.source) frame.style.height = height + "px";
    });
  });
})();
