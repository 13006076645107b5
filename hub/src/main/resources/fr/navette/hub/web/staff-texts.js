'use strict';
// The staff pages' words, French and English, one language at a time. The choice is this browser's: kept in
// localStorage and in the navette-lang cookie, which the hub's API reads to answer alerts and refusals in the same
// language. French unless English was chosen. The API's machine values (statuses, verdicts…) are translated here,
// never changed.
const T = {
  fr: {
    lang: 'English', htmlTitle: 'Navette — tableau de bord', network: '— réseau de lecture publique',
    loading: 'Chargement…', alerts: 'Alertes en cours', alarms: 'Alarmes des portiques', time: 'Heure', site: 'Site',
    item: 'Document', title: 'Titre', direction: 'Sens', verdict: 'Avis',
    transits: 'Documents à mettre dans la navette', callNumber: 'Cote', returnedAt: 'Rendu à',
    destination: 'Destination', reason: 'Motif', transitStatus: 'État', crate: 'Bac', since: 'Depuis',
    rounds: 'Tournées', ridesSaved: 'trajets évités', devices: 'Appareils', device: 'Appareil',
    deviceState: 'État', lastSeen: 'Vu', outbox: 'En attente', reader: 'Lecteur', printer: 'Imprimante',
    quarantine: 'Messages mis de côté', received: 'Reçu', topic: 'Sujet MQTT', quarantineReason: 'Raison',
    tokenPrompt: 'Jeton du personnel', done: 'Traité', doneLabel: 'Marquer comme traitée : ', noAlert: 'Aucune',
    alarmsPage: 'Alarmes en direct, prise en charge et journal',
    noAlarm: 'Aucune alarme', noDevice: 'Aucun appareil connu', manifest: 'feuille de route du jour',
    overdue: 'en retard', nothingWaiting: 'Aucun document en attente', noQuarantine: 'Aucun message mis de côté',
    updated: at => `Mis à jour à ${at}`, unreachable: 'Hub injoignable : ', alarm: 'Alarme',
    reasons: { 'send-home': 'Retour au site propriétaire', 'hold-elsewhere': 'Réservation à retirer ailleurs' },
    statuses: { open: 'À emballer', packed: 'Emballé', 'on-road': 'En route', arrived: 'Arrivé', closed: 'Clos',
      kept: 'Gardé ici', relayed: 'Relayé' },
    via: relay => `via ${relay}`,
    verdicts: { 'probably-borrowed': 'Prêt enregistré : antivol non désactivé (fausse alarme)',
      'not-borrowed': 'Non emprunté', 'unknown-item': 'Document inconnu du SIGB',
      'unreadable-tag': 'Étiquette illisible', pending: 'En attente du SIGB' },
    directions: { in: 'Entrée', out: 'Sortie', unknown: '?' },
    severities: { INFO: 'Info', WARNING: 'Attention', CRITICAL: 'Urgent' },
    deviceStates: { online: 'En ligne', offline: 'Hors ligne' },
    readerStates: { ok: 'OK', degraded: 'Dégradé', down: 'Hors service', none: 'Aucun', unknown: 'Inconnu' },
    printerStates: { ok: 'OK', 'paper-near-end': 'Rouleau bientôt fini', 'paper-out': 'Plus de papier',
      'cover-open': 'Capot ouvert', offline: 'Hors ligne', disconnected: 'Débranchée' },
    // The printable manifest
    manifestTitle: 'Feuille de route', back: '← Tableau de bord', print: 'Imprimer', check: '',
    onRound: n => `${n} document(s) sur la tournée`, stop: b => `Arrêt : ${b}`,
    toDrop: list => `À déposer : ${list}`, dropFrom: (n, from) => `${n} de ${from}`, nothingToDrop: 'Rien à déposer',
    nothingToPick: 'Rien à prendre', forBranch: b => `Pour ${b}`, crateNamed: c => `Bac ${c}`,
    notPacked: 'Pas encore en bac',
    // The statistics page
    shuttleLink: 'Bacs et tournées', statistics: 'Statistiques', devicesPage: 'Appareils (administration)', statsTitle: 'Navette — statistiques', visitsChart: 'Entrées par jour et par site',
    periodFrom: 'Du', periodTo: 'au', show: 'Afficher', date: 'Date', entries: 'Entrées', exits: 'Sorties',
    checkouts: 'Prêts', returns: 'Retours', renewals: 'Prolongations', byDay: 'Par jour et par site',
    csv: 'Télécharger le tableau (CSV, tableur)', noActivity: 'Rien de compté sur la période',
    period: (from, to, zone) => `Du ${from} au ${to} (heure de ${zone})`
  },
  en: {
    lang: 'Français', htmlTitle: 'Navette — dashboard', network: '— library network',
    loading: 'Loading…', alerts: 'Open alerts', alarms: 'Gate alarms', time: 'Time', site: 'Site',
    item: 'Item', title: 'Title', direction: 'Direction', verdict: 'Verdict',
    transits: 'Documents for the shuttle', callNumber: 'Call no.', returnedAt: 'Returned at',
    destination: 'Destination', reason: 'Reason', transitStatus: 'Status', crate: 'Crate', since: 'Since',
    rounds: 'Shuttle rounds', ridesSaved: 'rides saved', devices: 'Devices', device: 'Device',
    deviceState: 'State', lastSeen: 'Last seen', outbox: 'Outbox', reader: 'Reader', printer: 'Printer',
    quarantine: 'Quarantined messages', received: 'Received', topic: 'MQTT topic', quarantineReason: 'Reason',
    tokenPrompt: 'Staff token', done: 'Done', doneLabel: 'Mark as dealt with: ', noAlert: 'None',
    alarmsPage: 'Live alarms, acknowledgement and log',
    noAlarm: 'No alarm', noDevice: 'No device yet', manifest: 'today\'s manifest',
    overdue: 'overdue', nothingWaiting: 'Nothing waiting', noQuarantine: 'No quarantined message',
    updated: at => `Updated at ${at}`, unreachable: 'Hub unreachable: ', alarm: 'Alarm',
    reasons: { 'send-home': 'Send home', 'hold-elsewhere': 'Hold for pickup elsewhere' },
    statuses: { open: 'To pack', packed: 'Packed', 'on-road': 'On the road', arrived: 'Arrived', closed: 'Closed',
      kept: 'Kept here', relayed: 'Relayed' },
    via: relay => `via ${relay}`,
    verdicts: { 'probably-borrowed': 'On loan: disarm failed (false alarm)', 'not-borrowed': 'Not borrowed',
      'unknown-item': 'Unknown to the SIGB', 'unreadable-tag': 'Unreadable tag', pending: 'Waiting for the SIGB' },
    directions: { in: 'In', out: 'Out', unknown: '?' },
    severities: { INFO: 'Info', WARNING: 'Warning', CRITICAL: 'Critical' },
    deviceStates: { online: 'Online', offline: 'Offline' },
    readerStates: { ok: 'OK', degraded: 'Degraded', down: 'Down', none: 'None', unknown: 'Unknown' },
    printerStates: { ok: 'OK', 'paper-near-end': 'Paper nearly out', 'paper-out': 'Out of paper',
      'cover-open': 'Cover open', offline: 'Offline', disconnected: 'Unplugged' },
    manifestTitle: 'Shuttle manifest', back: '← Dashboard', print: 'Print', check: '',
    onRound: n => `${n} document(s) on the round`, stop: b => `Stop: ${b}`,
    toDrop: list => `To drop: ${list}`, dropFrom: (n, from) => `${n} from ${from}`, nothingToDrop: 'Nothing to drop',
    nothingToPick: 'Nothing to pick up', forBranch: b => `For ${b}`, crateNamed: c => `Crate ${c}`,
    notPacked: 'Not yet packed',
    shuttleLink: 'Crates and rounds', statistics: 'Statistics', devicesPage: 'Devices (administration)', statsTitle: 'Navette — statistics', visitsChart: 'Visitors in per day and branch',
    periodFrom: 'From', periodTo: 'to', show: 'Show', date: 'Date', entries: 'In', exits: 'Out',
    checkouts: 'Loans', returns: 'Returns', renewals: 'Renewals', byDay: 'Per day and branch',
    csv: 'Download the table (CSV, spreadsheet)', noActivity: 'Nothing counted in the period',
    period: (from, to, zone) => `From ${from} to ${to} (${zone} time)`
  }
};

