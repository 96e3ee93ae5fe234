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
  },
};

/** The page language for a link's language, or from Accept-Language when the link cannot be read. */
export function pageLanguageOf(language: string | undefined): PageLanguage {
  const primary = (language ?? '').toLowerCase().split(/[-,;]/)[0] ?? '';
  return (pageLanguages as readonly string[]).includes(primary) ? (primary as PageLanguage) : 'en';
}
