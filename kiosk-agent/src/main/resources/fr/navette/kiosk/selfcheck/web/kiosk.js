'use strict';
// The kiosk's page: French first, English on a tap. Everything of the patron lives in the DOM only while their
// session lasts; the server is the judge of that session (idle timeout included), the page follows it.

// An amount as the language writes it, two decimals: 14,50 in French, 14.50 in English; the SIGB's own writing
// when it is not a number, rather than lost.
function money(amount, locale) {
  const n = Number(String(amount).trim());
  return Number.isFinite(n)
    ? n.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(amount);
}

const T = {
  fr: {
    brand: 'Prêt en libre-service', welcomeTitle: 'Bienvenue',
    welcomeHelp: 'Scannez votre carte ou posez-la sur le plateau, puis tapez votre code.',
    cardLabel: 'Numéro de carte', pinLabel: 'Code PIN', login: 'Valider', erase: 'Effacer',
    keypadLabel: 'Clavier du code',
    borrow: 'Emprunter les documents posés', accountButton: 'Mon compte', receiptButton: 'Mon reçu',
    logout: 'Terminer', resultsTitle: 'Résultat', accountTitle: 'Mon compte', loansTitle: 'Mes prêts',
    holdsTitle: 'Mes réservations disponibles', receiptTitle: 'Mon reçu', print: 'Imprimer le reçu',
    demoTitle: 'Démo : plateau simulé', demoHelp: 'Cochez ce que le lecteur pose sur le plateau.',
    demoLegend: 'Documents et cartes', demoClear: 'Vider le plateau', lang: 'English',
    hello: n => n ? `Bonjour ${n}` : 'Bonjour', card: c => `Carte ${c}`,
    cardOnPad: c => `Carte posée sur le plateau : ${c}. Tapez votre code.`,
    pad: n => n === 0 ? 'Aucun document sur le plateau. Posez vos documents.'
      : n === 1 ? '1 document sur le plateau.' : `${n} documents sur le plateau.`,
    unreadable: n => ` ${n} étiquette(s) illisible(s) : montrez ces documents à l'accueil.`,
    busy: 'Un instant…', due: d => `À rendre le ${d}`, overdue: 'En retard',
    status: { lent: 'Emprunté', renewed: 'Prolongé', refused: 'Refusé', 'renewal-offered': 'Déjà emprunté',
      'incomplete-set': 'Incomplet', 'not-answered': 'Non emprunté', 'loan-undone': 'Non emprunté',
      'see-desk': 'Voir l\'accueil' },
    renew: 'Prolonger', noLoans: 'Aucun prêt en cours.', noHolds: 'Aucune réservation à retirer.',
    pickup: b => `À retirer à : ${b}`, fees: f => `Montant dû : ${money(f, 'fr-FR')} €`, noFees: 'Aucun montant dû.',
    emptyReceipt: 'Aucun document emprunté ou prolongé pendant cette session.',
    needCard: 'Présentez votre carte et tapez votre code.', ended: 'Votre session est terminée. À bientôt !',
    idle: s => `Touchez l'écran pour continuer. Fin de la session dans ${s} s.`,
    summary: (ok, all) => `${ok} sur ${all} document(s) réussi(s).`
  },
  en: {
    brand: 'Self-service loans', welcomeTitle: 'Welcome',
    welcomeHelp: 'Scan your card or lay it on the pad, then type your PIN.',
    cardLabel: 'Card number', pinLabel: 'PIN', login: 'Sign in', erase: 'Erase',
    keypadLabel: 'PIN keypad',
    borrow: 'Borrow the documents on the pad', accountButton: 'My account', receiptButton: 'My receipt',
    logout: 'Finish', resultsTitle: 'Result', accountTitle: 'My account', loansTitle: 'My loans',
    holdsTitle: 'My holds ready to collect', receiptTitle: 'My receipt', print: 'Print the receipt',
    demoTitle: 'Demo: simulated pad', demoHelp: 'Tick what the patron lays on the pad.',
    demoLegend: 'Documents and cards', demoClear: 'Clear the pad', lang: 'Français',
    hello: n => n ? `Hello ${n}` : 'Hello', card: c => `Card ${c}`,
    cardOnPad: c => `Card on the pad: ${c}. Type your PIN.`,
    pad: n => n === 0 ? 'No document on the pad. Lay your documents on it.'
      : n === 1 ? '1 document on the pad.' : `${n} documents on the pad.`,
    unreadable: n => ` ${n} unreadable tag(s): please show these documents at the desk.`,
    busy: 'One moment…', due: d => `Due back ${d}`, overdue: 'Overdue',
    status: { lent: 'Borrowed', renewed: 'Renewed', refused: 'Refused', 'renewal-offered': 'Already yours',
      'incomplete-set': 'Incomplete', 'not-answered': 'Not borrowed', 'loan-undone': 'Not borrowed',
      'see-desk': 'See the desk' },
    renew: 'Renew', noLoans: 'No current loans.', noHolds: 'No holds to collect.',
    pickup: b => `Collect at: ${b}`, fees: f => `Amount due: €${money(f, 'en-GB')}`, noFees: 'Nothing due.',
    emptyReceipt: 'Nothing borrowed or renewed in this session.',
    needCard: 'Show your card and type your PIN.', ended: 'Your session has ended. Goodbye!',
    idle: s => `Touch the screen to continue. The session ends in ${s} s.`,
    summary: (ok, all) => `${ok} of ${all} document(s) done.`
  }
};

