// Inlined at the top of every page's <head> by build.py (its sha256 is in the pages'
// Content-Security-Policy). A page kept by a cache from before a deploy names hashed files
// that the deploy removed; when one of ours fails to load, the page reloads once, which
// fetches it anew. Once per build at most, so that a broken server cannot make it loop.
(function () {
  "use strict";
  var root = document.documentElement;
  var ours = location.origin + root.getAttribute("data-base") + "assets/";
  function reloadOnce() {
    var build = root.getAttribute("data-construction");
    try {
      if (sessionStorage.getItem("prisme-recharge") === build) return false;
      sessionStorage.setItem("prisme-recharge", build);
    } catch (error) {
      return false;
    }
    location.reload();
    return true;
  }
  window.prismeRecharger = reloadOnce;
  addEventListener("error", function (event) {
    var url = event.target && (event.target.src || event.target.href);
    if (typeof url === "string" && url.indexOf(ours) === 0) reloadOnce();
  }, true);
})();
