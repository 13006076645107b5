'use strict';
// The staff console's navigation bar, shared by every staff page (after staff-texts.js, before the page's script):
// who is signed in and in which role, the home branch or the branch chosen, the language switch (kept on the
// account), logout, and the links to the pages this role may open. It also takes care, for every page, of what a
// session asks: every request that changes something carries the session's CSRF token, and a 401 (session ended)
// sends the browser to the login page. Pages read the chosen branch with staffBranch() ('' = the whole network)
// and hear of a change with window.addEventListener('staff-branch', ...).
Object.assign(T.fr, {
  navDashboard: 'Tableau de bord', navAlarms: 'Alarmes', navShuttle: 'Navette', navDevices: 'Appareils', navUsers: 'Utilisateurs', navSubject: 'Accès aux données', navMenu: 'Pages du personnel', logout: 'Se déconnecter',
  branchLabel: 'Site', wholeNetwork: 'Tout le réseau', openAccess: 'Accès ouvert (mode test)',
  roles: { 'branch-staff': 'Personnel de site', coordinator: 'Coordination du réseau', admin: 'Administration' }
});
Object.assign(T.en, {
  navDashboard: 'Dashboard', navAlarms: 'Alarms', navShuttle: 'Shuttle', navDevices: 'Devices', navUsers: 'Users', navSubject: 'Data access', navMenu: 'Staff pages', logout: 'Log out',
  branchLabel: 'Branch', wholeNetwork: 'Whole network', openAccess: 'Open access (test mode)',
  roles: { 'branch-staff': 'Branch staff', coordinator: 'Network coordinator', admin: 'Administrator' }
});

// The pages of the console, in the bar's order; role: the least role that sees the link. Other pages add theirs.
const STAFF_PAGES = [
  { href: '/', key: 'navDashboard' },
  { href: '/alarms.html', key: 'navAlarms' },
  { href: '/shuttle.html', key: 'navShuttle' },
  { href: '/stats.html', key: 'statistics' },
  { href: '/subject-access.html', key: 'navSubject', role: 'coordinator' },
  { href: '/devices.html', key: 'navDevices', role: 'admin' },
  { href: '/users.html', key: 'navUsers', role: 'admin' }
];
const STAFF_RANK = { 'branch-staff': 0, coordinator: 1, admin: 2 };
const BRANCH_KEY = 'navette-branch';
let staffMe = null;
let staffBranchNames = {};

function goToLogin() {
  location.assign('/login.html?next=' + encodeURIComponent(location.pathname + location.search));
}

// Every request that changes something carries the session's CSRF token; a 401 means the session ended.
const staffSessionReady = fetch('/api/session', { headers: { Accept: 'application/json' } })
  .then(r => (r.ok ? r.json() : null)).catch(() => null);
const bareFetch = window.fetch.bind(window);
window.fetch = async (input, init = {}) => {
  const method = String(init.method || (input instanceof Request ? input.method : 'GET')).toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') {
    const me = await staffSessionReady;
    if (me && me.csrf) {
      const headers = new Headers(init.headers || {});
      if (!headers.has('X-CSRF-Token')) headers.set('X-CSRF-Token', me.csrf);
      init = Object.assign({}, init, { headers });
    }
  }
  const res = await bareFetch(input, init);
  const url = new URL(input instanceof Request ? input.url : String(input), location.href);
  if (res.status === 401 && url.origin === location.origin && url.pathname.startsWith('/api/')) {
    goToLogin();
    return new Promise(() => {}); // the page goes away; its code waits for nothing
  }
  return res;
};

function staffBranch() {
  if (!staffMe) return '';
  const kept = localStorage.getItem(BRANCH_KEY);
  const choices = staffBranchChoices();
  if (kept !== null && choices.includes(kept)) return kept;
  return staffMe.homeBranch || (staffMe.role === 'branch-staff' ? staffMe.branches[0] : '');
}

function staffBranchChoices() {
  if (!staffMe) return [];
  if (staffMe.role === 'branch-staff') return staffMe.branches;
  return [''].concat(Object.keys(staffBranchNames));
}

