import type { Catalogue } from './en.js';

export const uk: Catalogue = {
  greeting: 'Шановний(а) {name},',
  signOff: 'З повагою,\nСлужба підтримки клієнтів',
  referenceLabel: 'Номер звернення',
  replyHint:
    'Щоб відповісти, надішліть відповідь на цей лист і залиште [{reference}] у темі, щоб ваше повідомлення потрапило до вашої справи.',

  ackSubject: 'Ми отримали вашу скаргу',
  ackIntro:
    'Дякуємо, що повідомили нам про «{subject}». Ми зареєстрували вашу скаргу під номером {reference}.',
  ackFirstResponse: 'Наш співробітник зв’яжеться з вами до {date}.',
  ackResolveBy: 'Нашу остаточну відповідь ви отримаєте до {date}.',
  ackDescriptionLabel: 'Що ви нам повідомили',
  ackNext:
    'Що далі: фахівець розгляне вашу скаргу, за потреби попросить додаткову інформацію, а потім повідомить вам рішення і те, що ми зробимо, щоб виправити ситуацію.',

  infoSubject: 'Нам потрібна додаткова інформація щодо вашої скарги',
  infoIntro:
    'Щоб продовжити розгляд вашої скарги {reference}, нам потрібна ваша відповідь на таке запитання:',
  infoRespondBy:
    'Будь ласка, дайте відповідь до {date}. Поки ми не отримаємо відповідь, розгляд скарги призупинено.',
  infoHowToAnswer: 'Надішліть відповідь на цей лист разом із документами, залишивши [{reference}] у темі.',

  resolvedSubject: 'Наше рішення щодо вашої скарги',
  resolvedIntro: 'Ми завершили розгляд вашої скарги {reference}.',
  resolvedOutcome:
    '{outcome, select, upheld {Ми визнаємо вашу скаргу обґрунтованою.} partially_upheld {Ми визнаємо вашу скаргу частково обґрунтованою.} other {Ми не визнаємо вашу скаргу обґрунтованою.}}',
  resolvedRemedies: 'Щоб виправити ситуацію, ми пропонуємо:',
  remedy:
    '{type, select, refund {Повернення коштів: {amount}} compensation {Компенсацію: {amount}} replacement {Заміну} repair {Ремонт} apology {Наші вибачення} other {Інше рішення}}',
  resolvedDecide: 'Будь ласка, повідомте нам, чи приймаєте ви це рішення. Посилання нижче дійсні до {date}.',
  resolvedAccept: 'Я приймаю рішення',
  resolvedReject: 'Я не приймаю рішення',
  resolvedSurvey: 'Оцініть нашу роботу (опитування на дві хвилини)',

  closedSubject: 'Вашу скаргу закрито',
  closedBody:
    'Ми закрили вашу скаргу {reference}, оскільки не отримали від вас відповіді. Якщо вам досі потрібна допомога, дайте відповідь на цей лист.',

  reopenedSubject: 'Вашу скаргу відкрито знову',
  reopenedBody: 'Ми знову відкрили вашу скаргу {reference} і продовжуємо її розгляд.',

  holdingSubject: 'Нам потрібно більше часу для остаточної відповіді',
  holdingIntro:
    'Перепрошуємо, але ми не можемо надати остаточну відповідь на вашу скаргу {reference} протягом 15 робочих днів.',
  holdingReasonLabel: 'Чому нам потрібно більше часу',
  holdingFinalBy: 'Нашу остаточну відповідь ви отримаєте не пізніше {date}.',

  escalatedSubject: 'Ескалація рівня {level}: скарга {reference}',
  escalatedBody:
    'Скаргу {reference} ескальовано до рівня {level} ({reason, select, sla_breach {пропущено строк} customer_request {на прохання клієнта} severity {через серйозність} reopened {після повторного відкриття} other {вручну}}); тепер за неї відповідає {to}.',
  escalatedNoteLabel: 'Примітка',
  complaintIdLabel: 'Ідентифікатор скарги',

  breachedSubject: 'Пропущено строк: скарга {reference}',
  breachedBody:
    'Строк «{target, select, acknowledge {підтвердження} first_response {перша відповідь} resolve {вирішення} regulatory_summary_resolution {регуляторне спрощене вирішення} other {регуляторна остаточна відповідь}}» для скарги {reference} минув {date}; прострочено на {hours, plural, one {# годину} few {# години} many {# годин} other {# години}}.',
};
