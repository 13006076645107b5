'use strict';
// The gate alarms page: the alarms nobody has taken yet, pushed live by the hub (server-sent events), each with what
// the network knows ("just borrowed?": the SIGB's loan and the kiosk loan the hub saw) and three buttons to say how
// it ended; a tone on each new alarm that staff can mute (kept in this browser); the alarm log by branch and period,
// page by page. Acknowledgements made on another screen are pushed too, so that two librarians do not both run.
Object.assign(T.fr, {
  alarmsTitle: 'Navette — alarmes des portiques', alarmsHeading: 'Alarmes des portiques',
  armSound: 'Cliquez n\'importe où sur la page pour activer le son des alarmes (le navigateur l\'exige).',
  soundOn: 'Son : activé', soundOff: 'Son coupé — cliquer pour le rétablir',
  connecting: 'Connexion au hub…', connected: 'En direct : les alarmes s\'affichent dès qu\'un portique sonne.',
  disconnected: 'Hub injoignable : nouvelle tentative…',
  liveAlarms: 'Alarmes à prendre en charge', noLiveAlarm: 'Aucune alarme en attente', alarmLog: 'Journal des alarmes',
  branch: 'Site', allBranches: 'Tous les sites', outcomeFilter: 'Issue', anyOutcome: 'Toutes',
  unacknowledged: 'Non prises en charge', gate: 'Portique', handled: 'Prise en charge',
  previous: '← Plus récentes', next: 'Plus anciennes →',
  'outcome_false-alarm-fixed': 'Fausse alarme réglée', 'outcome_patron-came-back': 'Usager revenu',
  'outcome_patron-left': 'Usager parti',
  notePlaceholder: 'Remarque (facultatif)', noteLabel: 'Remarque',
  owner: 'Appartient à', callNo: 'Cote', tag: 'Étiquette',
  gateAt: (device, branch) => `${device} — ${branch}`,
  borrowedAt: (ago, device, branch) => `Emprunté ${ago} à l'automate ${device} de ${branch}`,
  takenBy: (who, when, outcome) => `${outcome} — ${who}, ${when}`,
  tookIt: (who, title) => `${who} a pris en charge l'alarme « ${title} ».`,
  newAlarm: (title, gate) => `Nouvelle alarme : ${title} (${gate})`,
  untitled: 'Document sans titre connu',
  range: (first, last, total) => `Alarmes ${first} à ${last} sur ${total}`, noLogged: 'Aucune alarme sur la période'
});
Object.assign(T.en, {
  alarmsTitle: 'Navette — gate alarms', alarmsHeading: 'Gate alarms',
  armSound: 'Click anywhere on the page to turn the alarm sound on (the browser requires it).',
  soundOn: 'Sound: on', soundOff: 'Sound off — click to turn it back on',
  connecting: 'Connecting to the hub…', connected: 'Live: alarms show as soon as a gate rings.',
  disconnected: 'Hub unreachable: trying again…',
  liveAlarms: 'Alarms to deal with', noLiveAlarm: 'No alarm waiting', alarmLog: 'Alarm log',
  branch: 'Branch', allBranches: 'All branches', outcomeFilter: 'Outcome', anyOutcome: 'Any',
  unacknowledged: 'Not dealt with', gate: 'Gate', handled: 'Dealt with',
  previous: '← Newer', next: 'Older →',
  'outcome_false-alarm-fixed': 'False alarm fixed', 'outcome_patron-came-back': 'Patron came back',
  'outcome_patron-left': 'Patron left',
  notePlaceholder: 'Note (optional)', noteLabel: 'Note',
  owner: 'Belongs to', callNo: 'Call no.', tag: 'Tag',
  gateAt: (device, branch) => `${device} — ${branch}`,
  borrowedAt: (ago, device, branch) => `Borrowed ${ago} at self-check ${device} of ${branch}`,
  takenBy: (who, when, outcome) => `${outcome} — ${who}, ${when}`,
  tookIt: (who, title) => `${who} took the alarm "${title}".`,
  newAlarm: (title, gate) => `New alarm: ${title} (${gate})`,
  untitled: 'Untitled document',
  range: (first, last, total) => `Alarms ${first} to ${last} of ${total}`, noLogged: 'No alarm in this period'
});