const LANG_COOKIE = 'navette-lang';
let lang = (() => {
  const kept = localStorage.getItem(LANG_COOKIE)
    || (document.cookie.split('; ').find(c => c.startsWith(LANG_COOKIE + '=')) || '').split('=')[1];
  return kept === 'en' ? 'en' : 'fr';
})();
const t = () => T[lang];
const locale = () => (lang === 'fr' ? 'fr-FR' : 'en-GB');

function keepLanguage() {
  localStorage.setItem(LANG_COOKIE, lang);
  document.cookie = `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Strict`;
}

function applyLanguage(titleKey) {
  document.documentElement.lang = lang;
  document.title = t()[titleKey];
  document.querySelectorAll('[data-t]').forEach(e => { e.textContent = t()[e.dataset.t]; });
  const toggle = document.getElementById('lang');
  toggle.textContent = t().lang;
  toggle.lang = lang === 'fr' ? 'en' : 'fr';
}

// The toggle in the page's header; onChange redraws what the page built itself.
function languageToggle(onChange, titleKey = 'htmlTitle') {
  keepLanguage();
  applyLanguage(titleKey);
  document.getElementById('lang').addEventListener('click', () => {
    lang = lang === 'fr' ? 'en' : 'fr';
    keepLanguage();
    applyLanguage(titleKey);
    onChange();
  });
}
