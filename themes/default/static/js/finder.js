// Finder filters: narrow the provider list at once, keep the filters in the URL, sort by distance on request.
(function () {
  "use strict";
  var form = document.getElementById("finder-filters");
  var list = document.getElementById("finder-list");
  var count = document.getElementById("finder-count");
  if (!form || !list || !count) return;
  var items = Array.prototype.slice.call(list.querySelectorAll(".facility"));
  var sections = Array.prototype.slice.call(list.querySelectorAll(".province"));
  var here = null;
  // The filters show only where scripts run (CSS `scripting`), so nothing moves as this loads.
  var box = document.getElementById("finder-filters-box");
  if (box && location.search) box.open = true;

  function params() {
    return {
      province: form.province.value,
      kind: form.kind.value,
      free: form.free.checked,
      voluntary: form.voluntary.checked
    };
  }

  function matches(li, p) {
    if (p.province && li.getAttribute("data-province") !== p.province) return false;
    if (p.kind && li.getAttribute("data-kind") !== p.kind) return false;
    if (p.free && li.getAttribute("data-free") !== "1") return false;
    if (p.voluntary && li.getAttribute("data-voluntary") !== "1") return false;
    return true;
  }

  function distance(li) {
    var lat = parseFloat(li.getAttribute("data-lat")), lon = parseFloat(li.getAttribute("data-lon"));
    if (!here || isNaN(lat) || isNaN(lon)) return Infinity;
    var r = Math.PI / 180, dLat = (lat - here[0]) * r, dLon = (lon - here[1]) * r;
    var a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(here[0] * r) * Math.cos(lat * r) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 12742 * Math.asin(Math.sqrt(a));
  }

  function apply(push) {
    var p = params(), n = 0;
    items.forEach(function (li) {
      var ok = matches(li, p);
      li.hidden = !ok;
      if (ok) n++;
    });
    sections.forEach(function (s) {
      var visible = s.querySelectorAll(".facility:not([hidden])").length > 0;
      s.hidden = !visible;
      Array.prototype.forEach.call(s.querySelectorAll("h3"), function (h) {
        var ul = h.nextElementSibling;
        h.hidden = !ul || ul.querySelectorAll(".facility:not([hidden])").length === 0;
      });
    });
    if (here) sortByDistance();
    count.textContent = n === 0 ? count.getAttribute("data-msg-none") : count.getAttribute("data-msg-count").replace("{n}", String(n));
    if (push) {
      var q = new URLSearchParams();
      if (p.province) q.set("province", p.province);
      if (p.kind) q.set("kind", p.kind);
      if (p.free) q.set("free", "1");
      if (p.voluntary) q.set("voluntary", "1");
      var s = q.toString();
      history.replaceState(null, "", location.pathname + (s ? "?" + s : ""));
    }
  }

  function sortByDistance() {
    var uls = list.querySelectorAll("ul.facilities");
    Array.prototype.forEach.call(uls, function (ul) {
      var lis = Array.prototype.slice.call(ul.children);
      lis.sort(function (a, b) { return distance(a) - distance(b); });
      lis.forEach(function (li) { ul.appendChild(li); });
    });
    var secs = sections.slice().sort(function (a, b) {
      return Math.min.apply(null, [Infinity].concat(Array.prototype.map.call(a.querySelectorAll(".facility"), distance))) -
        Math.min.apply(null, [Infinity].concat(Array.prototype.map.call(b.querySelectorAll(".facility"), distance)));
    });
    secs.forEach(function (s) { list.appendChild(s); });
  }

  // A province given by any of its spellings ("sai-gon", "TP HCM", "Quảng Nam"): its option's value.
  function province(v) {
    var slug = (v || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    var hit = Array.prototype.find.call(form.province.options, function (o) {
      return o.value && (o.value === slug || (o.getAttribute("data-aliases") || "").split(" ").indexOf(slug) >= 0);
    });
    return slug && hit ? hit.value : "";
  }

  function fromUrl() {
    var q = new URLSearchParams(location.search);
    form.province.value = province(q.get("province"));
    form.kind.value = q.get("kind") || "";
    form.free.checked = q.get("free") === "1";
    form.voluntary.checked = q.get("voluntary") === "1";
  }

  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  var near = document.getElementById("f-near");
  if (near && navigator.geolocation) {
    near.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (pos) {
        here = [pos.coords.latitude, pos.coords.longitude];
        apply(false);
      }, function () {});
    });
  } else if (near) {
    near.hidden = true;
  }
  fromUrl();
  apply(false);
})();