let lang = 'fr';
let inSession = false;
let last = { state: null, results: null, account: null, receipt: null };
let lastActivity = Date.now();
let lastTouchSent = 0;
let busy = false;

const $ = id => document.getElementById(id);
const t = () => T[lang];
const msg = m => (m ? (m[lang] || m.fr) : '');
const day = iso => { const [y, m, d] = iso.split('-'); return `${d}/${m}/${y}`; };

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k === 'class') e.className = v; else if (k === 'onclick') e.addEventListener('click', v);
    else e.setAttribute(k, v);
  });
  children.flat().forEach(c => { if (c !== null && c !== undefined) e.append(c); });
  return e;
}

async function api(method, path, body) {
  const res = await fetch('/api/' + path, {
    method, headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined, credentials: 'same-origin', cache: 'no-store'
  });
  const data = await res.json().catch(() => ({}));
  if (res.status === 401) { endSession(); throw new Error('no session'); }
  return data;
}

function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = t().brand;
  document.querySelectorAll('[data-t]').forEach(e => { e.textContent = t()[e.dataset.t]; });
  const toggle = $('lang');
  toggle.textContent = t().lang;
  toggle.lang = lang === 'fr' ? 'en' : 'fr';
  renderState(); renderResults(); renderAccount(); renderReceipt();
}

function show(panel) {
  ['results-panel', 'account-panel', 'receipt-panel'].forEach(p => { $(p).hidden = p !== panel; });
}

function renderState() {
  const s = last.state;
  if (!s) return;
  $('library').textContent = s.library || '';
  $('demo').hidden = !s.demo;
  $('print').hidden = !s.printer;
  const onPad = $('card-on-pad');
  onPad.hidden = !(s.cardOnPad && !inSession);
  if (s.cardOnPad) onPad.textContent = t().cardOnPad(s.cardOnPad);
  if (inSession) {
    $('session-title').textContent = t().hello(s.greeting) + (s.card ? ' — ' + t().card(s.card) : '');
    // A view-only session (the card may not borrow): no borrowing offered, the reason said instead of the pad.
    $('borrow').hidden = !!s.viewOnly;
    $('view-only').hidden = !s.viewOnly;
    $('view-only-notice').textContent = s.viewOnly ? msg(s.viewOnlyNotice) : '';
    $('view-only-reason').textContent = s.viewOnly ? msg(s.viewOnlyReason) : '';
    const docs = new Set(s.pad.map(d => d.itemId)).size;
    $('pad-summary').textContent = s.viewOnly ? ''
      : t().pad(docs) + (s.unreadableTags ? t().unreadable(s.unreadableTags) : '');
  }
}

const viewOnly = () => !!(last.state && last.state.viewOnly);

function outcomeItem(o) {
  const ok = o.success;
  const li = el('li', { class: ok ? 'ok' : 'bad', 'data-item': o.itemId, 'data-status': o.status },
    el('span', { class: 'status' }, t().status[o.status] || o.status),
    el('span', { class: 'title' }, o.title || o.itemId), ' ',
    el('span', { class: 'barcode' }, `(${o.itemId})`));
  if (o.dueDate) li.append(el('span', { class: 'due' }, t().due(day(o.dueDate))));
  if (o.message) li.append(el('span', { class: 'reason' }, msg(o.message)));
  if (o.status === 'renewal-offered') {
    li.append(el('button', { type: 'button', class: 'renew', onclick: () => renew(o.itemId, 'results') }, t().renew));
  }
  return li;
}

function renderResults() {
  const list = $('results');
  list.replaceChildren();
  if (!last.results) return;
  last.results.forEach(o => list.append(outcomeItem(o)));
}

