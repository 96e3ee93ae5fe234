import type { Catalogue } from './en.js';

export const lv: Catalogue = {
  greeting: 'Cien. {name}!',
  signOff: 'Ar cieņu\nKlientu apkalpošanas dienests',
  referenceLabel: 'Lietas numurs',
  replyHint:
    'Lai atbildētu, atbildiet uz šo e-pastu un saglabājiet [{reference}] temata rindā, lai jūsu ziņa nonāktu pie jūsu lietas.',

  ackSubject: 'Mēs esam saņēmuši jūsu sūdzību',
  ackIntro: 'Paldies, ka informējāt mūs par “{subject}”. Jūsu sūdzība ir reģistrēta ar numuru {reference}.',
  ackFirstResponse: 'Mūsu darbinieks sazināsies ar jums līdz {date}.',
  ackResolveBy: 'Mūsu galīgo atbildi jūs saņemsiet līdz {date}.',
  ackDescriptionLabel: 'Ko jūs mums pastāstījāt',
  ackNext:
    'Kas notiks tālāk: speciālists izskatīs jūsu sūdzību, vajadzības gadījumā lūgs papildu informāciju un tad paziņos lēmumu un to, kā mēs labosim situāciju.',

  infoSubject: 'Mums nepieciešama papildu informācija par jūsu sūdzību',
  infoIntro:
    'Lai turpinātu jūsu sūdzības {reference} izskatīšanu, mums nepieciešama jūsu atbilde uz šo jautājumu:',
  infoRespondBy: 'Lūdzu, atbildiet līdz {date}. Kamēr nesaņemsim atbildi, sūdzības izskatīšana ir apturēta.',
  infoHowToAnswer:
    'Atbildiet uz šo e-pastu ar savu atbildi un dokumentiem, saglabājot [{reference}] temata rindā.',

  resolvedSubject: 'Mūsu lēmums par jūsu sūdzību',
  resolvedIntro: 'Mēs esam pabeiguši jūsu sūdzības {reference} izskatīšanu.',
  resolvedOutcome:
    '{outcome, select, upheld {Mēs atzīstam jūsu sūdzību par pamatotu.} partially_upheld {Mēs atzīstam jūsu sūdzību par daļēji pamatotu.} other {Mēs neatzīstam jūsu sūdzību par pamatotu.}}',
  resolvedRemedies: 'Lai labotu situāciju, mēs piedāvājam:',
  remedy:
    '{type, select, refund {Naudas atmaksu: {amount}} compensation {Kompensāciju: {amount}} replacement {Nomaiņu} repair {Remontu} apology {Mūsu atvainošanos} other {Citu risinājumu}}',
  resolvedDecide:
    'Lūdzu, paziņojiet mums, vai pieņemat šo lēmumu. Tālāk norādītās saites ir derīgas līdz {date}.',
  resolvedAccept: 'Es pieņemu lēmumu',
  resolvedReject: 'Es nepieņemu lēmumu',
  resolvedSurvey: 'Novērtējiet mūsu darbu (divu minūšu aptauja)',

  closedSubject: 'Jūsu sūdzība ir slēgta',
  closedBody:
    'Mēs slēdzām jūsu sūdzību {reference}, jo nesaņēmām no jums atbildi. Ja jums joprojām nepieciešama palīdzība, atbildiet uz šo e-pastu.',

  reopenedSubject: 'Jūsu sūdzība ir atkārtoti atvērta',
  reopenedBody: 'Mēs atkārtoti atvērām jūsu sūdzību {reference} un turpinām to izskatīt.',

  holdingSubject: 'Mums vajag vairāk laika galīgajai atbildei',
  holdingIntro:
    'Atvainojiet, mēs nevaram sniegt galīgo atbildi uz jūsu sūdzību {reference} 15 darba dienu laikā.',
  holdingReasonLabel: 'Kāpēc mums vajag vairāk laika',
  holdingFinalBy: 'Mūsu galīgo atbildi jūs saņemsiet ne vēlāk kā {date}.',

  escalatedSubject: '{level}. līmeņa eskalācija: sūdzība {reference}',
  escalatedBody:
    'Sūdzība {reference} eskalēta līdz {level}. līmenim ({reason, select, sla_breach {nokavēts termiņš} customer_request {pēc klienta lūguma} severity {smaguma dēļ} reopened {pēc atkārtotas atvēršanas} other {manuāli}}); tagad par to atbild {to}.',
  escalatedNoteLabel: 'Piezīme',
  complaintIdLabel: 'Sūdzības identifikators',

  breachedSubject: 'Nokavēts termiņš: sūdzība {reference}',
  breachedBody:
    'Sūdzības {reference} termiņš “{target, select, acknowledge {apstiprinājums} first_response {pirmā atbilde} resolve {atrisinājums} regulatory_summary_resolution {regulatīvais kopsavilkuma atrisinājums} other {regulatīvā galīgā atbilde}}” beidzās {date}; kavējums {hours, plural, zero {# stundu} one {# stundu} other {# stundas}}.',

  portalSubject: 'Saite jūsu sūdzības apskatei',
  portalIntro: 'Jūs lūdzāt tiešsaistē apskatīt sūdzību {reference}. Atveriet to ar šo saiti:',
  portalOpen: 'Atvērt manu sūdzību',
  portalExpires: 'Saite darbojas vienu reizi, līdz {date}. Pēc tam pieprasiet jaunu mūsu tīmekļa vietnē.',
  portalIgnore:
    'Ja jūs šo saiti nepieprasījāt, varat šo e-pastu ignorēt: bez tās neviens jūsu sūdzību neredzēs.',
};