const OUTCOMES = ['false-alarm-fixed', 'patron-came-back', 'patron-left'];
const PAGE = 50;
const SOUND_KEY = 'navette-alarm-sound';
const live = new Map();       // eventId → alarm not yet acknowledged, as the API gives it
const shown = new Set();      // eventIds already announced (a tone once per alarm, not per update)
const branchNames = new Map();
let offset = 0;
let audio = null;             // made at the first click or key: browsers refuse sound before a gesture

const el = (tag, text, cls) => {
  const e = document.createElement(tag);
  if (text != null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
};
const when = iso => new Date(iso).toLocaleString(locale(), { dateStyle: 'short', timeStyle: 'medium' });
const said = (table, value) => (t()[table] && t()[table][value]) || value;
const outcomeText = o => t()['outcome_' + o] || o;
const branchName = (code, name) => name || branchNames.get(code) || code;
const gateOf = a => t().gateAt(a.deviceId, branchName(a.site, a.siteName));

function ago(iso) {
  const seconds = Math.round((new Date(iso).getTime() - Date.now()) / 1000);
  const fmt = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto', style: 'short' });
  if (Math.abs(seconds) < 60) return fmt.format(seconds, 'second');
  if (Math.abs(seconds) < 3600) return fmt.format(Math.round(seconds / 60), 'minute');
  if (Math.abs(seconds) < 86400) return fmt.format(Math.round(seconds / 3600), 'hour');
  return fmt.format(Math.round(seconds / 86400), 'day');
}

function justBorrowed(a) {
  const c = a.lastCheckout;
  return c ? t().borrowedAt(ago(c.at), c.device, branchName(c.branch, c.branchName)) : null;
}

// ---- Sound: a generated two-tone chime (Web Audio), no file; muted by choice, armed by the first gesture.
const soundWanted = () => localStorage.getItem(SOUND_KEY) !== 'off';

function armSound() {
  if (!audio) {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    audio = new Context();
  }
  if (audio.state === 'suspended') audio.resume();
  showArming();
}

function showArming() {
  document.getElementById('arm').hidden = !soundWanted() || (audio !== null && audio.state === 'running');
}

function chime() {
  if (!soundWanted() || !audio || audio.state !== 'running') return false;
  const start = audio.currentTime;
  [880, 660, 880].forEach((frequency, i) => {
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.type = 'sine';
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + i * 0.22);
    gain.gain.exponentialRampToValueAtTime(0.4, start + i * 0.22 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.22 + 0.2);
    tone.connect(gain).connect(audio.destination);
    tone.start(start + i * 0.22);
    tone.stop(start + i * 0.22 + 0.21);
  });
  document.body.dataset.chimes = String(Number(document.body.dataset.chimes || 0) + 1);
  return true;
}

function showSoundToggle() {
  const button = document.getElementById('sound');
  button.textContent = soundWanted() ? t().soundOn : t().soundOff;
  button.setAttribute('aria-pressed', String(soundWanted()));
}

// ---- Talking to the hub
async function staffPost(url, body) {
  const token = sessionStorage.getItem('navette-staff-token');
  const send = tok => fetch(url, { method: 'POST', credentials: 'same-origin', body: JSON.stringify(body),
    headers: Object.assign({ 'Content-Type': 'application/json' }, tok ? { Authorization: 'Bearer ' + tok } : {}) });
  let res = await send(token);
  if (res.status === 401) {
    const given = window.prompt(t().tokenPrompt);
    if (given) {
      sessionStorage.setItem('navette-staff-token', given.trim());
      res = await send(given.trim());
    }
  }
  return res;
}

async function acknowledge(a, outcome, card) {
  const note = card.querySelector('input').value.trim();
  card.querySelectorAll('button').forEach(b => { b.disabled = true; });
  const res = await staffPost('/api/alarms/' + encodeURIComponent(a.eventId) + '/acknowledge',
    note ? { outcome, note } : { outcome });
  const answer = await res.json().catch(() => ({}));
  if (res.ok || res.status === 409) {
    // 409: someone was quicker; their acknowledgement is on its way over the live stream, and the log has it.
    if (res.ok) taken(answer);
    if (res.status === 409) news(answer.error);
    loadLog();
  } else {
    card.querySelectorAll('button').forEach(b => { b.disabled = false; });
    window.alert(answer.error || ('HTTP ' + res.status));
  }
}

