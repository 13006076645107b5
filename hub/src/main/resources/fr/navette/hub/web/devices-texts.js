'use strict';
// The devices page's words, added to staff-texts.js's (loaded before): French first, English on request.
Object.assign(T.fr, {
  devicesTitle: 'Navette — appareils', devicesTitleShort: 'Appareils', devicesList: 'Appareils du réseau',
  branch: 'Bibliothèque', kind: 'Type', health: 'État', config: 'Configuration', identity: 'Identité',
  actions: 'Actions', devicesCsv: 'Télécharger la liste (CSV, tableur)',
  kinds: { gate: 'Portique', 'self-check': 'Automate de prêt', 'return-box': 'Boîte de retour', monitor: 'Écran',
    unknown: 'Inconnu' },
  identityStates: { pending: 'En attente d\'enrôlement', enrolled: 'Enrôlé', revoked: 'Révoqué',
    none: 'Sans identité (accès non sécurisé)' },
  silence: 'Couper l\'alarme', testAlarm: 'Tester l\'alarme', resync: 'Resynchroniser', editConfig: 'Configurer',
  revoke: 'Révoquer', renew: 'Nouvelle chaîne', revokeConfirm: 'Révoquer', cancel: 'Annuler',
  confirmRevoke: id => `Révoquer ${id} ? L'appareil est déconnecté tout de suite et ne pourra plus se connecter `
    + `sans être enrôlé à nouveau.`,
  sent: (what, id) => `${what} : envoyé à ${id}.`, revoked: id => `${id} est révoqué.`,
  refused: 'Refusé : ', configFor: id => `Configuration de ${id}`,
  configHelp: 'Un réglage par ligne : nom=valeur', configSend: 'Envoyer la configuration',
  configLine: (n, line) => `Ligne ${n} : « ${line} » n'est pas de la forme nom=valeur`,
  configVersion: (applied, sent) => (applied == null ? 'aucune en service' : `version ${applied} en service`)
    + (sent && sent !== applied ? `, version ${sent} envoyée` : ''),
  configRefused: r => `refusée : ${r}`, lastCommand: 'Dernière commande : ',
  enrolTitle: 'Enrôler un nouvel appareil', deviceId: 'Identifiant', enrolButton: 'Créer la chaîne d\'enrôlement',
  enrolShownOnce: 'À saisir sur l\'appareil (navette enrol) ou à scanner. Elle n\'est montrée qu\'une fois.',
  expires: at => `Valable jusqu'au ${at}`, enrolled: id => `Chaîne d'enrôlement créée pour ${id}.`,
  brokerTitle: 'Opérations refusées par le courtier MQTT', operation: 'Opération', client: 'Client',
  refusalReason: 'Raison', noRefusal: 'Aucun refus', adminsOnly: 'Réservé aux administrateurs : ',
  brokerCounts: c => `Depuis le démarrage : ${c.connect ?? 0} connexion(s), ${c.publish ?? 0} publication(s), `
    + `${c.subscribe ?? 0} abonnement(s) refusés`,
  operations: { connect: 'Connexion', publish: 'Publication', subscribe: 'Abonnement' },
  never: 'jamais', outboxOld: s => `la plus ancienne depuis ${s}`
});
Object.assign(T.en, {
  devicesTitle: 'Navette — devices', devicesTitleShort: 'Devices', devicesList: 'Devices of the network',
  branch: 'Library', kind: 'Kind', health: 'State', config: 'Configuration', identity: 'Identity',
  actions: 'Actions', devicesCsv: 'Download the list (CSV, spreadsheet)',
  kinds: { gate: 'Gate', 'self-check': 'Self-check kiosk', 'return-box': 'Return box', monitor: 'Screen',
    unknown: 'Unknown' },
  identityStates: { pending: 'Waiting for enrolment', enrolled: 'Enrolled', revoked: 'Revoked',
    none: 'No identity (insecure access)' },
  silence: 'Silence alarm', testAlarm: 'Test alarm', resync: 'Re-sync', editConfig: 'Configure',
  revoke: 'Revoke', renew: 'New string', revokeConfirm: 'Revoke', cancel: 'Cancel',
  confirmRevoke: id => `Revoke ${id}? The device is disconnected at once and cannot connect again until it is `
    + `enrolled anew.`,
  sent: (what, id) => `${what}: sent to ${id}.`, revoked: id => `${id} is revoked.`,
  refused: 'Refused: ', configFor: id => `Configuration of ${id}`,
  configHelp: 'One setting per line: name=value', configSend: 'Send the configuration',
  configLine: (n, line) => `Line ${n}: "${line}" is not name=value`,
  configVersion: (applied, sent) => (applied == null ? 'none in force' : `version ${applied} in force`)
    + (sent && sent !== applied ? `, version ${sent} sent` : ''),
  configRefused: r => `refused: ${r}`, lastCommand: 'Last command: ',
  enrolTitle: 'Enrol a new device', deviceId: 'Id', enrolButton: 'Create the enrolment string',
  enrolShownOnce: 'To type on the device (navette enrol) or to scan. It is shown this once only.',
  expires: at => `Valid until ${at}`, enrolled: id => `Enrolment string created for ${id}.`,
  brokerTitle: 'Operations the MQTT broker refused', operation: 'Operation', client: 'Client',
  refusalReason: 'Reason', noRefusal: 'No refusal', adminsOnly: 'Administrators only: ',
  brokerCounts: c => `Since start: ${c.connect ?? 0} connection(s), ${c.publish ?? 0} publication(s), `
    + `${c.subscribe ?? 0} subscription(s) refused`,
  operations: { connect: 'Connection', publish: 'Publication', subscribe: 'Subscription' },
  never: 'never', outboxOld: s => `oldest for ${s}`
});
