/* Charts drawn with the vendored Chart.js. Each chart repeats data that a table on the
   page already gives, so nothing is lost without JavaScript or a screen. */
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") return;
  var Chart = window.Chart;
  var ink = "#1d2327", muted = "#66707a", line = "#e3e1da", accent = "#1f5f5b";
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = muted;
  Chart.defaults.animation = false;

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  var criteria = data("criteria-data");
  var canvas = document.getElementById("criteria-chart");
  if (criteria && canvas) {
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: criteria.labels,
        datasets: [{ label: "Score out of 4", data: criteria.scores, backgroundColor: accent, borderRadius: 4, barThickness: 16 }]
      },
      options: {
        indexAxis: "y", responsive: true, maintainAspectRatio: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (c) { return c.parsed.x + " of 4"; } } } },
        scales: {
          x: { min: 0, max: 4, ticks: { stepSize: 1 }, grid: { color: line } },
          y: { ticks: { color: ink, font: { weight: "600" } }, grid: { display: false } }
        }
      }
    });
  }

  var series = data("series-data");
  if (series) {
    document.querySelectorAll("canvas[data-series]").forEach(function (el) {
      var s = series[el.getAttribute("data-series")];
      if (!s) return;
      new Chart(el, {
        type: "line",
        data: {
          labels: s.labels,
          datasets: [
            { label: s.name, data: s.points, borderColor: accent, backgroundColor: accent, pointRadius: 4, pointStyle: "rectRot", tension: 0.25 },
            { label: "Lean-hire bar (2.5)", data: s.points.map(function () { return 2.5; }), borderColor: "#9aa1a8", borderDash: [5, 4], pointRadius: 0, borderWidth: 1.5 }
          ]
        },
        options: {
          responsive: true, maintainAspectRatio: false,
          plugins: { legend: { display: false } },
          scales: { y: { min: 1, max: 4, ticks: { stepSize: 1 }, grid: { color: line } }, x: { grid: { display: false } } }
        }
      });
      var table = el.closest("figure").querySelector("[data-chart-table]");
      if (table) table.removeAttribute("open");
    });
  }
})();
