'use strict';
// The shuttle worked from the screen, for staff holding a barcode or RFID reader that types into the page (a
// keyboard wedge: digits, then Enter) or typing: pack a crate by reading documents (each read says, big, where the
// document goes; one for another destination is refused aloud — an error tone, a red message, French speech when
// the browser has it — and not packed), close and label the crate, mark a round's departure, receive crates or
// documents at the destination. The hub decides everything and says it in words (French unless English was
// chosen); this page shows and sounds what it says. The reader's focus always comes back to the field to read in.
Object.assign(T.fr, {
  shuttleTitle: 'Navette — bacs et tournées', manifests: 'Feuilles de route', atBranch: 'Je suis à',
  modePack: 'Emballer', modeDepart: 'Départ', modeArrive: 'Arrivée', packTitle: 'Emballer un bac',
  openFor: 'Ouvrir un bac pour', openCrate: 'Ouvrir un bac', firstDecides: '— le premier document lu choisira —',
  scanDocument: 'Lire un document (douchette ou clavier, puis Entrée)', closeCrate: 'Fermer le bac et imprimer l’étiquette',
  closedCrates: 'Bacs fermés, prêts à partir', departTitle: 'Départ d’une tournée', round: 'Tournée',
  departButton: 'La tournée part : charger les bacs fermés', arriveTitle: 'Arrivée de la navette',
  scanArrival: 'Lire un bac (son étiquette) ou un document, puis Entrée', noOpenCrate: 'Aucun bac ouvert : ouvrez-en un.',
  crateFor: (id, to) => `Bac ${id} → ${to}`, undecided: 'destination choisie par le premier document',
  docs: n => `${n} document(s)`, label: 'Étiquette', nothingClosed: 'Aucun bac fermé en attente',
  currentCrate: (id, to) => `Bac en cours : ${id} — pour ${to}`, openFirst: 'Ouvrez d’abord un bac (ou choisissez-en un).',
  notHere: 'Refusé', noTransit: 'Pas de transit', leaving: (id, to, n) => `${id} → ${to} (${n} document(s))`,
  noRound: 'Aucune tournée ne passe par ce site', readFailed: 'Lecture non enregistrée : ',
  say: { refused: 'Pas dans ce bac', goesTo: to => `Pour ${to}` },
  goesOn: to => `puis vers ${to} (relais)`
});
Object.assign(T.en, {
  shuttleTitle: 'Navette — crates and rounds', manifests: 'Manifests', atBranch: 'I am at',
  modePack: 'Pack', modeDepart: 'Departure', modeArrive: 'Arrival', packTitle: 'Pack a crate',
  openFor: 'Open a crate for', openCrate: 'Open a crate', firstDecides: '— the first item read decides —',
  scanDocument: 'Read an item (scanner or keyboard, then Enter)', closeCrate: 'Close the crate and print its label',
  closedCrates: 'Closed crates, ready to leave', departTitle: 'A round leaves', round: 'Round',
  departButton: 'The round leaves: load the closed crates', arriveTitle: 'The shuttle arrives',
  scanArrival: 'Read a crate (its label) or an item, then Enter', noOpenCrate: 'No open crate: open one.',
  crateFor: (id, to) => `Crate ${id} → ${to}`, undecided: 'destination chosen by the first item',
  docs: n => `${n} item(s)`, label: 'Label', nothingClosed: 'No closed crate waiting',
  currentCrate: (id, to) => `Current crate: ${id} — for ${to}`, openFirst: 'Open a crate first (or choose one).',
  notHere: 'Refused', noTransit: 'No transit', leaving: (id, to, n) => `${id} → ${to} (${n} item(s))`,
  noRound: 'No round calls here', readFailed: 'Read not recorded: ',
  say: { refused: 'Not in this crate', goesTo: to => `For ${to}` },
  goesOn: to => `then on to ${to} (relay)`
});

