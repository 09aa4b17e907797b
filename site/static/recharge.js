// Inlined at the top of every page's <head> by build.py (its sha256 is in the pages'
// Content-Security-Policy): the one home of the recovery after a deploy. A page kept by a
// cache from before a deploy names hashed files that the deploy removed; when one of ours
// fails to load, or the engine fails and the site now serves another build, the page
// reloads once, which fetches it anew. Once per build at most, so that a broken server
// cannot make it loop.
(function () {
  "use strict";
  var root = document.documentElement;
  var ours = location.origin + root.getAttribute("data-base") + "assets/";
  var pagePath = location.pathname;     // before cal.mjs replaces the address
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
  // Whether a deploy since this page loaded replaced it (the site serves another build).
  // Not for long: on a stalled line the fallback must not wait for this answer; offline,
  // there is no deploy to catch up with.
  function replacedByDeploy() {
    var signal = window.AbortSignal && AbortSignal.timeout ? AbortSignal.timeout(5000) : undefined;
    return fetch(pagePath, { cache: "no-cache", signal: signal }).then(function (response) {
      return response.text();
    }).then(function (page) {
      var build = /data-construction="([^"]*)"/.exec(page);
      return Boolean(build) && build[1] !== root.getAttribute("data-construction");
    }, function () { return false; });
  }
  window.prismeRecharge = {
    // After the engine failed: resolves true when the page reloads (`beforeReload` first,
    // so that the reload brings back what the page shows), false when it stays.
    afterEngineFailure: function (beforeReload) {
      return replacedByDeploy().then(function (replaced) {
        if (!replaced) return false;
        beforeReload();
        return reloadOnce();
      });
    },
  };
  addEventListener("error", function (event) {
    var url = event.target && (event.target.src || event.target.href);
    if (typeof url === "string" && url.indexOf(ours) === 0) reloadOnce();
  }, true);
})();
