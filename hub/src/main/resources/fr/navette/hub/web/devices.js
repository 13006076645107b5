'use strict';
// The devices page (admins): every device the hub has heard from or made an identity for, with its health, and
// what an admin does to it — silence its alarm, test it, re-sync, send a configuration, revoke it; enrolling a
// new device (the hub draws the string's QR code); what the MQTT broker refused. Reads under /api/admin/ need
// an admin's session.
const KINDS = ['gate', 'self-check', 'return-box', 'monitor'];
let devices = [];
let identities = null; // null: not readable (not an admin, or no identities on this hub)
let branches = new Map();
let refusals = null;
let editing = null;
let enrolment = null; // the string last created, shown again in the other language

const el = (tag, text, cls) => {
  const e = document.createElement(tag);
  if (text != null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
};
const said = (table, value) => (t()[table][value] || value);
const branchName = code => branches.get(code) || code;

// A call in the admin's session: staff-nav.js adds the CSRF token to every change and sends a 401 (session ended)
// to the login page; scripts use the API with a bearer token instead of this page.
function call(url, method = 'GET', body) {
  return fetch(url, {
    method,
    body: method === 'GET' ? undefined : (body === undefined ? '' : JSON.stringify(body)),
    headers: method === 'GET' ? {} : { 'Content-Type': 'application/json' }
  });
}

function status(text, kind) {
  const s = document.getElementById('status');
  s.textContent = text;
  s.className = kind || '';
}

// "il y a 3 minutes" / "3 minutes ago", in the page's language.
function ago(iso) {
  if (!iso) return t().never;
  const seconds = Math.round((new Date(iso).getTime() - Date.now()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}

// A device's kind: its identity's, else what its id says (gate-…, kiosk-…), else unknown.
function kindOf(d) {
  if (d.identity) return d.identity.kind;
  const id = d.deviceId;
  if (id.startsWith('gate')) return 'gate';
  if (id.startsWith('kiosk') || id.startsWith('self-check')) return 'self-check';
  if (id.startsWith('box') || id.startsWith('return')) return 'return-box';
  return 'unknown';
}

// Devices heard from and identities made, one line per device id.
function rows() {
  const byId = new Map();
  for (const d of devices) byId.set(d.deviceId, { deviceId: d.deviceId, site: d.site, health: d, identity: null });
  for (const i of identities || []) {
    const row = byId.get(i.deviceId) || { deviceId: i.deviceId, site: i.site, health: null, identity: null };
    row.identity = i;
    byId.set(i.deviceId, row);
  }
  return [...byId.values()].sort((a, b) => (a.site + a.deviceId).localeCompare(b.site + b.deviceId));
}

function stateCell(value, table) {
  const td = el('td');
  if (value == null) {
    td.textContent = '—';
  } else {
    td.append(el('span', said(table, value), 'state-' + value));
  }
  return td;
}

function button(text, cls, onClick) {
  const b = el('button', text, cls);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

function drawDevices() {
  const body = document.getElementById('devices');
  body.replaceChildren();
  const all = rows();
  if (all.length === 0) {
    const tr = el('tr');
    const td = el('td', t().noDevice, 'empty');
    td.colSpan = 11;
    tr.append(td);
    body.append(tr);
  }
  for (const r of all) {
    const h = r.health || {};
    const kind = kindOf(r);
    const tr = el('tr');
    tr.dataset.device = r.deviceId;
    tr.append(el('td', r.deviceId));
    const site = el('td', branchName(r.site));
    site.title = r.site;
    tr.append(site, el('td', said('kinds', kind)));
    const health = stateCell(h.state, 'deviceStates');
    health.classList.add('health');
    if (h.lastError) health.append(el('span', h.lastError, 'small'));
    if (h.lastCommandAck) health.append(el('span', t().lastCommand + h.lastCommandAck, 'small'));
    tr.append(health);
    const seen = el('td', r.health ? ago(h.lastSeen) : '—', 'seen');
    if (h.lastSeen) seen.title = new Date(h.lastSeen).toLocaleString(locale());
    tr.append(seen);
    const outbox = el('td', h.outboxDepth == null ? '—' : h.outboxDepth.toLocaleString(locale()), 'n');
    if (h.outboxOldestAgeSeconds) outbox.title = t().outboxOld(ago(new Date(Date.now()
      - h.outboxOldestAgeSeconds * 1000).toISOString()));
    tr.append(outbox, stateCell(h.readerState, 'readerStates'), stateCell(h.printerState, 'printerStates'));
    const config = el('td', r.health ? t().configVersion(h.configVersionApplied, h.configVersionSent) : '—');
    if (h.configRefusedReason) config.append(el('span', t().configRefused(h.configRefusedReason), 'small'));
    tr.append(config);
    const identity = stateCell(r.identity ? r.identity.state : (identities ? 'none' : null), 'identityStates');
    identity.classList.add('identity');
    tr.append(identity);
    const actions = el('td', null, 'actions');
    if (r.health) {
      if (kind === 'gate') {
        actions.append(button(t().silence, 'silence', () => command(r, 'silence', {}, t().silence)),
          button(t().testAlarm, 'test-alarm', () => command(r, 'test-alarm', { seconds: '3' }, t().testAlarm)));
      }
      actions.append(button(t().resync, 'resync', () => command(r, 'resync', {}, t().resync)),
        button(t().editConfig, 'edit-config', () => openConfig(r)));
    }
    if (r.identity && r.identity.state !== 'revoked') {
      actions.append(button(t().renew, 'renew', () => renew(r)));
      actions.append(button(t().revoke, 'revoke danger', () => revoke(r)));
    }
    tr.append(actions);
    body.append(tr);
  }
}

async function answerOf(res) {
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error || ('HTTP ' + res.status));
  return body;
}

async function command(r, name, args, label) {
  try {
    await answerOf(await call(`/api/devices/${encodeURIComponent(r.deviceId)}/commands`, 'POST', { name, args }));
    status(t().sent(label, r.deviceId), 'done');
  } catch (e) {
    status(t().refused + e.message, 'failed');
  }
}

function openConfig(r) {
  editing = r;
  const section = document.getElementById('config-editor');
  section.hidden = false;
  document.getElementById('config-title').textContent = t().configFor(r.deviceId);
  document.getElementById('config-error').textContent = '';
  document.getElementById('config-settings').value = '';
  document.getElementById('config-settings').focus();
}

// Lines "name=value" into the settings object; the first line that is not one is said and nothing is sent.
function parseSettings(text) {
  const settings = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const at = line.indexOf('=');
    if (at <= 0) throw new Error(t().configLine(i + 1, line));
    settings[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return settings;
}

document.getElementById('config-form').addEventListener('submit', async e => {
  e.preventDefault();
  const error = document.getElementById('config-error');
  error.textContent = '';
  try {
    const settings = parseSettings(document.getElementById('config-settings').value);
    const sent = await answerOf(await call(`/api/devices/${encodeURIComponent(editing.deviceId)}/config`, 'POST',
      { settings }));
    status(t().sent(t().config + ' v' + sent.version, editing.deviceId), 'done');
    document.getElementById('config-editor').hidden = true;
    await load();
  } catch (err) {
    error.textContent = err.message;
  }
});
document.getElementById('config-cancel').addEventListener('click', () => {
  document.getElementById('config-editor').hidden = true;
});

function confirmed(text, okLabel) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-ok').textContent = okLabel;
  return new Promise(resolve => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.showModal();
  });
}

async function revoke(r) {
  if (!(await confirmed(t().confirmRevoke(r.deviceId), t().revokeConfirm))) return;
  try {
    await answerOf(await call(`/api/admin/devices/${encodeURIComponent(r.deviceId)}/revoke`, 'POST'));
    status(t().revoked(r.deviceId), 'done');
    await load();
  } catch (e) {
    status(t().refused + e.message, 'failed');
  }
}

// The enrolment string and its QR code, drawn by the hub as SVG: parsed as SVG (never as HTML) and shown.
function showEnrolment(answer) {
  enrolment = answer;
  drawEnrolment();
  status(t().enrolled(answer.deviceId), 'done');
}

function drawEnrolment() {
  if (!enrolment) return;
  const answer = enrolment;
  document.getElementById('enrolment').hidden = false;
  document.getElementById('enrolment-string').textContent = answer.enrolment;
  document.getElementById('enrolment-expires').textContent =
    t().expires(new Date(answer.expiresAt).toLocaleString(locale()));
  const svg = new DOMParser().parseFromString(answer.qrSvg, 'image/svg+xml').documentElement;
  document.getElementById('enrolment-qr').replaceChildren(document.importNode(svg, true));
}

async function renew(r) {
  try {
    showEnrolment(await answerOf(await call(`/api/admin/devices/${encodeURIComponent(r.deviceId)}/renew`, 'POST')));
    await load();
  } catch (e) {
    status(t().refused + e.message, 'failed');
  }
}

document.getElementById('enrol-form').addEventListener('submit', async e => {
  e.preventDefault();
  try {
    showEnrolment(await answerOf(await call('/api/admin/devices', 'POST', {
      id: document.getElementById('enrol-id').value.trim(),
      site: document.getElementById('enrol-site').value,
      kind: document.getElementById('enrol-kind').value
    })));
    await load();
  } catch (err) {
    status(t().refused + err.message, 'failed');
  }
});

function drawForm() {
  const site = document.getElementById('enrol-site');
  const chosen = site.value;
  site.replaceChildren(...[...branches].map(([code, name]) => {
    const o = el('option', `${name} (${code})`);
    o.value = code;
    return o;
  }));
  if (chosen) site.value = chosen;
  const kind = document.getElementById('enrol-kind');
  const kindChosen = kind.value;
  kind.replaceChildren(...KINDS.map(k => {
    const o = el('option', said('kinds', k));
    o.value = k;
    return o;
  }));
  if (kindChosen) kind.value = kindChosen;
}

function drawRefusals() {
  const body = document.getElementById('refusals');
  body.replaceChildren();
  if (!refusals) return;
  document.getElementById('broker-counts').textContent = t().brokerCounts(refusals.counts || {});
  if (refusals.latest.length === 0) {
    const tr = el('tr');
    const td = el('td', t().noRefusal, 'empty');
    td.colSpan = 6;
    tr.append(td);
    body.append(tr);
  }
  for (const r of refusals.latest) {
    const tr = el('tr');
    tr.append(el('td', new Date(r.at).toLocaleString(locale())), el('td', said('operations', r.action)),
      el('td', r.clientId), el('td', r.identity), el('td', r.topic || '—'), el('td', r.reason));
    body.append(tr);
  }
}

function draw() {
  drawDevices();
  drawForm();
  drawRefusals();
  drawEnrolment();
  if (editing) document.getElementById('config-title').textContent = t().configFor(editing.deviceId);
}

async function load() {
  const [d, b] = await Promise.all([call('/api/devices'), call('/api/branches')]);
  devices = await answerOf(d);
  branches = new Map((await answerOf(b)).map(x => [x.code, x.name]));
  const [i, r] = await Promise.all([call('/api/admin/devices'), call('/api/admin/broker')]);
  identities = i.ok ? await i.json() : null;
  refusals = r.ok ? (await r.json()).refusals : null;
  if (!i.ok) status(t().adminsOnly + ((await i.json().catch(() => ({}))).error || ('HTTP ' + i.status)), 'failed');
  else if (document.getElementById('status').className === '') status('');
  draw();
}

languageToggle(draw, 'devicesTitle');
load().catch(err => status(t().unreachable + err, 'failed'));
// Health and "last seen" move on by themselves: read again every 15 s.
setInterval(() => load().catch(err => status(t().unreachable + err, 'failed')), 15000);
