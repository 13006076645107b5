'use strict';
// The administrator's users page: the accounts (GET /api/admin/users), a new one (POST), disable or enable one and
// give a new password (PUT /api/admin/users/{name}). Every change is in the audit log (GET /api/admin/audit).
Object.assign(T.fr, {
  usersPage: 'Navette — utilisateurs', usersTitle: 'Utilisateurs', userName: "Nom d'utilisateur", roleColumn: 'Rôle',
  branchesColumn: 'Sites', languageColumn: 'Langue', stateColumn: 'État', lastLogin: 'Dernière connexion',
  actions: 'Actions', newUser: 'Nouvel utilisateur', passwordRule: 'Mot de passe (12 caractères au moins)',
  branchesLegend: 'Sites (le premier coché est le site de rattachement)', create: 'Créer', active: 'Actif',
  disabledState: 'Désactivé', disable: 'Désactiver', enable: 'Réactiver', newPassword: 'Nouveau mot de passe',
  never: 'jamais', noUser: 'Aucun utilisateur', adminsOnly: 'Cette page est réservée aux administrateurs.',
  created: n => `Compte ${n} créé.`, disabledDone: n => `Compte ${n} désactivé : ses sessions sont fermées.`,
  enabledDone: n => `Compte ${n} réactivé.`, passwordDone: n => `Nouveau mot de passe enregistré pour ${n}.`,
  askPassword: n => `Nouveau mot de passe pour ${n} (12 caractères au moins) :`,
  confirmDisable: n => `Désactiver le compte ${n} ? Ses sessions seront fermées.`,
  languages: { fr: 'Français', en: 'English' }
});
Object.assign(T.en, {
  usersPage: 'Navette — users', usersTitle: 'Users', userName: 'User name', roleColumn: 'Role',
  branchesColumn: 'Branches', languageColumn: 'Language', stateColumn: 'State', lastLogin: 'Last login',
  actions: 'Actions', newUser: 'New user', passwordRule: 'Password (at least 12 characters)',
  branchesLegend: 'Branches (the first ticked is the home branch)', create: 'Create', active: 'Active',
  disabledState: 'Disabled', disable: 'Disable', enable: 'Enable', newPassword: 'New password',
  never: 'never', noUser: 'No user', adminsOnly: 'This page is for administrators only.',
  created: n => `Account ${n} created.`, disabledDone: n => `Account ${n} disabled: its sessions are closed.`,
  enabledDone: n => `Account ${n} enabled again.`, passwordDone: n => `New password saved for ${n}.`,
  askPassword: n => `New password for ${n} (at least 12 characters):`,
  confirmDisable: n => `Disable the account ${n}? Its sessions will be closed.`,
  languages: { fr: 'Français', en: 'English' }
});

let branchOrder = [];
let names = {};
let usersList = [];
const ticked = [];

function message(text, good) {
  const p = document.getElementById('users-message');
  p.textContent = text;
  p.className = 'message ' + (good ? 'good' : 'bad');
}

const branchText = code => (names[code] ? names[code] + ' (' + code + ')' : code);
const when = iso => (iso ? new Date(iso).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' })
  : t().never);

async function change(user, body, done) {
  const res = await fetch('/api/admin/users/' + encodeURIComponent(user), { method: 'PUT',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await res.json().catch(() => ({}));
  if (res.ok) message(done(user), true); else message(answer.error || ('HTTP ' + res.status), false);
  await load();
}

function drawUsers() {
  const tbody = document.getElementById('users');
  tbody.replaceChildren();
  if (usersList.length === 0) {
    const td = Object.assign(document.createElement('td'), { textContent: t().noUser, colSpan: 7, className: 'muted' });
    const tr = document.createElement('tr');
    tr.append(td);
    tbody.append(tr);
    return;
  }
  for (const u of usersList) {
    const tr = document.createElement('tr');
    tr.dataset.user = u.user;
    if (u.disabled) tr.className = 'disabled';
    const cell = text => Object.assign(document.createElement('td'), { textContent: text });
    const state = cell(u.disabled ? t().disabledState : t().active);
    if (u.disabled) state.className = 'state-disabled';
    const actions = Object.assign(document.createElement('td'), { className: 'actions' });
    const toggle = Object.assign(document.createElement('button'), { type: 'button',
      textContent: u.disabled ? t().enable : t().disable });
    toggle.setAttribute('aria-label', (u.disabled ? t().enable : t().disable) + ' ' + u.user);
    toggle.addEventListener('click', () => {
      if (!u.disabled && !window.confirm(t().confirmDisable(u.user))) return;
      change(u.user, { disabled: !u.disabled }, u.disabled ? t().enabledDone : t().disabledDone);
    });
    const reset = Object.assign(document.createElement('button'), { type: 'button', textContent: t().newPassword });
    reset.setAttribute('aria-label', t().newPassword + ' ' + u.user);
    reset.addEventListener('click', () => {
      const password = window.prompt(t().askPassword(u.user));
      if (password) change(u.user, { password }, t().passwordDone);
    });
    actions.append(toggle, reset);
    tr.append(cell(u.user), cell(t().roles[u.role] || u.role), cell(u.branches.map(branchText).join(', ') || '—'),
      cell(t().languages[u.language] || u.language), state, cell(when(u.lastLoginAt)), actions);
    tbody.append(tr);
  }
}

function drawForm() {
  const role = document.getElementById('new-role');
  const chosen = role.value || 'branch-staff';
  role.replaceChildren(...['branch-staff', 'coordinator', 'admin'].map(r =>
    Object.assign(document.createElement('option'), { value: r, textContent: t().roles[r] })));
  role.value = chosen;
  const set = document.getElementById('new-branches');
  const legend = set.querySelector('legend');
  set.replaceChildren(legend);
  for (const code of branchOrder) {
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', value: code,
      checked: ticked.includes(code) });
    box.addEventListener('change', () => {
      const at = ticked.indexOf(code);
      if (box.checked && at < 0) ticked.push(code);
      if (!box.checked && at >= 0) ticked.splice(at, 1);
    });
    const label = document.createElement('label');
    label.append(box, branchText(code));
    set.append(label);
  }
}

async function load() {
  const res = await fetch('/api/admin/users');
  if (res.status === 403) {
    message(t().adminsOnly, false);
    document.getElementById('new-user').hidden = true;
    return;
  }
  usersList = await res.json();
  drawUsers();
}

document.getElementById('new-user').addEventListener('submit', async event => {
  event.preventDefault();
  const user = document.getElementById('new-name').value.trim();
  const res = await fetch('/api/admin/users', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user, password: document.getElementById('new-password').value,
      role: document.getElementById('new-role').value, branches: ticked,
      language: document.getElementById('new-language').value }) });
  const answer = await res.json().catch(() => ({}));
  if (res.ok) {
    message(t().created(answer.user), true);
    document.getElementById('new-user').reset();
    ticked.length = 0;
    drawForm();
  } else {
    message(answer.error || ('HTTP ' + res.status), false);
  }
  await load();
});

languageToggle(() => { drawUsers(); drawForm(); }, 'usersPage');
(async () => {
  try {
    const branches = await (await fetch('/api/branches')).json();
    branchOrder = branches.map(b => b.code);
    names = Object.fromEntries(branches.map(b => [b.code, b.name]));
  } catch (e) { /* no names: the form offers none */ }
  drawForm();
  await load();
})();
