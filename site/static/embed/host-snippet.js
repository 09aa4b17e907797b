/* Puts the PRISME calculator into another website: each element marked data-prisme-calculateur
   becomes (a <div>) or is (an <iframe>) a frame of this site's /cal/integre/, prefilled with
   the element's data-* values that name a link's parameters (data-postes="7" → ?postes=7),
   and sized to the calculator's content at every change, so that the page never scrolls
   inside it.

     <div data-prisme-calculateur data-postes="7" data-commune="saint-paul"></div>
     <script src="https://reunioninformatique.com/integrer.js" async></script>

   Only the link parameters' names (rules/offre.yaml) are passed on, so that a CMS's own
   data-* attributes stay out of the link: the build lists them in integrer.json, beside this
   script (served to any origin: Access-Control-Allow-Origin).

   Messages (the other side is embed/embedded-page.mjs): a frame says it is ready; this script
   greets it at this site's origin only, and takes a height only from this site's origin and
   from the window of one of its frames. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var site = new URL(".", script.src);              // where this script, and the calculator, live
  var frames = [];

  function frameAddress(element, parameters) {
    var query = new URLSearchParams();
    parameters.forEach(function (name) {
      if (element.dataset[name] !== undefined) query.set(name, element.dataset[name]);
    });
    var search = query.toString();
    return new URL("cal/integre/" + (search ? "?" + search : ""), site).href;
  }

  function greet(frame) {
    frame.contentWindow.postMessage({ type: "prisme-hello" }, site.origin);
  }

  function embed(element, parameters) {
    var frame = element.tagName === "IFRAME" ? element : document.createElement("iframe");
    // « Copier le lien » inside the frame; set before the frame navigates, added to the page's own.
    var allowed = frame.getAttribute("allow");
    if (!/clipboard-write/.test(allowed || "")) frame.setAttribute("allow", (allowed ? allowed + "; " : "") + "clipboard-write");
    frame.title = frame.title || "Calculateur de maintenance informatique";
    frame.style.width = "100%";
    frame.style.border = "0";
    frame.style.height = frame.style.height || "60rem";   // until the calculator says its height
    if (frame !== element) {
      frame.src = frameAddress(element, parameters);
      element.replaceWith(frame);
    }
    frame.addEventListener("load", function () { greet(frame); });
    frames.push(frame);
    // A frame of the page that loaded before this script ran: greeted now (a frame not loaded
    // yet drops it, and is greeted at its load; one loading meanwhile says it is ready).
    if (frame === element) greet(frame);
  }

  addEventListener("message", function (event) {
    if (event.origin !== site.origin || !event.data) return;
    frames.forEach(function (frame) {
      if (frame.contentWindow !== event.source) return;
      // A frame that loaded before this script ran says it is ready: it is greeted then.
      if (event.data.type === "prisme-ready") greet(frame);
      var height = Number(event.data.height);
      if (event.data.type === "prisme-height" && height > 0 && height < 100000) frame.style.height = height + "px";
    });
  });

  // Without the list (a network failure), the frames open with the calculator's defaults.
  function start() {
    fetch(new URL("integrer.json", site).href).then(function (response) {
      return response.ok ? response.json() : { parametres: [] };
    }).catch(function () { return { parametres: [] }; }).then(function (embedding) {
      document.querySelectorAll("[data-prisme-calculateur]").forEach(function (element) {
        embed(element, embedding.parametres);
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
