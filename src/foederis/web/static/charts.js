// Charts drawn with Chart.js (vendored: static/vendor/chartjs, no CDN). The data come from
// <script type="application/json"> blocks the server renders; the same numbers are on the
// page as text (tables, captions) for readers without JavaScript or a screen.
(function () {
  "use strict";
  if (!window.Chart) return;

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function done(canvas) {
    canvas.setAttribute("data-drawn", "true");
  }
  var axisFont = { size: 12 };

  var hist = data("history-data");
  var histCanvas = document.getElementById("history-chart");
  if (hist && histCanvas) {
    new window.Chart(histCanvas, {
      type: "bar",
      data: {
        labels: hist.years,
        datasets: hist.datasets.map(function (d) {
          return { label: d.label, data: d.counts, backgroundColor: d.color, stack: "all" };
        }),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked: true, ticks: { font: axisFont, autoSkip: true, maxRotation: 0 } },
          y: {
            stacked: true,
            beginAtZero: true,
            ticks: { precision: 0, font: axisFont },
            title: { display: true, text: "states owing a defense obligation", font: axisFont },
          },
        },
        plugins: { legend: { position: "bottom", labels: { font: axisFont } } },
      },
    });
    done(histCanvas);
  }

  var mem = data("membership-data");
  var memCanvas = document.getElementById("membership-chart");
  if (mem && memCanvas) {
    new window.Chart(memCanvas, {
      type: "line",
      data: {
        labels: mem.years,
        datasets: [
          {
            label: mem.label,
            data: mem.counts,
            stepped: true,
            borderColor: mem.color,
            backgroundColor: mem.color + "33",
            fill: true,
            pointRadius: 0,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { ticks: { font: axisFont, autoSkip: true, maxRotation: 0 } },
          y: { beginAtZero: true, ticks: { precision: 0, font: axisFont }, title: { display: true, text: "members", font: axisFont } },
        },
        plugins: { legend: { display: false } },
      },
    });
    done(memCanvas);
  }
})();