// ---- The alarms to deal with
function card(a) {
  const li = el('li', null, 'card');
  li.dataset.eventId = a.eventId;
  if (a.verdict === 'probably-borrowed') li.classList.add('borrowed');
  if (Date.now() - new Date(a.detectedAt).getTime() < 60000) li.classList.add('fresh');
  li.append(el('h3', a.title || t().untitled));
  const facts = el('p', null, 'facts');
  const fact = (label, value) => {
    if (!value) return;
    const span = el('span');
    span.append(el('b', label + ' : '), value);
    facts.append(span);
  };
  fact(t().time, when(a.detectedAt));
  fact(t().callNo, a.callNumber);
  fact(t().item, a.itemId || null);
  if (!a.itemId) fact(t().tag, a.tagUid);
  fact(t().owner, a.ownerBranch ? branchName(a.ownerBranch, a.ownerBranchName) : null);
  fact(t().direction, said('directions', a.direction));
  fact(t().gate, gateOf(a));
  li.append(facts);
  li.append(el('p', said('verdicts', a.verdict), 'verdict verdict-' + a.verdict));
  const borrowed = justBorrowed(a);
  if (borrowed) li.append(el('p', borrowed, 'loan'));
  const actions = el('div', null, 'actions');
  OUTCOMES.forEach(o => {
    const b = el('button', outcomeText(o));
    b.type = 'button';
    b.dataset.outcome = o;
    b.addEventListener('click', () => acknowledge(a, o, li));
    actions.append(b);
  });
  const note = el('input');
  note.type = 'text';
  note.maxLength = 500;
  note.placeholder = t().notePlaceholder;
  note.setAttribute('aria-label', t().noteLabel);
  actions.append(note);
  li.append(actions);
  return li;
}

function drawLive() {
  const list = document.getElementById('live');
  const alarms = [...live.values()].sort((x, y) => y.detectedAt.localeCompare(x.detectedAt));
  // Keep a half-typed note where it is: redraw only cards that changed.
  const existing = new Map([...list.children].map(li => [li.dataset.eventId, li]));
  const cards = alarms.map(a => {
    const old = existing.get(a.eventId);
    if (old && old.dataset.version === version(a)) return old;
    const fresh = card(a);
    fresh.dataset.version = version(a);
    if (old) fresh.querySelector('input').value = old.querySelector('input').value;
    return fresh;
  });
  list.replaceChildren(...cards);
  document.getElementById('live-empty').hidden = alarms.length > 0;
  const count = document.getElementById('live-count');
  count.textContent = alarms.length;
  count.classList.toggle('some', alarms.length > 0);
}
const version = a => [a.verdict, a.enrichedAt, lang].join('|');

// The last thing that happened, kept as a function of the language: a switch of language says it again.
let lastNews = () => '';
function news(say) {
  lastNews = typeof say === 'function' ? say : () => say;
  document.getElementById('live-news').textContent = lastNews();
}

let connection = 'connecting';
function showConnection(state) {
  connection = state || connection;
  const status = document.getElementById('connection');
  status.textContent = t()[connection];
  status.classList.toggle('down', connection === 'disconnected');
}

function arrived(a) {
  if (a.acknowledgement) {
    taken(a);
    return;
  }
  live.set(a.eventId, a);
  drawLive();
  if (!shown.has(a.eventId)) {
    shown.add(a.eventId);
    // When the alarm reached the screen (in the DOM, then painted): what bench/ AlarmScreenBench measures.
    const detail = { eventId: a.eventId, itemId: a.itemId };
    performance.mark('navette-alarm-shown', { detail });
    requestAnimationFrame(() => performance.mark('navette-alarm-painted', { detail }));
    news(() => t().newAlarm(a.title || a.itemId || a.tagUid, gateOf(a)));
    chime();
  }
}

function taken(a) {
  if (live.delete(a.eventId)) {
    drawLive();
  }
  shown.add(a.eventId);
  const k = a.acknowledgement;
  if (k) news(() => t().tookIt(k.by, a.title || a.itemId || a.tagUid));
}

async function loadLive() {
  const res = await fetch('/api/alarms?unacknowledged=true&limit=100', { credentials: 'same-origin' });
  if (!res.ok) return;
  const page = await res.json();
  live.clear();
  page.items.forEach(a => { live.set(a.eventId, a); shown.add(a.eventId); });
  drawLive();
}

function listen() {
  const source = new EventSource('/api/alarms/live');
  source.addEventListener('open', () => {
    showConnection('connected');
    loadLive(); // what rang while we were away
  });
  source.addEventListener('error', () => showConnection('disconnected'));
  source.addEventListener('alarm', e => {
    arrived(JSON.parse(e.data));
    if (offset === 0) loadLog();
  });
  source.addEventListener('acknowledged', e => {
    taken(JSON.parse(e.data));
    loadLog();
  });
}

