// Charts of the dashboard, drawn with the vendored ECharts (no network needed).
// Tooltips are drawn on the canvas ("richText"): ECharts' HTML tooltips carry
// style attributes, which the pages' Content-Security-Policy refuses.
(function () {
  var data = JSON.parse(document.getElementById("data").textContent);
  var tip = { renderMode: "richText" };
  function bars(id, pairs, horizontal) {
    var chart = echarts.init(document.getElementById(id));
    var names = pairs.map(function (p) { return p[0]; });
    var values = pairs.map(function (p) { return p[1]; });
    var category = { type: "category", data: names, axisLabel: { interval: 0, rotate: horizontal ? 0 : 30 } };
    var value = { type: "value", minInterval: 1 };
    chart.setOption({
      animation: false, grid: { left: horizontal ? 90 : 40, right: 20, top: 20, bottom: 60 },
      tooltip: tip, xAxis: horizontal ? value : category, yAxis: horizontal ? category : value,
      series: [{ type: "bar", data: values, itemStyle: { color: "#b22222" } }]
    });
  }
  bars("by-destination", data.destination, false);
  bars("by-industry", data.industry, true);
  bars("by-category", data.category, true);
  var trend = echarts.init(document.getElementById("trend"));
  trend.setOption({
    animation: false, tooltip: { trigger: "axis", renderMode: "richText" }, legend: { data: ["失联", "欠交党费"] },
    grid: { left: 40, right: 20, top: 40, bottom: 40 },
    xAxis: { type: "category", data: data.trend.map(function (t) { return t.month; }) },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: "失联", type: "line", data: data.trend.map(function (t) { return t.lost; }) },
      { name: "欠交党费", type: "line", data: data.trend.map(function (t) { return t.dues; }) }
    ]
  });
})();
