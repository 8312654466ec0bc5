// Draws the dashboard's charts from the figures the page embeds; the tables beside them hold the same numbers.
(function () {
    'use strict';
    var source = document.getElementById('dashboard-data');
    if (!source || typeof window.echarts === 'undefined') {
        return;
    }

    var data = JSON.parse(source.textContent);
    var palette = { red: '#dc2626', orange: '#f59e0b', yellow: '#facc15' };
    var charts = [];

    function draw(id, option) {
        var element = document.getElementById(id);
        if (!element) {
            return;
        }
        var chart = window.echarts.init(element, null, { renderer: 'canvas' });
        chart.setOption(option);
        charts.push(chart);
    }

    // Every bar carries its colour's name and value as a label, so colour is never the only cue.
    draw('chart-colours', {
        animation: false,
        grid: { left: 50, right: 20, top: 20, bottom: 30 },
        xAxis: { type: 'category', data: data.colours.map(function (c) { return c.name; }) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{
            type: 'bar',
            label: { show: true, position: 'top' },
            data: data.colours.map(function (c) { return { value: c.value, itemStyle: { color: palette[c.code] } }; })
        }]
    });

    draw('chart-levels', {
        animation: false,
        grid: { left: 50, right: 20, top: 20, bottom: 30 },
        xAxis: { type: 'category', data: data.levels.map(function (l) { return l.name; }) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', itemStyle: { color: '#1d4ed8' }, label: { show: true, position: 'top' }, data: data.levels.map(function (l) { return l.value; }) }]
    });

    draw('chart-units', {
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 50, right: 20, top: 40, bottom: 60 },
        xAxis: { type: 'category', data: data.units.names, axisLabel: { interval: 0, rotate: data.units.names.length > 6 ? 30 : 0 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: data.units.series.map(function (s) {
            return { name: s.name, type: 'bar', stack: 'open', itemStyle: { color: palette[s.code] }, data: s.values };
        })
    });

    draw('chart-weeks', {
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 50, right: 20, top: 40, bottom: 50 },
        xAxis: { type: 'category', data: data.weeks.names, axisLabel: { rotate: 30 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
            { name: data.weeks.createdName, type: 'line', data: data.weeks.created, itemStyle: { color: '#1d4ed8' } },
            { name: data.weeks.closedName, type: 'line', data: data.weeks.closed, itemStyle: { color: '#166534' }, lineStyle: { type: 'dashed' } }
        ]
    });

    window.addEventListener('resize', function () {
        charts.forEach(function (c) { c.resize(); });
    });
}());