// ---- The log
function logQuery() {
  const q = new URLSearchParams({ limit: PAGE, offset });
  const branch = document.getElementById('branch').value;
  const from = document.getElementById('from').value;
  const to = document.getElementById('to').value;
  const outcome = document.getElementById('outcome').value;
  if (branch) q.set('branch', branch);
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  if (outcome === 'unacknowledged') q.set('unacknowledged', 'true');
  else if (outcome) q.set('outcome', outcome);
  return q;
}

let logRequest = 0;
async function loadLog() {
  const mine = ++logRequest;
  const status = document.getElementById('log-status');
  const res = await fetch('/api/alarms?' + logQuery(), { credentials: 'same-origin' });
  const page = await res.json().catch(() => ({}));
  if (mine !== logRequest) return; // a newer request is on its way
  if (!res.ok) {
    status.textContent = page.error || ('HTTP ' + res.status);
    return;
  }
  page.items.forEach(a => addBranch(a.site, a.siteName));
  const rows = page.items.map(a => {
    const tr = el('tr');
    tr.dataset.eventId = a.eventId;
    tr.append(el('td', when(a.detectedAt)));
    tr.append(el('td', gateOf(a)));
    const doc = el('td', a.title || a.itemId || a.tagUid);
    if (a.callNumber || a.itemId) doc.append(el('small', [a.callNumber, a.itemId].filter(Boolean).join(' — ')));
    tr.append(doc);
    tr.append(el('td', said('directions', a.direction)));
    const verdict = el('td', said('verdicts', a.verdict));
    const borrowed = justBorrowed(a);
    if (borrowed) verdict.append(el('small', borrowed));
    tr.append(verdict);
    const k = a.acknowledgement;
    const handled = el('td', k ? t().takenBy(k.by, when(k.at), outcomeText(k.outcome)) : '—', 'handled');
    if (k && k.note) handled.append(el('small', k.note));
    tr.append(handled);
    return tr;
  });
  if (!rows.length) {
    const td = el('td', t().noLogged, 'empty');
    td.colSpan = 6;
    rows.push(el('tr'));
    rows[0].append(td);
  }
  document.getElementById('log').replaceChildren(...rows);
  status.textContent = page.total === 0 ? t().noLogged
    : t().range((offset + 1).toLocaleString(locale()), (offset + page.items.length).toLocaleString(locale()),
      page.total.toLocaleString(locale()));
  document.getElementById('previous').disabled = offset === 0;
  document.getElementById('next').disabled = offset + page.items.length >= page.total;
}

function addBranch(code, name) {
  if (!code || branchNames.has(code)) return;
  branchNames.set(code, name || code);
  const option = el('option', name || code);
  option.value = code;
  document.getElementById('branch').append(option);
}

async function loadBranches() {
  const res = await fetch('/api/branches', { credentials: 'same-origin' }).catch(() => null);
  if (res && res.ok) (await res.json()).forEach(b => addBranch(b.code, b.name));
}

function redraw() {
  showSoundToggle();
  showConnection();
  news(lastNews);
  drawLive(); // each card's version names the language: all are redrawn, notes kept
  loadLog();
}

document.addEventListener('DOMContentLoaded', async () => {
  languageToggle(redraw, 'alarmsTitle');
  showSoundToggle();
  showConnection();
  showArming();
  // Browsers let a page make sound only after a click or a key on it: the first one arms the chime.
  document.addEventListener('click', armSound);
  document.addEventListener('keydown', armSound);
  document.getElementById('sound').addEventListener('click', () => {
    localStorage.setItem(SOUND_KEY, soundWanted() ? 'off' : 'on');
    showSoundToggle();
    showArming();
  });
  document.getElementById('log-form').addEventListener('submit', e => {
    e.preventDefault();
    offset = 0;
    loadLog();
  });
  document.getElementById('previous').addEventListener('click', () => { offset = Math.max(0, offset - PAGE); loadLog(); });
  document.getElementById('next').addEventListener('click', () => { offset += PAGE; loadLog(); });
  // "il y a 2 min" moves on: the sentence is rewritten in place (a card redrawn would lose a note being typed).
  setInterval(() => document.querySelectorAll('#live li').forEach(li => {
    const a = live.get(li.dataset.eventId);
    const loan = li.querySelector('.loan');
    if (a && loan) loan.textContent = justBorrowed(a);
  }), 30000);
  await loadBranches();
  listen();
  loadLog();
});
