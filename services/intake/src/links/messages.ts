import type { Outcome, RemedyType } from '@chp/contracts';

/** The page texts in every language customers get links in; `other` reads English. */
export const pageLanguages = ['en', 'uk', 'ru', 'hu', 'lv', 'ro'] as const;
export type PageLanguage = (typeof pageLanguages)[number];

export interface PageTexts {
  survey: string;
  accept: string;
  reject: string;
  score: string;
  comment: string;
  reason: string;
  send: string;
  thanks: string;
  already: string;
  invalid: string;
  expired: string;
  unavailable: string;
  complaint: string;
  /** The heading of what the customer is acting on. */
  decision: string;
  /** One sentence per outcome (the resolution e-mail's words). */
  outcome: Record<Outcome, string>;
  remediesIntro: string;
  /** Each remedy; `{amount}` is replaced by the formatted amount. */
  remedy: Record<RemedyType, string>;
}

export const texts: Record<PageLanguage, PageTexts> = {
  en: {
    survey: 'How satisfied are you with how we handled your complaint?',
    accept: 'Accept the resolution of your complaint',
    reject: 'Reject the resolution of your complaint',
    score: 'Score (1 = very unhappy, 5 = very happy)',
    comment: 'Comment (optional)',
    reason: 'Why do you reject it?',
    send: 'Send',
    thanks: 'Thank you. Your answer has been recorded.',
    already: 'This link was already used; your first answer stands.',
    invalid: 'This link is not valid. Please use the link from our e-mail exactly as sent.',
    expired: 'This link has expired. Please reply to our e-mail instead.',
    unavailable: 'We could not record your answer right now. Please try again in a few minutes.',
    complaint: 'Complaint',
    decision: 'Our decision',
    outcome: {
      upheld: 'We uphold your complaint.',
      partially_upheld: 'We partly uphold your complaint.',
      not_upheld: 'We do not uphold your complaint.',
    },
    remediesIntro: 'To put things right we offer:',
    remedy: {
      refund: 'A refund of {amount}',
      compensation: 'Compensation of {amount}',
      replacement: 'A replacement',
      repair: 'A repair',
      apology: 'Our apology',
      other: 'Another remedy',
    },
  },
  uk: {
    survey: 'Наскільки ви задоволені розглядом вашої скарги?',
    accept: 'Прийняти рішення щодо вашої скарги',
    reject: 'Відхилити рішення щодо вашої скарги',
    score: 'Оцінка (1 = дуже незадоволені, 5 = дуже задоволені)',
    comment: "Коментар (необов'язково)",
    reason: 'Чому ви його відхиляєте?',
    send: 'Надіслати',
    thanks: 'Дякуємо. Вашу відповідь записано.',
    already: 'Це посилання вже використано; діє ваша перша відповідь.',
    invalid: 'Це посилання недійсне. Скористайтеся посиланням з нашого листа без змін.',
    expired: 'Термін дії посилання минув. Будь ласка, дайте відповідь на наш лист.',
    unavailable: 'Зараз не вдалося записати відповідь. Спробуйте за кілька хвилин.',
    complaint: 'Скарга',
    decision: 'Наше рішення',
    outcome: {
      upheld: 'Ми визнаємо вашу скаргу обґрунтованою.',
      partially_upheld: 'Ми визнаємо вашу скаргу частково обґрунтованою.',
      not_upheld: 'Ми не визнаємо вашу скаргу обґрунтованою.',
    },
    remediesIntro: 'Щоб виправити ситуацію, ми пропонуємо:',
    remedy: {
      refund: 'Повернення коштів: {amount}',
      compensation: 'Компенсацію: {amount}',
      replacement: 'Заміну',
      repair: 'Ремонт',
      apology: 'Наші вибачення',
      other: 'Інше рішення',
    },
  },
  ru: {
    survey: 'Насколько вы довольны рассмотрением вашей жалобы?',
    accept: 'Принять решение по вашей жалобе',
    reject: 'Отклонить решение по вашей жалобе',
    score: 'Оценка (1 = очень недовольны, 5 = очень довольны)',
    comment: 'Комментарий (необязательно)',
    reason: 'Почему вы его отклоняете?',
    send: 'Отправить',
    thanks: 'Спасибо. Ваш ответ записан.',
    already: 'Эта ссылка уже использована; действует ваш первый ответ.',
    invalid: 'Ссылка недействительна. Используйте ссылку из нашего письма без изменений.',
    expired: 'Срок действия ссылки истёк. Пожалуйста, ответьте на наше письмо.',
    unavailable: 'Сейчас не удалось записать ответ. Попробуйте через несколько минут.',
    complaint: 'Жалоба',
    decision: 'Наше решение',
    outcome: {
      upheld: 'Мы признаём вашу жалобу обоснованной.',
      partially_upheld: 'Мы признаём вашу жалобу частично обоснованной.',
      not_upheld: 'Мы не признаём вашу жалобу обоснованной.',
    },
    remediesIntro: 'Чтобы исправить ситуацию, мы предлагаем:',
    remedy: {
      refund: 'Возврат средств: {amount}',
      compensation: 'Компенсацию: {amount}',
      replacement: 'Замену',
      repair: 'Ремонт',
      apology: 'Наши извинения',
      other: 'Другое решение',
    },
  },
  hu: {
    survey: 'Mennyire elégedett panasza kezelésével?',
    accept: 'A panasz megoldásának elfogadása',
    reject: 'A panasz megoldásának elutasítása',
    score: 'Értékelés (1 = nagyon elégedetlen, 5 = nagyon elégedett)',
    comment: 'Megjegyzés (nem kötelező)',
    reason: 'Miért utasítja el?',
    send: 'Küldés',
    thanks: 'Köszönjük. Válaszát rögzítettük.',
    already: 'Ezt a linket már használták; az első válasza érvényes.',
    invalid: 'Ez a link érvénytelen. Kérjük, a levelünkben kapott linket használja változtatás nélkül.',
    expired: 'Ez a link lejárt. Kérjük, válaszoljon a levelünkre.',
    unavailable: 'Válaszát most nem tudtuk rögzíteni. Kérjük, próbálja újra néhány perc múlva.',
    complaint: 'Panasz',
    decision: 'Döntésünk',
    outcome: {
      upheld: 'Panaszát megalapozottnak találtuk.',
      partially_upheld: 'Panaszát részben megalapozottnak találtuk.',
      not_upheld: 'Panaszát nem találtuk megalapozottnak.',
    },
    remediesIntro: 'A hiba jóvátételére a következőket ajánljuk:',
    remedy: {
      refund: 'Visszatérítés: {amount}',
      compensation: 'Kártérítés: {amount}',
      replacement: 'Csere',
      repair: 'Javítás',
      apology: 'Bocsánatkérésünk',
      other: 'Egyéb megoldás',
    },
  },
  lv: {
    survey: 'Cik apmierināts esat ar jūsu sūdzības izskatīšanu?',
    accept: 'Pieņemt jūsu sūdzības risinājumu',
    reject: 'Noraidīt jūsu sūdzības risinājumu',
    score: 'Vērtējums (1 = ļoti neapmierināts, 5 = ļoti apmierināts)',
    comment: 'Komentārs (nav obligāts)',
    reason: 'Kāpēc jūs to noraidāt?',
    send: 'Sūtīt',
    thanks: 'Paldies. Jūsu atbilde ir saglabāta.',
    already: 'Šī saite jau ir izmantota; spēkā ir jūsu pirmā atbilde.',
    invalid: 'Šī saite nav derīga. Lūdzu, izmantojiet saiti no mūsu e-pasta tieši tādu, kāda tā nosūtīta.',
    expired: 'Šīs saites derīguma termiņš ir beidzies. Lūdzu, atbildiet uz mūsu e-pastu.',
    unavailable: 'Pašlaik neizdevās saglabāt atbildi. Lūdzu, mēģiniet vēlreiz pēc dažām minūtēm.',
    complaint: 'Sūdzība',
    decision: 'Mūsu lēmums',
    outcome: {
      upheld: 'Mēs atzīstam jūsu sūdzību par pamatotu.',
      partially_upheld: 'Mēs atzīstam jūsu sūdzību par daļēji pamatotu.',
      not_upheld: 'Mēs neatzīstam jūsu sūdzību par pamatotu.',
    },
    remediesIntro: 'Lai labotu situāciju, mēs piedāvājam:',
    remedy: {
      refund: 'Naudas atmaksu: {amount}',
      compensation: 'Kompensāciju: {amount}',
      replacement: 'Nomaiņu',
      repair: 'Remontu',
      apology: 'Mūsu atvainošanos',
      other: 'Citu risinājumu',
    },
  },
  ro: {
    survey: 'Cât de mulțumit sunteți de modul în care am tratat reclamația dvs.?',
    accept: 'Acceptați soluționarea reclamației',
    reject: 'Respingeți soluționarea reclamației',
    score: 'Notă (1 = foarte nemulțumit, 5 = foarte mulțumit)',
    comment: 'Comentariu (opțional)',
    reason: 'De ce o respingeți?',
    send: 'Trimite',
    thanks: 'Vă mulțumim. Răspunsul dvs. a fost înregistrat.',
    already: 'Acest link a fost deja folosit; primul dvs. răspuns rămâne valabil.',
    invalid: 'Acest link nu este valid. Folosiți linkul din e-mailul nostru exact așa cum a fost trimis.',
    expired: 'Acest link a expirat. Vă rugăm să răspundeți la e-mailul nostru.',
    unavailable: 'Nu am putut înregistra răspunsul acum. Încercați din nou în câteva minute.',
    complaint: 'Reclamație',
    decision: 'Decizia noastră',
    outcome: {
      upheld: 'Considerăm reclamația întemeiată.',
      partially_upheld: 'Considerăm reclamația parțial întemeiată.',
      not_upheld: 'Nu considerăm reclamația întemeiată.',
    },
    remediesIntro: 'Pentru a îndrepta situația, vă oferim:',
    remedy: {
      refund: 'O rambursare de {amount}',
      compensation: 'O compensație de {amount}',
      replacement: 'O înlocuire',
      repair: 'O reparație',
      apology: 'Scuzele noastre',
      other: 'O altă soluție',
    },
  },
};

/** The locale amounts are formatted in, per page language. */
export const pageLocales: Record<PageLanguage, string> = {
  en: 'en-GB',
  uk: 'uk-UA',
  ru: 'ru-RU',
  hu: 'hu-HU',
  lv: 'lv-LV',
  ro: 'ro-RO',
};

/** The page language for a link's language, or from Accept-Language when the link cannot be read. */
export function pageLanguageOf(language: string | undefined): PageLanguage {
  const primary = (language ?? '').toLowerCase().split(/[-,;]/)[0] ?? '';
  return (pageLanguages as readonly string[]).includes(primary) ? (primary as PageLanguage) : 'en';
}
