'use strict';
// A closed crate's label, to print and tape on it: where it goes (big, by the branch's name), its round, its code
// as a Code 39 barcode (what a handheld reader types back at the destination) and as text (to type by hand), where
// it comes from, how many documents, when it was closed.
Object.assign(T.fr, { labelTitle: 'Étiquette de bac — Navette', backToShuttle: '← Bacs et tournées',
  labelFor: 'Destination', labelFrom: 'Départ', labelCount: 'Documents', labelClosed: 'Fermé le',
  labelOpen: 'Bac encore ouvert', noRoundLabel: 'Hors tournée', goesOnTo: 'Continue vers' });
Object.assign(T.en, { labelTitle: 'Crate label — Navette', backToShuttle: '← Crates and rounds',
  labelFor: 'Destination', labelFrom: 'From', labelCount: 'Items', labelClosed: 'Closed on',
  labelOpen: 'Crate still open', noRoundLabel: 'No round', goesOnTo: 'Goes on to' });

// Code 39: each character is 9 elements (bar, space, …), 3 of them wide; '*' starts and ends the code.
const CODE39 = {
  '0': '101001101101', '1': '110100101011', '2': '101100101011', '3': '110110010101', '4': '101001101011',
  '5': '110100110101', '6': '101100110101', '7': '101001011011', '8': '110100101101', '9': '101100101101',
  A: '110101001011', B: '101101001011', C: '110110100101', D: '101011001011', E: '110101100101',
  F: '101101100101', G: '101010011011', H: '110101001101', I: '101101001101', J: '101011001101',
  K: '110101010011', L: '101101010011', M: '110110101001', N: '101011010011', O: '110101101001',
  P: '101101101001', Q: '101010110011', R: '110101011001', S: '101101011001', T: '101011011001',
  U: '110010101011', V: '100110101011', W: '110011010101', X: '100101101011', Y: '110010110101',
  Z: '100110110101', '-': '100101011011', '.': '110010101101', ' ': '100110101101', '*': '100101101101'
};
function barcode(svg, text) {
  const NS = 'http://www.w3.org/2000/svg';
  const modules = ('*' + text.toUpperCase() + '*').split('').map(c => (CODE39[c] || CODE39['-']) + '0').join('');
  const quiet = 10;
  svg.setAttribute('viewBox', `0 0 ${modules.length + 2 * quiet} 60`);
  svg.replaceChildren();
  svg.setAttribute('aria-label', text);
  for (let i = 0; i < modules.length; ) {
    if (modules[i] !== '1') { i++; continue; }
    let w = 0;
    while (modules[i + w] === '1') w++;
    const bar = document.createElementNS(NS, 'rect');
    bar.setAttribute('x', quiet + i); bar.setAttribute('y', 0); bar.setAttribute('width', w); bar.setAttribute('height', 60);
    svg.append(bar);
    i += w;
  }
}

const $ = id => document.getElementById(id);
const el = (tag, text) => { const e = document.createElement(tag); if (text != null) e.textContent = text; return e; };
const crate = new URLSearchParams(location.search).get('crate') || '';

async function load() {
  const res = await fetch('/api/crates/' + encodeURIComponent(crate), { credentials: 'same-origin' });
  const answer = await res.json().catch(() => ({}));
  if (!res.ok) { $('problem').textContent = answer.error || ('HTTP ' + res.status); $('problem').hidden = false; return; }
  const c = answer.crate;
  $('to').textContent = c.toName || '?';
  $('round').textContent = c.routeName || t().noRoundLabel;
  barcode($('barcode'), c.crateId);
  $('code').textContent = c.crateId;
  $('from').textContent = c.fromName;
  $('count').textContent = c.documents.toLocaleString(locale());
  $('closed').textContent = c.closedAt ? new Date(c.closedAt).toLocaleString(locale(), { dateStyle: 'full', timeStyle: 'short' })
    : t().labelOpen;
  $('documents').replaceChildren(...answer.documents.map(d => {
    const tr = el('tr');
    // A crate for a relay (the depot) carries documents for several branches: each says where it goes on to.
    tr.append(el('td', d.itemId), el('td', d.title || '—'), el('td', d.callNumber || '—'),
      el('td', d.viaName ? d.destinationName : '—'));
    return tr;
  }));
  $('label').hidden = false;
}
languageToggle(load, 'labelTitle');
$('print').addEventListener('click', () => window.print());
load();
