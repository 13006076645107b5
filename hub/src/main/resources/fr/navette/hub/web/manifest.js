'use strict';
// The printable round sheet: at each stop, in the round's order, what to pick up (by destination, then by crate;
// documents not yet packed apart) and how much to drop — with the branches' names and statuses in words. Without
// ?route= it shows every round of the day, one sheet each (a chooser narrows it to one).
Object.assign(T.fr, { backToShuttle: 'Bacs et tournées', round: 'Tournée', allRounds: 'Toutes les tournées', show: 'Afficher',
  date: 'Date', noRounds: 'Aucune tournée n’est configurée (règles du réseau)', goesOnTo: 'Continue vers' });
Object.assign(T.en, { backToShuttle: 'Crates and rounds', round: 'Round', allRounds: 'All rounds', show: 'Show',
  date: 'Date', noRounds: 'No round is configured (network rules)', goesOnTo: 'Goes on to' });

const params = new URLSearchParams(location.search);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; };
let routes = [];

// dropAt: where the round drops these documents; a document going further (a relay at the depot) says where.
function table(lines, dropAt, name) {
  const tbl = el('table');
  const head = el('tr');
  ['', t().item, t().title, t().callNumber, t().transitStatus, t().goesOnTo].forEach(h => head.append(el('th', h)));
  tbl.append(head);
  for (const l of lines) {
    const tr = el('tr');
    tr.append(el('td', '☐', 'check'), el('td', l.itemId), el('td', l.title), el('td', l.callNumber),
      el('td', t().statuses[l.status] || l.status),
      el('td', l.destination && l.destination !== dropAt ? name(l.destination) : '—'));
    tbl.append(tr);
  }
  return tbl;
}

function sheet(m) {
  const name = code => (m.branchNames && m.branchNames[code]) || code;
  const box = el('article', null, 'manifest');
  box.append(el('h1', m.routeName + ' — ' + new Date(m.date + 'T12:00:00').toLocaleDateString(locale(), { dateStyle: 'full' })));
  box.append(el('p', t().onRound(m.documents)));
  for (const stop of m.stops) {
    const s = el('section', null, 'stop');
    s.append(el('h2', t().stop(name(stop.branch))));
    const deliveries = Object.entries(stop.deliveriesFrom);
    s.append(el('p', deliveries.length
      ? t().toDrop(deliveries.map(([from, n]) => t().dropFrom(n, name(from))).join(', ')) : t().nothingToDrop));
    if (stop.pickups.length === 0) s.append(el('p', t().nothingToPick));
    for (const p of stop.pickups) {
      s.append(el('h3', t().forBranch(name(p.destination))));
      for (const c of p.crates) { s.append(el('p', t().crateNamed(c.crate))); s.append(table(c.documents, p.destination, name)); }
      if (p.notPacked.length) { s.append(el('p', t().notPacked, 'loose')); s.append(table(p.notPacked, p.destination, name)); }
    }
    box.append(s);
  }
  return box;
}

async function load() {
  const problem = document.getElementById('problem');
  problem.hidden = true;
  const chosen = params.get('route');
  const date = params.get('date') || '';
  const select = document.getElementById('route');
  const all = el('option', t().allRounds); all.value = '';
  select.replaceChildren(all, ...routes.map(r => { const o = el('option', r.name); o.value = r.id; return o; }));
  select.value = chosen || '';
  document.getElementById('date').value = date;
  const wanted = chosen ? [chosen] : routes.map(r => r.id);
  const box = document.getElementById('manifests');
  box.replaceChildren();
  if (wanted.length === 0) { problem.textContent = t().noRounds; problem.hidden = false; return; }
  for (const id of wanted) {
    const res = await fetch('/api/manifests?route=' + encodeURIComponent(id) + (date ? '&date=' + encodeURIComponent(date) : ''));
    const m = await res.json();
    if (!res.ok) { problem.textContent = m.error; problem.hidden = false; continue; }
    box.append(sheet(m));
  }
}

document.getElementById('choose').addEventListener('submit', e => {
  e.preventDefault();
  const q = new URLSearchParams();
  if (document.getElementById('route').value) q.set('route', document.getElementById('route').value);
  if (document.getElementById('date').value) q.set('date', document.getElementById('date').value);
  location.search = q.toString();
});
document.getElementById('print').addEventListener('click', () => window.print());
languageToggle(load, 'manifestTitle');
fetch('/api/routes').then(r => r.json()).then(r => { routes = r; load(); });
