'use strict';
// The statistics page: visitors per day and branch as a uPlot chart (served from the hub's jar, no CDN), the
// same days as a table with loans, returns and renewals, and the CSV of that table. The period is in the URL
// (?from=&to=) so that a view can be bookmarked; the hub answers the last 7 days when there is none.
const params = new URLSearchParams(location.search);
const PALETTE = ['#0b5cad', '#c2410c', '#15803d', '#7e22ce', '#b91c1c', '#0e7490', '#a16207', '#be185d'];
const TRUE_ALARM = '#b91c1c';
const DISARM_FAILURE = '#a16207';
let stats = null;
let chart = null;
let alarmsChart = null;
const nameOf = code => (stats && stats.branchNames && stats.branchNames[code]) || code;
const number = n => n.toLocaleString(locale());

const el = (tag, text, cls) => {
  const e = document.createElement(tag);
  if (text != null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
};
// A day of the API (YYYY-MM-DD) as this browser's local midnight, in seconds: uPlot's time axis.
const daySeconds = iso => { const [y, m, d] = iso.split('-').map(Number); return new Date(y, m - 1, d).getTime() / 1000; };
const dayLabel = (seconds, style) => new Date(seconds * 1000).toLocaleDateString(locale(), style);
const localDay = iso => dayLabel(daySeconds(iso), { dateStyle: 'medium' });

function periodQuery() {
  const q = new URLSearchParams();
  if (params.get('from')) q.set('from', params.get('from'));
  if (params.get('to')) q.set('to', params.get('to'));
  if (params.get('branch')) q.set('branch', params.get('branch'));
  return q;
}

// Every day of the period, so that a day nobody came is a zero on the chart, not a gap bridged by the line.
function days(from, to) {
  const out = [];
  for (let s = daySeconds(from), end = daySeconds(to); s <= end; ) {
    out.push(s);
    const d = new Date(s * 1000);
    s = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime() / 1000;
  }
  return out;
}

function drawChart() {
  const box = document.getElementById('chart');
  if (chart) chart.destroy();
  box.replaceChildren();
  const x = days(stats.period.from, stats.period.to);
  const branches = [...new Set(stats.visitsByDay.map(v => v.branch))].sort();
  const data = [x];
  const series = [{ label: t().date, value: (u, v) => (v == null ? '—' : dayLabel(v, { dateStyle: 'medium' })) }];
  branches.forEach((branch, i) => {
    const perDay = new Map(stats.visitsByDay.filter(v => v.branch === branch).map(v => [daySeconds(v.date), v.entries]));
    data.push(x.map(s => perDay.get(s) || 0));
    series.push({ label: nameOf(branch), stroke: PALETTE[i % PALETTE.length], width: 2, points: { show: true, size: 6 } });
  });
  chart = new uPlot({
    width: Math.max(320, box.clientWidth || 800), height: 300, series,
    scales: { x: { time: true } },
    axes: [
      // Whole days only: left to itself uPlot also ticks every few hours, each labelled with its day.
      { incrs: [86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400],
        values: (u, splits) => splits.map(s => dayLabel(s, { day: 'numeric', month: 'short' })) },
      { label: t().entries }
    ]
  }, data, box);
}

function drawTable() {
  const rows = new Map(); // "date|branch" -> the day's numbers
  const row = (date, branch) => {
    const key = date + '|' + branch;
    if (!rows.has(key)) rows.set(key, { date, branch, entries: 0, exits: 0, checkouts: 0, returns: 0, renewals: 0,
      trueAlarms: 0, disarmFailures: 0, shuttled: 0, ridesSaved: 0 });
    return rows.get(key);
  };
  stats.visitsByDay.forEach(v => Object.assign(row(v.date, v.branch), { entries: v.entries, exits: v.exits }));
  stats.circulationByDay.forEach(c => Object.assign(row(c.date, c.branch),
    { checkouts: c.checkouts, returns: c.returns, renewals: c.renewals }));
  (stats.alarmsByDay || []).forEach(a => Object.assign(row(a.date, a.branch),
    { trueAlarms: a.trueAlarms, disarmFailures: a.disarmFailures }));
  (stats.transitsByDay || []).forEach(d => Object.assign(row(d.date, d.branch),
    { shuttled: d.shuttled, ridesSaved: d.ridesSaved }));
  const body = document.getElementById('days');
  body.replaceChildren();
  const sorted = [...rows.values()].sort((a, b) => (a.date + a.branch).localeCompare(b.date + b.branch));
  if (sorted.length === 0) {
    const tr = el('tr');
    const td = el('td', t().noActivity, 'empty');
    td.colSpan = 11;
    tr.append(td);
    body.append(tr);
  }
  for (const r of sorted) {
    const tr = el('tr');
    const branch = el('td', r.branch);
    if (nameOf(r.branch) !== r.branch) branch.title = nameOf(r.branch);
    tr.append(el('td', localDay(r.date)), branch);
    ['entries', 'exits', 'checkouts', 'returns', 'renewals', 'trueAlarms', 'disarmFailures', 'shuttled',
      'ridesSaved'].forEach(k => tr.append(el('td', number(r[k]), 'n')));
    body.append(tr);
  }
}

// True alarms and disarm failures per day, over the branches shown: two lines on one chart.
function drawAlarms() {
  const box = document.getElementById('alarms-chart');
  if (alarmsChart) alarmsChart.destroy();
  box.replaceChildren();
  const x = days(stats.period.from, stats.period.to);
  const sum = key => {
    const perDay = new Map();
    (stats.alarmsByDay || []).forEach(a => perDay.set(daySeconds(a.date), (perDay.get(daySeconds(a.date)) || 0) + a[key]));
    return x.map(s => perDay.get(s) || 0);
  };
  alarmsChart = new uPlot({
    width: Math.max(320, box.clientWidth || 800), height: 260,
    series: [{ label: t().date, value: (u, v) => (v == null ? '—' : dayLabel(v, { dateStyle: 'medium' })) },
      { label: t().trueAlarms, stroke: TRUE_ALARM, width: 2, points: { show: true, size: 6 } },
      { label: t().disarmFailures, stroke: DISARM_FAILURE, width: 2, dash: [6, 4], points: { show: true, size: 6 } }],
    scales: { x: { time: true } },
    axes: [
      { incrs: [86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400],
        values: (u, splits) => splits.map(s => dayLabel(s, { day: 'numeric', month: 'short' })) },
      { label: t().alarmsAxis, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] }
    ]
  }, [x, sum('trueAlarms'), sum('disarmFailures')], box);
}

