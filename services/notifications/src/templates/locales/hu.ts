import type { Catalogue } from './en.js';

export const hu: Catalogue = {
  greeting: 'Kedves {name}!',
  signOff: 'Üdvözlettel:\nÜgyfélszolgálat',
  referenceLabel: 'Ügyszám',
  replyHint:
    'Ha válaszolni szeretne, válaszoljon erre az e-mailre, és hagyja a tárgysorban a(z) [{reference}] jelölést, hogy üzenete az ügyéhez kerüljön.',

  ackSubject: 'Megkaptuk panaszát',
  ackIntro:
    'Köszönjük, hogy jelezte nekünk: „{subject}”. Panaszát {reference} ügyszámon nyilvántartásba vettük.',
  ackFirstResponse: 'Munkatársunk legkésőbb {date} időpontig felveszi Önnel a kapcsolatot.',
  ackResolveBy: 'Végleges válaszunkat legkésőbb {date} időpontig megküldjük.',
  ackDescriptionLabel: 'Amit Ön írt nekünk',
  ackNext:
    'A következő lépések: szakértőnk megvizsgálja panaszát, szükség esetén további információt kér, majd tájékoztatja az eredményről és arról, hogyan tesszük jóvá a hibát.',

  infoSubject: 'További információra van szükségünk panaszával kapcsolatban',
  infoIntro: 'A(z) {reference} panasz folytatásához szükségünk van az alábbi kérdésre adott válaszára:',
  infoRespondBy:
    'Kérjük, válaszoljon {date} időpontig. Amíg nem kapunk választ, a panasz ügyintézése szünetel.',
  infoHowToAnswer:
    'Válaszoljon erre az e-mailre a válaszával és a dokumentumokkal, a tárgysorban hagyva a(z) [{reference}] jelölést.',

  resolvedSubject: 'Döntésünk panaszával kapcsolatban',
  resolvedIntro: 'Befejeztük a(z) {reference} panasz kivizsgálását.',
  resolvedOutcome:
    '{outcome, select, upheld {Panaszát megalapozottnak találtuk.} partially_upheld {Panaszát részben megalapozottnak találtuk.} other {Panaszát nem találtuk megalapozottnak.}}',
  resolvedRemedies: 'A hiba jóvátételére a következőket ajánljuk:',
  remedy:
    '{type, select, refund {Visszatérítés: {amount}} compensation {Kártérítés: {amount}} replacement {Csere} repair {Javítás} apology {Bocsánatkérésünk} other {Egyéb megoldás}}',
  resolvedDecide:
    'Kérjük, jelezze, elfogadja-e döntésünket. Az alábbi hivatkozások {date} időpontig érvényesek.',
  resolvedAccept: 'Elfogadom a döntést',
  resolvedReject: 'Nem fogadom el a döntést',
  resolvedSurvey: 'Értékelje munkánkat (kétperces kérdőív)',

  closedSubject: 'Panaszát lezártuk',
  closedBody:
    'A(z) {reference} panaszt lezártuk, mert nem kaptunk Öntől választ. Ha továbbra is segítségre van szüksége, válaszoljon erre az e-mailre.',

  reopenedSubject: 'Panaszát újra megnyitottuk',
  reopenedBody: 'A(z) {reference} panaszt újra megnyitottuk, és ismét foglalkozunk vele.',

  holdingSubject: 'Több időre van szükségünk a végleges válaszhoz',
  holdingIntro:
    'Sajnáljuk, de a(z) {reference} számú panaszára 15 munkanapon belül nem tudunk végleges választ adni.',
  holdingReasonLabel: 'Miért van szükségünk több időre',
  holdingFinalBy: 'Végleges válaszunkat legkésőbb {date} időpontig megkapja.',

  escalatedSubject: '{level}. szintű eszkaláció: {reference} panasz',
  escalatedBody:
    'A(z) {reference} panasz {level}. szintre eszkalálódott ({reason, select, sla_breach {elmulasztott határidő} customer_request {az ügyfél kérésére} severity {súlyossága miatt} reopened {újranyitás után} other {kézzel}}), felelőse most: {to}.',
  escalatedNoteLabel: 'Megjegyzés',
  complaintIdLabel: 'Panaszazonosító',

  breachedSubject: 'Elmulasztott határidő: {reference} panasz',
  breachedBody:
    'A(z) {reference} panasz „{target, select, acknowledge {visszaigazolás} first_response {első válasz} resolve {megoldás} regulatory_summary_resolution {hatósági összefoglaló megoldás} other {hatósági végleges válasz}}” határideje {date} időpontban lejárt; {hours, plural, one {# órája} other {# órája}} késésben van.',

  portalSubject: 'Hivatkozás panasza nyomon követéséhez',
  portalIntro:
    'Ön kérte, hogy megtekinthesse a(z) {reference} számú panaszát az interneten. Ezzel a hivatkozással nyithatja meg:',
  portalOpen: 'Panaszom megnyitása',
  portalExpires: 'A hivatkozás egyszer használható, eddig: {date}. Ezután kérjen újat a honlapunkon.',
  portalIgnore:
    'Ha nem Ön kérte ezt a hivatkozást, hagyja figyelmen kívül ezt a levelet: nélküle senki sem láthatja a panaszát.',
};
