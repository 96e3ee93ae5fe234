import type { Catalogue } from './en.js';

export const ro: Catalogue = {
  greeting: 'Stimate/Stimată {name},',
  signOff: 'Cu stimă,\nServiciul Clienți',
  referenceLabel: 'Număr de referință',
  replyHint:
    'Pentru a răspunde, răspundeți la acest e-mail și păstrați [{reference}] în subiect, astfel încât mesajul să ajungă la dosarul dumneavoastră.',

  ackSubject: 'Am primit reclamația dumneavoastră',
  ackIntro:
    'Vă mulțumim că ne-ați semnalat „{subject}”. Am înregistrat reclamația dumneavoastră cu referința {reference}.',
  ackFirstResponse: 'Un membru al echipei noastre vă va contacta până la {date}.',
  ackResolveBy: 'Vă vom trimite răspunsul nostru final până la {date}.',
  ackDescriptionLabel: 'Ce ne-ați spus',
  ackNext:
    'Ce urmează: un specialist analizează reclamația, vă poate cere informații suplimentare, apoi vă comunică rezultatul și ce vom face pentru a îndrepta situația.',

  infoSubject: 'Avem nevoie de informații suplimentare despre reclamația dumneavoastră',
  infoIntro:
    'Pentru a continua analiza reclamației {reference} avem nevoie de răspunsul dumneavoastră la această întrebare:',
  infoRespondBy:
    'Vă rugăm să răspundeți până la {date}. Până la primirea răspunsului, analiza reclamației este suspendată.',
  infoHowToAnswer:
    'Răspundeți la acest e-mail cu răspunsul și documentele, păstrând [{reference}] în subiect.',

  resolvedSubject: 'Decizia noastră privind reclamația dumneavoastră',
  resolvedIntro: 'Am încheiat analiza reclamației dumneavoastră {reference}.',
  resolvedOutcome:
    '{outcome, select, upheld {Considerăm reclamația întemeiată.} partially_upheld {Considerăm reclamația parțial întemeiată.} other {Nu considerăm reclamația întemeiată.}}',
  resolvedRemedies: 'Pentru a îndrepta situația, vă oferim:',
  remedy:
    '{type, select, refund {O rambursare de {amount}} compensation {O compensație de {amount}} replacement {O înlocuire} repair {O reparație} apology {Scuzele noastre} other {O altă soluție}}',
  resolvedDecide:
    'Vă rugăm să ne spuneți dacă acceptați această decizie. Linkurile de mai jos sunt valabile până la {date}.',
  resolvedAccept: 'Accept decizia',
  resolvedReject: 'Nu accept decizia',
  resolvedSurvey: 'Spuneți-ne cum ne-am descurcat (un chestionar de două minute)',

  closedSubject: 'Reclamația dumneavoastră a fost închisă',
  closedBody:
    'Am închis reclamația {reference} deoarece nu am primit răspuns de la dumneavoastră. Dacă mai aveți nevoie de ajutor, răspundeți la acest e-mail.',

  reopenedSubject: 'Reclamația dumneavoastră a fost redeschisă',
  reopenedBody: 'Am redeschis reclamația {reference} și lucrăm din nou la ea.',

  holdingSubject: 'Avem nevoie de mai mult timp pentru răspunsul final',
  holdingIntro:
    'Ne pare rău că nu vă putem trimite răspunsul final la reclamația {reference} în 15 zile lucrătoare.',
  holdingReasonLabel: 'De ce avem nevoie de mai mult timp',
  holdingFinalBy: 'Veți primi răspunsul nostru final cel târziu la {date}.',

  escalatedSubject: 'Escaladare de nivel {level}: reclamația {reference}',
  escalatedBody:
    'Reclamația {reference} a fost escaladată la nivelul {level} ({reason, select, sla_breach {termen depășit} customer_request {la cererea clientului} severity {din cauza gravității} reopened {după redeschidere} other {manual}}) și este acum în grija {to}.',
  escalatedNoteLabel: 'Notă',
  complaintIdLabel: 'Identificatorul reclamației',

  breachedSubject: 'Termen depășit: reclamația {reference}',
  breachedBody:
    'Termenul „{target, select, acknowledge {confirmare} first_response {primul răspuns} resolve {soluționare} regulatory_summary_resolution {soluționare sumară reglementară} other {răspuns final reglementar}}” al reclamației {reference} a expirat la {date}; întârzierea este de {hours, plural, one {# oră} few {# ore} other {# de ore}}.',

  portalSubject: 'Linkul pentru a urmări reclamația',
  portalIntro: 'Ați cerut să vedeți online reclamația {reference}. Deschideți-o cu acest link:',
  portalOpen: 'Deschide reclamația mea',
  portalExpires:
    'Linkul funcționează o singură dată, până la {date}. După aceea, cereți unul nou pe site-ul nostru.',
  portalIgnore:
    'Dacă nu ați cerut acest link, puteți ignora acest e-mail: fără el nimeni nu vă poate vedea reclamația.',
};
