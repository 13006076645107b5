'use strict';
// The staff login page: POST /api/session, then back to the page asked for (?next=, a path of this hub only).
Object.assign(T.fr, {
  loginPage: 'Navette — connexion', loginTitle: 'Connexion du personnel', userName: "Nom d'utilisateur",
  password: 'Mot de passe', loginButton: 'Se connecter', loggingIn: 'Connexion…',
  loginHint: "Compte oublié ou bloqué ? Adressez-vous à l'administrateur du réseau.",
  loginMissing: "Indiquez votre nom d'utilisateur et votre mot de passe.",
  loginWrong: "Nom d'utilisateur ou mot de passe incorrect.",
  loginLocked: s => `Trop d'essais manqués. Réessayez dans ${s} s.`,
  loginUnreachable: 'Le hub ne répond pas. Réessayez dans un instant.'
});
Object.assign(T.en, {
  loginPage: 'Navette — log in', loginTitle: 'Staff login', userName: 'User name', password: 'Password',
  loginButton: 'Log in', loggingIn: 'Logging in…',
  loginHint: 'Forgotten or locked account? Ask the network administrator.',
  loginMissing: 'Give your user name and password.',
  loginWrong: 'Wrong user name or password.',
  loginLocked: s => `Too many failed tries. Try again in ${s} s.`,
  loginUnreachable: 'The hub does not answer. Try again in a moment.'
});

// Only a path of this hub: never another site (an open redirect would lend our login page to a phishing link).
function nextPage() {
  const next = new URLSearchParams(location.search).get('next') || '/';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

function loginError(text) {
  document.getElementById('login-error').textContent = text;
}

languageToggle(() => loginError(''), 'loginPage');

// Already signed in (another tab): straight on.
fetch('/api/session').then(r => (r.ok ? r.json() : null)).then(me => {
  if (me && me.via === 'session') location.replace(nextPage());
}).catch(() => {});

document.getElementById('login-form').addEventListener('submit', async event => {
  event.preventDefault();
  const user = document.getElementById('user').value.trim();
  const password = document.getElementById('password').value;
  if (!user || !password) {
    loginError(t().loginMissing);
    return;
  }
  const button = document.getElementById('login-submit');
  button.disabled = true;
  button.textContent = t().loggingIn;
  try {
    const res = await fetch('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user, password }) });
    if (res.ok) {
      const me = await res.json();
      // The account's language from now on (the hub also set the cookie).
      lang = me.language === 'en' ? 'en' : 'fr';
      keepLanguage();
      location.replace(nextPage());
      return;
    }
    document.getElementById('password').value = '';
    if (res.status === 429) {
      loginError(t().loginLocked(res.headers.get('Retry-After') || '30'));
    } else if (res.status === 401) {
      loginError(t().loginWrong);
    } else {
      const answer = await res.json().catch(() => ({}));
      loginError(answer.error || ('HTTP ' + res.status));
    }
    document.getElementById('password').focus();
  } catch (e) {
    loginError(t().loginUnreachable);
  } finally {
    button.disabled = false;
    button.textContent = t().loginButton;
  }
});