function emptyRow(body, text, span) {
  const tr = el('tr');
  const td = el('td', text, 'empty');
  td.colSpan = span;
  tr.append(td);
  body.append(tr);
}

function drawOccupancy() {
  const body = document.getElementById('occupancy');
  body.replaceChildren();
  if ((stats.occupancy || []).length === 0) emptyRow(body, t().nobodyToday, 4);
  for (const o of stats.occupancy || []) {
    const tr = el('tr');
    tr.dataset.branch = o.branch;
    tr.append(el('td', nameOf(o.branch)), el('td', number(o.entries), 'n'), el('td', number(o.exits), 'n'),
      el('td', number(o.present), 'n'));
    body.append(tr);
  }
}

function drawRoutes() {
  const body = document.getElementById('routes');
  body.replaceChildren();
  const routes = stats.transitsByRoute || [];
  if (routes.length === 0) emptyRow(body, t().noTransit, 2);
  for (const r of routes) {
    const tr = el('tr');
    tr.append(el('td', r.route ? r.name : t().noRoute), el('td', number(r.transits), 'n'));
    body.append(tr);
  }
  const days = stats.transitsByDay || [];
  document.getElementById('rides').textContent = t().ridesInPeriod(
    number(days.reduce((n, d) => n + d.ridesSaved, 0)), number(days.reduce((n, d) => n + d.shuttled, 0)));
}

// The branches to choose from: those the network names, and any seen in an answer (kept when one is chosen).
const knownBranches = new Set();
function drawBranches() {
  Object.keys(stats.branchNames || {}).forEach(b => knownBranches.add(b));
  [stats.visitsByDay, stats.circulationByDay, stats.alarmsByDay, stats.occupancy]
    .forEach(list => (list || []).forEach(x => knownBranches.add(x.branch)));
  const select = document.getElementById('branch');
  const chosen = params.get('branch') || '';
  const options = [el('option', t().wholeNetwork)];
  options[0].value = '';
  [...knownBranches].sort().forEach(code => {
    const o = el('option', nameOf(code) === code ? code : `${nameOf(code)} (${code})`);
    o.value = code;
    options.push(o);
  });
  if (chosen && !options.some(o => o.value === chosen)) {
    const o = el('option', chosen);
    o.value = chosen;
    options.push(o);
  }
  select.replaceChildren(...options);
  select.value = chosen;
}

function draw() {
  if (!stats) return;
  drawBranches();
  drawOccupancy();
  drawAlarms();
  drawRoutes();
  document.getElementById('status').textContent =
    t().period(localDay(stats.period.from), localDay(stats.period.to), stats.period.zone);
  drawChart();
  drawTable();
}

async function load() {
  const q = periodQuery();
  const res = await fetch('/api/stats?' + q);
  const body = await res.json();
  if (!res.ok) {
    document.getElementById('status').textContent = body.error;
    return;
  }
  stats = body;
  document.getElementById('from').value = stats.period.from;
  document.getElementById('to').value = stats.period.to;
  q.set('from', stats.period.from);
  q.set('to', stats.period.to);
  if (params.get('branch')) q.set('branch', params.get('branch'));
  q.set('format', 'csv');
  document.getElementById('csv').href = '/api/stats?' + q;
  draw();
}

document.getElementById('period-form').addEventListener('submit', e => {
  e.preventDefault();
  params.set('from', document.getElementById('from').value);
  params.set('to', document.getElementById('to').value);
  if (document.getElementById('branch').value) params.set('branch', document.getElementById('branch').value);
  else params.delete('branch');
  history.replaceState(null, '', '?' + params);
  load().catch(err => { document.getElementById('status').textContent = t().unreachable + err; });
});
languageToggle(draw, 'statsTitle');
load().catch(err => { document.getElementById('status').textContent = t().unreachable + err; });