const $ = id => document.getElementById(id);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; };
const params = new URLSearchParams(location.search);
let desk = { branches: [] };
let routes = [];
let names = {};
let mode = params.get('mode') || 'pack';
let currentCrate = null;

// ---- Sound: a short high beep for a good read, a low double buzz for a refusal (Web Audio, no file needed) ----
let audio = null;
function tone(freq, start, length, type) {
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.type = type;
  osc.frequency.value = freq;
  gain.gain.setValueAtTime(0.25, audio.currentTime + start);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + start + length);
  osc.connect(gain).connect(audio.destination);
  osc.start(audio.currentTime + start);
  osc.stop(audio.currentTime + start + length + 0.02);
}
function sound(kind) {
  try {
    audio = audio || new (window.AudioContext || window.webkitAudioContext)();
    if (kind === 'ok') tone(1320, 0, 0.12, 'sine');
    else if (kind === 'bad') { tone(196, 0, 0.28, 'square'); tone(147, 0.34, 0.45, 'square'); }
    else tone(440, 0, 0.3, 'triangle');
  } catch (e) { /* no sound on this machine: the colour and the words remain */ }
}
function speak(text) {
  if (!('speechSynthesis' in window) || !text) return;
  try {
    speechSynthesis.cancel();
    const u = new SpeechSynthesisUtterance(text);
    u.lang = lang === 'fr' ? 'fr-FR' : 'en-GB';
    speechSynthesis.speak(u);
  } catch (e) { /* speech is a plus, never needed */ }
}

// The verdict panel: big words first (where it goes, or why not), then the details.
function verdict(kind, big, small) {
  const v = $('verdict');
  v.className = 'verdict ' + kind;
  $('verdict-big').textContent = big;
  $('verdict-small').textContent = small || '';
  v.hidden = false;
  sound(kind);
}

// POST with the staff's credentials: the session cookie (accounts) or the token kept for this tab (scripts).
async function post(url, body) {
  const send = () => fetch(url, { method: 'POST', credentials: 'same-origin', body: JSON.stringify(body || {}),
    headers: Object.assign({ 'Content-Type': 'application/json' }, sessionStorage.getItem('navette-staff-token')
      ? { Authorization: 'Bearer ' + sessionStorage.getItem('navette-staff-token') } : {}) });
  let res = await send();
  if (res.status === 401) {
    const token = window.prompt(t().tokenPrompt);
    if (token) { sessionStorage.setItem('navette-staff-token', token.trim()); res = await send(); }
  }
  const answer = await res.json().catch(() => ({}));
  return { ok: res.ok, status: res.status, answer };
}
const getJson = url => fetch(url, { credentials: 'same-origin' }).then(r => r.json());
const branch = () => $('branch').value;
const branchName = code => names[code] || code;

function focusScan() {
  const field = mode === 'arrive' ? $('arrival-scan') : mode === 'pack' ? $('scan') : null;
  if (field) field.focus();
}

// ---- Where I am, and what I do ----
function fillBranches() {
  const select = $('branch');
  const chosen = params.get('branch') || localStorage.getItem('navette-shuttle-branch') || desk.homeBranch;
  select.replaceChildren(...desk.branches.map(b => { const o = el('option', b.name); o.value = b.code; return o; }));
  if (chosen && desk.branches.some(b => b.code === chosen)) select.value = chosen;
}
function fillDestinations() {
  const select = $('destination');
  const keep = select.value;
  const first = el('option', t().firstDecides); first.value = '';
  const others = Object.keys(names).filter(c => c !== branch())
    .map(c => { const o = el('option', names[c]); o.value = c; return o; });
  select.replaceChildren(first, ...others);
  select.value = keep && keep !== branch() ? keep : '';
}
function fillRoutes() {
  const select = $('route');
  const here = routes.filter(r => r.stops.includes(branch()));
  select.replaceChildren(...here.map(r => { const o = el('option', r.name); o.value = r.id; return o; }));
  $('depart-button').disabled = here.length === 0;
  if (here.length === 0) $('leaving').replaceChildren(el('li', t().noRound, 'empty'));
}
function showMode(m) {
  mode = m;
  for (const pane of ['pack', 'depart', 'arrive']) {
    $(pane).hidden = pane !== m;
    $('mode-' + pane).setAttribute('aria-selected', String(pane === m));
  }
  refresh().then(focusScan);
}

