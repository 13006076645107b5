'use strict';
// The statistics page's added words (staff-texts.js holds the rest): French first, English on request.
Object.assign(T.fr, {
  branchChoice: 'Bibliothèque', wholeNetwork: 'Tout le réseau', occupancyTitle: 'Présents en ce moment',
  occupancyNote: 'Entrées moins sorties depuis ce matin, comptées par les portiques.', present: 'Présents',
  alarmsChart: 'Alarmes des portiques par jour',
  alarmsNote: 'Vraie alarme : document non prêté ou inconnu. Antivol non désactivé : document bien prêté dont '
    + 'l\'étiquette n\'a pas été désactivée (fausse alarme).',
  trueAlarms: 'Vraies alarmes', disarmFailures: 'Antivol non désactivé', alarmsAxis: 'Alarmes',
  routesTitle: 'Navette : documents par tournée et trajets évités', route: 'Tournée',
  shuttledCount: 'Documents mis en navette', shuttled: 'En navette', ridesSaved: 'Trajets évités',
  ridesNote: 'Trajet évité : document d\'une collection flottante rendu dans une autre bibliothèque que la sienne '
    + 'et gardé là où il a été rendu au lieu de partir en navette. Les documents rendus chez eux ne comptent pas : '
    + 'ils n\'auraient jamais voyagé.',
  noRoute: 'Sans tournée', nobodyToday: 'Rien de compté aujourd\'hui', noTransit: 'Aucun document mis en navette',
  ridesInPeriod: (n, shuttled) => `Sur la période : ${n} trajet(s) évité(s), ${shuttled} document(s) mis en navette.`
});
Object.assign(T.en, {
  branchChoice: 'Library', wholeNetwork: 'Whole network', occupancyTitle: 'In the building now',
  occupancyNote: 'Visitors in minus out since this morning, as the gates counted them.', present: 'Present',
  alarmsChart: 'Gate alarms per day',
  alarmsNote: 'True alarm: a document not on loan or unknown. Disarm failure: a document on loan whose tag was not '
    + 'disarmed (a false alarm).',
  trueAlarms: 'True alarms', disarmFailures: 'Disarm failures', alarmsAxis: 'Alarms',
  routesTitle: 'Shuttle: documents per route and rides saved', route: 'Route',
  shuttledCount: 'Documents shuttled', shuttled: 'Shuttled', ridesSaved: 'Rides saved',
  ridesNote: 'Ride saved: a document of a floating collection returned at another library than its own and kept '
    + 'where it was returned instead of being shuttled home. Documents returned at home are not counted: they would '
    + 'never have travelled.',
  noRoute: 'No route', nobodyToday: 'Nothing counted today', noTransit: 'No document shuttled',
  ridesInPeriod: (n, shuttled) => `In the period: ${n} ride(s) saved, ${shuttled} document(s) shuttled.`
});
