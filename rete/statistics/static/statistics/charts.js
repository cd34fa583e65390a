// Statistics charts: a horizontal bar chart for every canvas with a data-chart-data
// attribute, from the JSON that the page carries in the script element of that id
// (json_script: the CSP forbids inline scripts). Each chart repeats a table that is on the
// page beside it and complete without it, so charts are hidden from assistive technology.
// A suppressed value is null: no bar, never a zero.
(function () {
  "use strict";
  if (!window.Chart) { return; }
  // Bootstrap Italia's blues with contrasting hues; told apart by the legend and the table.
  var COLOURS = ["#0066cc", "#f08c00", "#004d99", "#5c6f82", "#00a3a3", "#a6215c", "#6aa84f"];
  var language = document.documentElement.lang || "it";
  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function read(id) {
    var element = document.getElementById(id);
    if (!element) { return null; }
    try { return JSON.parse(element.textContent); } catch (e) { return null; }
  }

  function draw(canvas) {
    var data = read(canvas.getAttribute("data-chart-data"));
    if (!data || !data.labels || !data.labels.length) { return; }
    var series = data.datasets.length;
    // A height that gives every bar room, whatever the number of rows and columns.
    var box = canvas.parentNode;
    box.style.height = Math.max(160, data.labels.length * (series * 14 + 14) + (series > 1 ? 40 : 16)) + "px";
    data.datasets.forEach(function (dataset, index) {
      dataset.backgroundColor = COLOURS[index % COLOURS.length];
      dataset.borderWidth = 0;
    });
    var numbers = new Intl.NumberFormat(language);
    new window.Chart(canvas, {
      type: "bar",
      data: data,
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: reducedMotion ? false : { duration: 300 },
        plugins: {
          legend: { display: series > 1, position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (item) {
                return (series > 1 ? item.dataset.label + ": " : "") + numbers.format(item.raw);
              }
            }
          }
        },
        scales: {
          x: { beginAtZero: true, ticks: { precision: 0, callback: function (value) { return numbers.format(value); } } },
          y: { ticks: { autoSkip: false } }
        }
      }
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart-data]"), draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