// ---- Packing ----
async function refresh() {
  if (!branch()) return;
  const crates = await getJson('/api/crates?branch=' + encodeURIComponent(branch()) + '&status=open,closed');
  if (!Array.isArray(crates)) return;
  const open = crates.filter(c => c.status === 'open');
  const closed = crates.filter(c => c.status === 'closed');
  if (!currentCrate || !open.some(c => c.crateId === currentCrate)) currentCrate = open.length ? open[0].crateId : null;
  $('open-crates').replaceChildren(...(open.length ? open.map(c => {
    const b = el('button', null, 'crate' + (c.crateId === currentCrate ? ' current' : ''));
    b.type = 'button';
    b.dataset.crate = c.crateId;
    b.append(el('strong', t().crateFor(c.crateId, c.toName || '?')), el('span', c.toName ? t().docs(c.documents) : t().undecided));
    b.addEventListener('click', () => { currentCrate = c.crateId; refresh().then(focusScan); });
    return b;
  }) : [el('p', t().noOpenCrate, 'empty')]));
  $('closed-crates').replaceChildren(...(closed.length ? closed.map(c => {
    const li = el('li', t().leaving(c.crateId, c.toName, c.documents) + ' — ');
    const a = el('a', t().label); a.href = '/crate-label.html?crate=' + encodeURIComponent(c.crateId);
    li.append(a);
    return li;
  }) : [el('li', t().nothingClosed, 'empty')]));
  $('leaving').replaceChildren(...(closed.length ? closed.map(c => el('li', t().leaving(c.crateId, c.toName, c.documents)))
    : [el('li', t().nothingClosed, 'empty')]));
  await showCurrent();
}
async function showCurrent() {
  if (!currentCrate) { $('current').hidden = true; return; }
  const contents = await getJson('/api/crates/' + encodeURIComponent(currentCrate));
  if (!contents.crate) { $('current').hidden = true; return; }
  $('current').hidden = false;
  $('current-title').textContent = t().currentCrate(contents.crate.crateId, contents.crate.toName || t().undecided);
  $('current-documents').replaceChildren(...contents.documents.map(d => {
    const tr = el('tr');
    tr.dataset.item = d.itemId;
    tr.append(el('td', d.itemId), el('td', d.title || '—'), el('td', d.callNumber || '—'));
    return tr;
  }));
}
async function openCrate(event) {
  event.preventDefault();
  const body = { branch: branch() };
  if ($('destination').value) body.destination = $('destination').value;
  const r = await post('/api/crates', body);
  if (r.ok) {
    currentCrate = r.answer.crate.crateId;
    verdict('ok', r.answer.crate.crateId, r.answer.message);
  } else {
    verdict('bad', t().notHere, r.answer.error || ('HTTP ' + r.status));
  }
  await refresh();
  focusScan();
}
async function readDocument(event) {
  event.preventDefault();
  const field = $('scan');
  const itemId = field.value.trim();
  field.value = '';
  if (!itemId) return;
  if (!currentCrate) { verdict('warn', t().openFirst, ''); focusScan(); return; }
  const r = await post('/api/crates/' + encodeURIComponent(currentCrate) + '/documents', { itemId });
  if (r.ok) {
    verdict('ok', t().say.goesTo(r.answer.destinationName), r.answer.routeName + ' — ' + (r.answer.title || itemId)
      + ' (' + itemId + ')' + (r.answer.goesOnToName ? ' — ' + t().goesOn(r.answer.goesOnToName) : ''));
  } else if (r.status === 409) {
    verdict('bad', t().say.refused, r.answer.error);
    speak(t().say.refused + '. ' + (r.answer.error || ''));
  } else if (r.status === 404) {
    verdict('warn', t().noTransit, r.answer.error);
  } else {
    verdict('bad', t().readFailed + r.status, r.answer.error || '');
  }
  await refresh();
  focusScan();
}
async function closeCrate() {
  if (!currentCrate) return;
  const id = currentCrate;
  const r = await post('/api/crates/' + encodeURIComponent(id) + '/close');
  if (!r.ok) { verdict('bad', t().notHere, r.answer.error); focusScan(); return; }
  verdict('ok', t().say.goesTo(r.answer.destinationName), r.answer.message);
  location.href = '/crate-label.html?crate=' + encodeURIComponent(id);
}