const branchLabel = code => (code === '' ? t().wholeNetwork
  : (staffBranchNames[code] ? staffBranchNames[code] + ' (' + code + ')' : code));

function drawStaffNav() {
  const bar = document.getElementById('staff-nav');
  const role = staffMe ? staffMe.role : 'branch-staff';
  const brand = Object.assign(document.createElement('span'), { className: 'brand', textContent: 'Navette' });
  const list = document.createElement('ul');
  for (const page of STAFF_PAGES) {
    if (page.role && !(staffMe && STAFF_RANK[role] >= STAFF_RANK[page.role])) continue;
    const a = Object.assign(document.createElement('a'), { href: page.href, textContent: t()[page.key] });
    if (location.pathname === page.href || (page.href === '/' && location.pathname === '/index.html')) {
      a.setAttribute('aria-current', 'page');
    }
    const li = document.createElement('li');
    li.append(a);
    list.append(li);
  }
  const nav = document.createElement('nav');
  nav.setAttribute('aria-label', t().navMenu);
  nav.append(list);
  const who = Object.assign(document.createElement('div'), { className: 'who' });
  if (staffMe) {
    const choices = staffBranchChoices();
    if (choices.length > 1) {
      const label = document.createElement('label');
      const select = Object.assign(document.createElement('select'), { id: 'staff-branch' });
      for (const code of choices) {
        select.append(Object.assign(document.createElement('option'), { value: code, textContent: branchLabel(code) }));
      }
      select.value = staffBranch();
      select.addEventListener('change', () => {
        localStorage.setItem(BRANCH_KEY, select.value);
        window.dispatchEvent(new CustomEvent('staff-branch', { detail: select.value }));
      });
      label.append(t().branchLabel + ' ', select);
      who.append(label);
    } else if (choices.length === 1) {
      who.append(Object.assign(document.createElement('span'), { id: 'staff-branch',
        textContent: t().branchLabel + ' : ' + branchLabel(choices[0]) }));
    }
    const user = Object.assign(document.createElement('span'), { className: 'user', id: 'staff-user',
      textContent: staffMe.via === 'open' ? t().openAccess : staffMe.user });
    const roleText = Object.assign(document.createElement('span'), { className: 'role', id: 'staff-role',
      textContent: t().roles[staffMe.role] || staffMe.role });
    who.append(user, roleText);
  }
  let toggle = document.getElementById('lang');
  if (!toggle) {
    toggle = Object.assign(document.createElement('button'), { type: 'button', id: 'lang', className: 'lang',
      textContent: t().lang });
  }
  who.append(toggle);
  if (staffMe && staffMe.via === 'session') {
    const out = Object.assign(document.createElement('button'), { type: 'button', id: 'logout',
      textContent: t().logout });
    out.addEventListener('click', async () => {
      await fetch('/api/session', { method: 'DELETE' });
      location.assign('/login.html');
    });
    who.append(out);
  }
  bar.replaceChildren(brand, nav, who);
}

(function startStaffNav() {
  let bar = document.getElementById('staff-nav');
  if (!bar) {
    bar = document.createElement('div');
    bar.id = 'staff-nav';
    document.body.prepend(bar);
  }
  bar.className = 'staff-nav';
  drawStaffNav(); // at once, the page's language button in it, before the page's script binds it
  document.getElementById('lang').addEventListener('click', () => setTimeout(() => {
    drawStaffNav();
    if (staffMe && staffMe.via === 'session') {
      fetch('/api/session', { method: 'PUT', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ language: lang }) });
    }
  }));
  staffSessionReady.then(async me => {
    if (!me) { goToLogin(); return; }
    staffMe = me;
    try {
      const branches = await (await bareFetch('/api/branches')).json();
      staffBranchNames = Object.fromEntries(branches.map(b => [b.code, b.name]));
    } catch (e) { /* names are a comfort: codes do */ }
    drawStaffNav();
    window.dispatchEvent(new CustomEvent('staff-branch', { detail: staffBranch() }));
  });
})();
