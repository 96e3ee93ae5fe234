import type { PortalLanguage } from './texts.js';

/** The deflection step's words: suggestions on the filing form, the start page's questions, thanks. */
export interface DeflectionTexts {
  /** The filing form's second button: shows the suggestions without filing. */
  checkAnswers: string;
  suggestionsTitle: string;
  suggestionsIntro: string;
  noSuggestions: string;
  helped: string;
  thanksTitle: string;
  thanks: string;
  stillFile: string;
  commonQuestions: string;
}

export const deflectionTexts: Record<PortalLanguage, DeflectionTexts> = {
  en: {
    checkAnswers: 'Check for answers first',
    suggestionsTitle: 'These answers may help',
    suggestionsIntro:
      'Your complaint has not been sent. If one of these answers your question, you need not file.',
    noSuggestions: 'We found no ready answer. Please send your complaint.',
    helped: 'This answered my question',
    thanksTitle: 'Thank you',
    thanks: 'We are glad this helped. No complaint has been filed.',
    stillFile: 'File a complaint after all',
    commonQuestions: 'Common questions',
  },
  uk: {
    checkAnswers: 'Спершу пошукати відповідь',
    suggestionsTitle: 'Ці відповіді можуть допомогти',
    suggestionsIntro:
      'Вашу скаргу ще не надіслано. Якщо одна з цих відповідей вирішує ваше питання, скаргу подавати не потрібно.',
    noSuggestions: 'Готової відповіді не знайшлося. Будь ласка, надішліть скаргу.',
    helped: 'Це відповіло на моє запитання',
    thanksTitle: 'Дякуємо',
    thanks: 'Раді, що це допомогло. Скаргу не подано.',
    stillFile: 'Усе ж подати скаргу',
    commonQuestions: 'Поширені запитання',
  },
  ru: {
    checkAnswers: 'Сначала поискать ответ',
    suggestionsTitle: 'Эти ответы могут помочь',
    suggestionsIntro:
      'Ваша жалоба ещё не отправлена. Если один из этих ответов решает ваш вопрос, подавать жалобу не нужно.',
    noSuggestions: 'Готового ответа не нашлось. Пожалуйста, отправьте жалобу.',
    helped: 'Это ответило на мой вопрос',
    thanksTitle: 'Спасибо',
    thanks: 'Рады, что это помогло. Жалоба не подана.',
    stillFile: 'Всё же подать жалобу',
    commonQuestions: 'Частые вопросы',
  },
  hu: {
    checkAnswers: 'Előbb keressen választ',
    suggestionsTitle: 'Ezek a válaszok segíthetnek',
    suggestionsIntro:
      'Panaszát még nem küldtük el. Ha valamelyik válasz megoldja a kérdését, nem kell panaszt tennie.',
    noSuggestions: 'Nem találtunk kész választ. Kérjük, küldje el a panaszát.',
    helped: 'Ez megválaszolta a kérdésemet',
    thanksTitle: 'Köszönjük',
    thanks: 'Örülünk, hogy segített. Panasz nem került benyújtásra.',
    stillFile: 'Mégis panaszt teszek',
    commonQuestions: 'Gyakori kérdések',
  },
  lv: {
    checkAnswers: 'Vispirms meklēt atbildi',
    suggestionsTitle: 'Šīs atbildes var palīdzēt',
    suggestionsIntro:
      'Jūsu sūdzība vēl nav nosūtīta. Ja kāda no šīm atbildēm atrisina jūsu jautājumu, sūdzība nav jāiesniedz.',
    noSuggestions: 'Gatavu atbildi neatradām. Lūdzu, nosūtiet sūdzību.',
    helped: 'Tas atbildēja uz manu jautājumu',
    thanksTitle: 'Paldies',
    thanks: 'Priecājamies, ka tas palīdzēja. Sūdzība nav iesniegta.',
    stillFile: 'Tomēr iesniegt sūdzību',
    commonQuestions: 'Biežāk uzdotie jautājumi',
  },
  ro: {
    checkAnswers: 'Căutați mai întâi un răspuns',
    suggestionsTitle: 'Aceste răspunsuri vă pot ajuta',
    suggestionsIntro:
      'Reclamația dvs. nu a fost trimisă. Dacă unul dintre aceste răspunsuri vă rezolvă problema, nu este nevoie să depuneți reclamația.',
    noSuggestions: 'Nu am găsit un răspuns gata făcut. Vă rugăm să trimiteți reclamația.',
    helped: 'Acest răspuns m-a ajutat',
    thanksTitle: 'Vă mulțumim',
    thanks: 'Ne bucurăm că v-a ajutat. Nu a fost depusă nicio reclamație.',
    stillFile: 'Depun totuși reclamația',
    commonQuestions: 'Întrebări frecvente',
  },
};