// ---- Departure and arrival ----
async function depart(event) {
  event.preventDefault();
  const route = $('route').value;
  if (!route) return;
  const r = await post('/api/routes/' + encodeURIComponent(route) + '/departures', { branch: branch() });
  if (r.ok) verdict(r.answer.stillOpen > 0 ? 'warn' : 'ok', r.answer.message, '');
  else verdict('bad', t().notHere, r.answer.error);
  await refresh();
}
async function arrive(event) {
  event.preventDefault();
  const field = $('arrival-scan');
  const read = field.value.trim();
  field.value = '';
  if (!read) return;
  // Documents carry digits only; a crate's label carries its branch and number (BR01-0007).
  const body = /^\d+$/.test(read) ? { branch: branch(), itemId: read } : { branch: branch(), crate: read };
  const r = await post('/api/arrivals', body);
  if (r.ok && r.answer.outcome === 'arrived') verdict('ok', r.answer.message, '');
  else if (r.ok && r.answer.outcome === 'relayed') {
    // Read at a relay: it goes on, to be packed again here for its next round.
    verdict('warn', t().say.goesTo(r.answer.goesToName), r.answer.message);
    speak(r.answer.message);
  } else if (r.ok && r.answer.outcome === 'elsewhere') {
    verdict('bad', t().say.goesTo(r.answer.goesToName), r.answer.message);
    speak(r.answer.message);
  } else if (r.ok) verdict('warn', r.answer.message, '');
  else { verdict('bad', t().notHere, r.answer.error); speak(r.answer.error); }
  if (r.ok) $('received').prepend(el('li', r.answer.message));
  focusScan();
}

async function start() {
  [desk, routes] = await Promise.all([getJson('/api/shuttle/desk'), getJson('/api/routes')]);
  names = Object.fromEntries(desk.branches.map(b => [b.code, b.name]));
  for (const b of desk.allBranches || []) names[b.code] = b.name;
  fillBranches();
  fillDestinations();
  fillRoutes();
  showMode(['pack', 'depart', 'arrive'].includes(mode) ? mode : 'pack');
}

languageToggle(() => { fillDestinations(); refresh(); }, 'shuttleTitle');
$('branch').addEventListener('change', () => {
  localStorage.setItem('navette-shuttle-branch', branch());
  currentCrate = null;
  fillDestinations();
  fillRoutes();
  refresh().then(focusScan);
});
for (const m of ['pack', 'depart', 'arrive']) $('mode-' + m).addEventListener('click', () => showMode(m));
$('open-form').addEventListener('submit', openCrate);
$('scan-form').addEventListener('submit', readDocument);
$('close-crate').addEventListener('click', closeCrate);
$('depart-form').addEventListener('submit', depart);
$('arrive-form').addEventListener('submit', arrive);
$('where').addEventListener('submit', e => e.preventDefault());
// A reader types wherever the focus is: a key pressed outside any field goes to the field to read in.
document.addEventListener('keydown', e => {
  const tag = document.activeElement && document.activeElement.tagName;
  if (!['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(tag) && e.key.length === 1) focusScan();
});
start();