function renderAccount() {
  const a = last.account;
  ['loans', 'holds', 'account-blocks'].forEach(id => $(id).replaceChildren());
  $('fees').textContent = ''; $('account-message').textContent = '';
  if (!a) return;
  if (!a.answered) { $('account-message').textContent = msg(a.message); return; }
  a.blocks.forEach(b => $('account-blocks').append(el('p', { class: 'message error' }, msg(b))));
  if (a.loans.length === 0) $('loans').append(el('li', {}, t().noLoans));
  a.loans.forEach(l => $('loans').append(el('li', { class: l.overdue ? 'bad' : 'ok', 'data-item': l.itemId },
    el('span', { class: 'title' }, l.title || l.itemId), ' ', el('span', { class: 'barcode' }, `(${l.itemId})`),
    l.dueDate ? el('span', { class: 'due' },
      t().due(day(l.dueDate)) + (l.overdue ? ' — ' + t().overdue : '')) : null,
    l.renewResult ? el('span', { class: 'reason', role: 'status' }, l.renewResult(lang)) : null,
    viewOnly() ? null
      : el('button', { type: 'button', class: 'renew', onclick: () => renew(l.itemId, 'account') }, t().renew))));
  if (a.holdsReady.length === 0) $('holds').append(el('li', {}, t().noHolds));
  a.holdsReady.forEach(h => $('holds').append(el('li', { 'data-item': h.itemId },
    el('span', { class: 'title' }, h.title || h.itemId),
    h.pickupBranch ? el('span', { class: 'pickup' }, t().pickup(h.pickupBranch)) : null)));
  $('fees').textContent = a.feesDue && Number(a.feesDue) > 0 ? t().fees(a.feesDue) : t().noFees;
}

function renderReceipt() {
  const r = last.receipt;
  $('receipt').textContent = !r ? '' : (r.lines.length || r.account ? r.text.join('\n') : t().emptyReceipt);
}

async function refreshState() {
  try {
    const s = await api('GET', 'state');
    last.state = s;
    if (inSession && !s.session) { endSession(); return; }
    if (!inSession && s.session) { startSession(); return; } // the page was reloaded mid-session
    renderState();
    idleCheck();
  } catch (e) { /* the next poll tries again */ }
}

function idleCheck() {
  const warn = $('idle-warning');
  if (!inSession || !last.state) { warn.hidden = true; return; }
  const left = Math.ceil(last.state.idleSeconds - (Date.now() - lastActivity) / 1000);
  warn.hidden = left > 15 || left < 0;
  if (!warn.hidden) warn.textContent = t().idle(left);
}

function activity() {
  lastActivity = Date.now();
  $('idle-warning').hidden = true;
  if (inSession && Date.now() - lastTouchSent > 3000) {
    lastTouchSent = Date.now();
    api('POST', 'touch').catch(() => {});
  }
}

async function login(ev) {
  ev.preventDefault();
  const card = $('card').value.trim();
  const pin = $('pin').value;
  if (!pin || (!card && !(last.state && last.state.cardOnPad))) {
    $('login-message').textContent = t().needCard;
    (card || (last.state && last.state.cardOnPad) ? $('pin') : $('card')).focus();
    return;
  }
  $('login').disabled = true;
  try {
    const r = await api('POST', 'login', { card, pin });
    $('pin').value = '';
    if (!r.ok) {
      last.loginMessage = r.message;
      $('login-message').textContent = msg(r.message);
      $('pin').focus();
      return;
    }
    $('card').value = '';
    $('login-message').textContent = '';
    last.loginMessage = null;
    startSession();
  } finally {
    $('login').disabled = false;
  }
}

async function startSession() {
  inSession = true;
  lastActivity = Date.now();
  $('welcome').hidden = true;
  $('session').hidden = false;
  show(null);
  await refreshState();
  $('session-title').focus();
  // A patron who may not borrow came to see their account: show it at once.
  if (viewOnly()) account();
}

// Leaves nothing of the patron on screen: every panel emptied, fields cleared, back to the welcome.
function endSession() {
  const was = inSession;
  inSession = false;
  last.results = null; last.account = null; last.receipt = null;
  ['results', 'loans', 'holds', 'account-blocks'].forEach(id => $(id).replaceChildren());
  ['receipt', 'fees', 'session-title', 'pad-summary', 'busy', 'print-message', 'account-message',
    'view-only-notice', 'view-only-reason'].forEach(id => { $(id).textContent = ''; });
  $('view-only').hidden = true;
  $('borrow').hidden = false;
  $('card').value = ''; $('pin').value = '';
  show(null);
  $('session').hidden = true;
  $('welcome').hidden = false;
  $('idle-warning').hidden = true;
  if (was) {
    $('login-message').textContent = t().ended;
    $('welcome-title').focus();
  }
}

async function withBusy(work) {
  if (busy) return;
  busy = true;
  document.querySelectorAll('#session button').forEach(b => { b.disabled = true; });
  $('busy').textContent = t().busy;
  try { await work(); } catch (e) { /* 401 already handled */ } finally {
    busy = false;
    document.querySelectorAll('#session button').forEach(b => { b.disabled = false; });
    $('busy').textContent = '';
  }
}

