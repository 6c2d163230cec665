// JobGen dashboard: the live chart, "select page" checkboxes and confirmations. Served from the assembly; no inline
// script anywhere (the CSP allows only this file). No framework, no dependency.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function el(name, attrs) {
    var node = document.createElementNS(SVG, name);
    for (var key in attrs) { node.setAttribute(key, attrs[key]); }
    return node;
  }

  function liveChart(host) {
    var url = host.getAttribute("data-stats-url");
    var interval = parseInt(host.getAttribute("data-interval"), 10) || 2000;
    var points = []; // { t, processed, failed } per second
    var last = null;
    var width = 900, height = 180, top = 10, bottom = 160, keep = 60;

    function draw() {
      var svg = el("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "Jobs processed and failed per second" });
      var max = 1;
      points.forEach(function (p) { max = Math.max(max, p.processed, p.failed); });
      for (var g = 0; g <= 4; g++) {
        var y = bottom - (bottom - top) * g / 4;
        svg.appendChild(el("line", { "class": "gridline", x1: 40, x2: width, y1: y, y2: y }));
        var label = el("text", { x: 34, y: y + 4, "text-anchor": "end" });
        label.textContent = (max * g / 4).toFixed(max < 8 ? 1 : 0);
        svg.appendChild(label);
      }
      var step = (width - 40) / (keep - 1);
      function path(key) {
        return points.map(function (p, i) {
          var x = 40 + (keep - points.length + i) * step;
          var y = bottom - (bottom - top) * p[key] / max;
          return (i === 0 ? "M" : "L") + x.toFixed(1) + " " + y.toFixed(1);
        }).join(" ");
      }
      if (points.length > 1) {
        var firstX = 40 + (keep - points.length) * step;
        svg.appendChild(el("path", { "class": "area-processed", d: path("processed") + " L" + width + " " + bottom + " L" + firstX.toFixed(1) + " " + bottom + " Z" }));
        svg.appendChild(el("path", { "class": "line-processed", d: path("processed") }));
        svg.appendChild(el("path", { "class": "line-failed", d: path("failed") }));
      }
      host.replaceChildren(svg);
      host.setAttribute("data-samples", String(points.length));
      var now = points.length ? points[points.length - 1] : null;
      host.setAttribute("data-last-processed-rate", now ? now.processed.toFixed(2) : "0");
    }

    function setText(id, value) {
      var node = document.getElementById(id);
      if (node) { node.textContent = value.toLocaleString("en-US"); }
    }

    function poll() {
      fetch(url, { headers: { "Accept": "application/json" }, cache: "no-store", credentials: "same-origin" })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (s) {
          if (last && s.at > last.at) {
            var seconds = (s.at - last.at) / 1000;
            points.push({ processed: Math.max(0, (s.processed - last.processed) / seconds), failed: Math.max(0, (s.failed - last.failed) / seconds) });
            if (points.length > keep) { points.shift(); }
            draw();
          }
          last = s;
          setText("total-processed", s.processed);
          setText("total-failed", s.failed);
        })
        .catch(function () { var status = document.getElementById("live-status"); if (status) { status.textContent = "The dashboard cannot reach the server; retrying."; } })
        .finally(function () { setTimeout(poll, interval); });
    }

    draw();
    poll();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var chart = document.getElementById("live-chart");
    if (chart) { liveChart(chart); }

    document.querySelectorAll("[data-select-all]").forEach(function (box) {
      box.addEventListener("change", function () {
        box.form.querySelectorAll("input[type=checkbox][name=id]").forEach(function (c) { c.checked = box.checked; });
      });
    });

    document.querySelectorAll("button[data-confirm]").forEach(function (button) {
      button.addEventListener("click", function (e) {
        if (!window.confirm(button.getAttribute("data-confirm"))) { e.preventDefault(); }
      });
    });
  });
})();
