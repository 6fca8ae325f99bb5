/* The pay spread chart of /compare, drawn with the vendored Chart.js: for each offer, its
   median pay per vesting year as a line and the 10th to 90th percentile as a band. The
   tables under the chart give the same numbers, so nothing is lost without it. */
(function () {
  "use strict";
  var el = document.getElementById("pay-data");
  var canvas = document.getElementById("pay-chart");
  if (!el || !canvas || typeof window.Chart === "undefined") return;
  var data = JSON.parse(el.textContent);
  var colours = ["#1f5f5b", "#9a4d1c", "#4b4f9c"];
  var datasets = [];
  data.scenarios.forEach(function (s, i) {
    var c = colours[i % colours.length];
    datasets.push({ label: s.name + " p90", data: s.p90, borderColor: c, borderWidth: 1, borderDash: [4, 3], pointRadius: 0, fill: false });
    datasets.push({ label: s.name + " p10 to p90", data: s.p10, borderColor: c, borderWidth: 1, borderDash: [4, 3], pointRadius: 0, backgroundColor: c + "22", fill: "-1" });
    datasets.push({ label: s.name + " median", data: s.p50, borderColor: c, backgroundColor: c, borderWidth: 2.5, pointRadius: 4, fill: false });
  });
  window.Chart.defaults.animation = false;
  new window.Chart(canvas, {
    type: "line",
    data: { labels: data.years, datasets: datasets },
    options: {
      responsive: true, maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      plugins: {
        legend: { labels: { filter: function (item) { return !/ p90$/.test(item.text); } } },
        tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + Math.round(c.parsed.y).toLocaleString(); } } }
      },
      scales: { y: { beginAtZero: false, ticks: { callback: function (v) { return Number(v).toLocaleString(); } } } }
    }
  });
})();
