// Overblik: draw the report's charts with Chart.js from the JSON data block the page carries.
"use strict";
(function () {
  const source = document.getElementById("report-data");
  if (!source || typeof Chart === "undefined") return;
  const report = JSON.parse(source.textContent);
  const names = report.topic_names || {};
  const colours = { answered: "#1f6f8b", notAnswered: "#e07b39", up: "#2e7d32", down: "#c62828", topic: "#5b5fc7" };

  Chart.defaults.font.family = "system-ui, 'Segoe UI', Roboto, sans-serif";
  Chart.defaults.animation = false; // draw at once: owners read numbers, and screenshots stay stable
  Chart.defaults.maintainAspectRatio = false;

  const weekLabel = (week) => "uge " + Number(week.week.split("-W")[1]);
  new Chart(document.getElementById("chart-weeks"), {
    type: "bar",
    data: {
      labels: report.weeks.map(weekLabel),
      datasets: [
        { label: "Besvaret", data: report.weeks.map((w) => w.answered), backgroundColor: colours.answered },
        { label: "Ikke besvaret", data: report.weeks.map((w) => w.not_answered), backgroundColor: colours.notAnswered },
      ],
    },
    options: {
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { tooltip: { callbacks: { title: (items) => report.weeks[items[0].dataIndex].week } } },
    },
  });

  const topics = Object.entries(report.by_topic).sort((a, b) => b[1] - a[1]);
  new Chart(document.getElementById("chart-topics"), {
    type: "bar",
    data: {
      labels: topics.map(([id]) => names[id] || id),
      datasets: [{ label: "Svar", data: topics.map(([, n]) => n), backgroundColor: colours.topic }],
    },
    options: {
      indexAxis: "y",
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { display: false } },
    },
  });

  const votes = report.feedback_by_bullet
    .slice()
    .sort((a, b) => b.up + b.down - (a.up + a.down))
    .slice(0, 15); // the most voted bullets; the rest are in the CSV and JSON
  new Chart(document.getElementById("chart-feedback"), {
    type: "bar",
    data: {
      labels: votes.map((v) => v.bullet || (names[v.topic] || v.topic) + " (hele svaret)"),
      datasets: [
        { label: "👍", data: votes.map((v) => v.up), backgroundColor: colours.up },
        { label: "👎", data: votes.map((v) => v.down), backgroundColor: colours.down },
      ],
    },
    options: {
      indexAxis: "y",
      scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } },
    },
  });
})();
