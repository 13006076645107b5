'use strict';
// A patron's subject access (GDPR art. 15), for the network's coordinator and admins: everything the hub holds
// about one card (GET /api/privacy/subject?card=…), shown, printed, downloaded as JSON. The card is sent in the
// request only: never put in this page's address (history), never kept by the page.
Object.assign(T.fr, {
  subjectPage: "Navette — accès aux données d'un usager", subjectTitle: "Accès d'un usager à ses données",
  subjectIntro: 'Tout ce que le hub garde sur une carte (RGPD, article 15) : prêts et prolongations aux automates,'
    + ' alarmes qui y sont liées, blocage du code, messages mis de côté.',
  cardLabel: "Numéro de carte de l'usager", search: 'Rechercher',
  auditNote: "Chaque recherche est inscrite au journal d'audit (qui, quand, la carte masquée).",
  print: 'Imprimer', download: 'Télécharger (JSON)', whenColumn: 'Quand', whatColumn: 'Quoi', whereColumn: 'Où',
  deviceColumn: 'Appareil', detailColumn: 'Détail',
  privacyLink: 'Ce que Navette garde et combien de temps (page publique)',
  heading: card => `Carte ${card}`,
  meta: (n, at, by) => `${n} élément(s) — extrait le ${at} par ${by}`,
  nothing: 'Le hub ne garde rien sur cette carte.', searching: 'Recherche…',
  kinds: { loan: 'Prêt à un automate', renewal: 'Prolongation', event: 'Événement', alarm: 'Alarme au portique',
    'pin-lock': 'Code bloqué', quarantine: 'Message mis de côté' },
  item: id => `document ${id}`, due: d => `retour le ${d}`, until: d => `jusqu'à ${d}`,
  linkedLoan: 'liée à un prêt ci-dessus', reason: r => `raison : ${r}`
});
Object.assign(T.en, {
  subjectPage: "Navette — a patron's data", subjectTitle: "A patron's access to their data",
  subjectIntro: 'Everything the hub keeps about a card (GDPR article 15): loans and renewals at the kiosks, gate'
    + ' alarms linked to them, a PIN lock, messages set aside.',
  cardLabel: "Patron's card number", search: 'Search',
  auditNote: 'Each search is written to the audit log (who, when, the card masked).',
  print: 'Print', download: 'Download (JSON)', whenColumn: 'When', whatColumn: 'What', whereColumn: 'Where',
  deviceColumn: 'Device', detailColumn: 'Detail',
  privacyLink: 'What Navette keeps and for how long (public page)',
  heading: card => `Card ${card}`,
  meta: (n, at, by) => `${n} item(s) — exported on ${at} by ${by}`,
  nothing: 'The hub keeps nothing about this card.', searching: 'Searching…',
  kinds: { loan: 'Loan at a kiosk', renewal: 'Renewal', event: 'Event', alarm: 'Gate alarm',
    'pin-lock': 'PIN locked', quarantine: 'Message set aside' },
  item: id => `item ${id}`, due: d => `due ${d}`, until: d => `until ${d}`,
  linkedLoan: 'linked to a loan above', reason: r => `reason: ${r}`
});

let exported = null;

function say(text, good) {
  const p = document.getElementById('subject-message');
  p.textContent = text;
  p.className = 'message ' + (good ? 'good' : 'bad');
}

const when = iso => (iso ? new Date(iso).toLocaleString(locale()) : '');

function detailOf(item) {
  const d = item.detail || {};
  const p = d.payload || {};
  const parts = [];
  if (p.itemId) parts.push(t().item(p.itemId));
  if (p.dueDate) parts.push(t().due(p.dueDate));
  if (item.kind === 'alarm') {
    parts.push(t().item(d.itemId || '?'));
    if (d.title) parts.push(d.title);
    parts.push(t().linkedLoan);
  }
  if (item.kind === 'pin-lock') parts.push(t().until(when(d.until)));
  if (item.kind === 'quarantine') parts.push(t().reason(d.reason || ''));
  if (item.kind === 'event') parts.push(d.channel);
  return parts.join(' — ');
}

function draw() {
  if (!exported) return;
  document.getElementById('subject-result').hidden = false;
  document.getElementById('subject-heading').textContent = t().heading(exported.card);
  document.getElementById('subject-meta').textContent = t().meta(exported.items.length, when(exported.at), exported.by);
  const rows = exported.items.map(item => {
    const tr = document.createElement('tr');
    tr.dataset.kind = item.kind;
    const where = item.branch && item.branch !== item.site ? `${item.branch} (${item.site})` : (item.site || '');
    for (const text of [when(item.at), t().kinds[item.kind] || item.kind, where, item.deviceId || '', detailOf(item)]) {
      tr.append(Object.assign(document.createElement('td'), { textContent: text }));
    }
    return tr;
  });
  if (rows.length === 0) {
    const tr = document.createElement('tr');
    tr.append(Object.assign(document.createElement('td'), { colSpan: 5, textContent: t().nothing }));
    rows.push(tr);
  }
  document.getElementById('subject-items').replaceChildren(...rows);
}

document.getElementById('subject-form').addEventListener('submit', async e => {
  e.preventDefault();
  const input = document.getElementById('card');
  say(t().searching, true);
  exported = null;
  document.getElementById('subject-result').hidden = true;
  const res = await fetch('/api/privacy/subject?card=' + encodeURIComponent(input.value),
    { headers: { Accept: 'application/json' } });
  const answer = await res.json().catch(() => ({}));
  if (!res.ok) {
    say(answer.error || ('HTTP ' + res.status), false);
    return;
  }
  input.value = ''; // the page keeps no card number: the export names it masked
  exported = answer;
  say('', true);
  draw();
});

document.getElementById('subject-print').addEventListener('click', () => window.print());
document.getElementById('subject-download').addEventListener('click', () => {
  if (!exported) return;
  const blob = new Blob([JSON.stringify(exported, null, 2)], { type: 'application/json' });
  const a = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob),
    download: 'navette-acces-donnees-' + exported.card.replace(/[^A-Za-z0-9]/g, '_') + '.json' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});

languageToggle(draw, 'subjectPage');
