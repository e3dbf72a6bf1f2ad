// Registers the site's service worker (sw.js at the site's root), which keeps the help lines,
// the finder and the pages a resident opened for when the connection drops.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-sw");
  if (!url || !("serviceWorker" in navigator)) return;
  window.addEventListener("load", function () {
    // Ask for a newer worker on every page: a new build then replaces the kept pages at once.
    navigator.serviceWorker.register(url).then(function (reg) { return reg.update(); }).catch(function () {});
  });
})();