function borrow() {
  return withBusy(async () => {
    const r = await api('POST', 'borrow');
    last.results = r.outcomes;
    renderResults();
    show('results-panel');
    $('results-title').focus();
    refreshState();
  });
}

function renew(itemId, from) {
  return withBusy(async () => {
    const r = await api('POST', 'renew', { itemId });
    if (from === 'results') {
      last.results = last.results.map(o => (o.itemId === itemId ? r.outcome : o));
      renderResults();
      $('results-title').focus();
    } else {
      const o = r.outcome;
      last.account.loans = last.account.loans.map(l => (l.itemId === itemId
        ? Object.assign({}, l, o.dueDate ? { dueDate: o.dueDate, overdue: false } : {},
          { renewResult: lg => T[lg].status[o.status] + (o.message ? ' — ' + (o.message[lg] || o.message.fr) : '') })
        : l));
      renderAccount();
      $('account-title').focus();
    }
  });
}

function account() {
  return withBusy(async () => {
    last.account = await api('GET', 'account');
    renderAccount();
    show('account-panel');
    $('account-title').focus();
  });
}

function receipt() {
  return withBusy(async () => {
    last.receipt = await api('GET', 'receipt?lang=' + lang);
    renderReceipt();
    $('print-message').textContent = '';
    show('receipt-panel');
    $('receipt-title').focus();
  });
}

function print() {
  return withBusy(async () => {
    const r = await api('POST', 'print?lang=' + lang); // printed in the language the patron reads
    $('print-message').textContent = msg(r.message);
  });
}

async function logout() {
  await api('POST', 'logout').catch(() => {});
  endSession();
}

async function loadDemo() {
  const r = await fetch('/api/demo/pad', { cache: 'no-store' }).then(x => x.json());
  renderDemo(r.choices);
}

function renderDemo(choices) {
  last.demoChoices = choices;
  const box = $('demo-choices');
  box.replaceChildren();
  choices.forEach((c, i) => {
    const input = el('input', { type: 'checkbox', id: 'demo-' + i, 'data-key': c.key });
    input.checked = c.onPad;
    input.addEventListener('change', async () => {
      const r = await api('POST', 'demo/pad', { key: c.key, onPad: input.checked });
      renderDemo(r.choices);
      refreshState();
      $('demo-' + i).focus();
    });
    box.append(el('label', { for: 'demo-' + i }, input, msg(c.label)));
  });
}

document.addEventListener('DOMContentLoaded', async () => {
  $('login-form').addEventListener('submit', login);
  $('card').addEventListener('keydown', e => {
    // A barcode scanner types the card and presses Enter: go on to the PIN.
    if (e.key === 'Enter' && !$('pin').value) { e.preventDefault(); $('pin').focus(); }
  });
  $('lang').addEventListener('click', async () => { lang = lang === 'fr' ? 'en' : 'fr'; applyLanguage();
    if (last.loginMessage) $('login-message').textContent = msg(last.loginMessage);
    if (last.demoChoices) renderDemo(last.demoChoices);
    // The receipt's lines are written by the kiosk: ask them again in the new language.
    if (inSession && last.receipt) {
      last.receipt = await api('GET', 'receipt?lang=' + lang).catch(() => last.receipt);
      renderReceipt();
    }
  });
  // The keypad types into the field last touched: the PIN unless the patron chose the card's field.
  let typed = $('pin');
  ['card', 'pin'].forEach(id => $(id).addEventListener('focus', () => { typed = $(id); }));
  const keypad = $('keypad');
  // A key pressed leaves the focus in the field (a touch on a button would take it).
  keypad.addEventListener('mousedown', e => { if (e.target.closest('.key')) e.preventDefault(); });
  keypad.addEventListener('click', e => {
    const key = e.target.closest('.key');
    if (!key || key.type === 'submit') return;
    if (key.dataset.digit) typed.value += key.dataset.digit;
    else typed.value = typed.value.slice(0, -1); // the erase key: the last digit only
    typed.focus();
  });
  $('borrow').addEventListener('click', borrow);
  $('account-button').addEventListener('click', account);
  $('receipt-button').addEventListener('click', receipt);
  $('print').addEventListener('click', print);
  $('logout').addEventListener('click', logout);
  $('demo-clear').addEventListener('click', async () => {
    const r = await api('POST', 'demo/pad/clear'); renderDemo(r.choices); refreshState();
  });
  ['pointerdown', 'keydown'].forEach(ev => document.addEventListener(ev, activity, true));
  await refreshState();
  applyLanguage();
  if (last.state && last.state.demo) loadDemo();
  setInterval(refreshState, 1000);
  $('card').focus();
});
