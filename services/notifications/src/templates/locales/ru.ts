import type { Catalogue } from './en.js';

export const ru: Catalogue = {
  greeting: 'Уважаемый(ая) {name},',
  signOff: 'С уважением,\nСлужба поддержки клиентов',
  referenceLabel: 'Номер обращения',
  replyHint:
    'Чтобы ответить, ответьте на это письмо и оставьте [{reference}] в теме, чтобы ваше сообщение попало в ваше дело.',

  ackSubject: 'Мы получили вашу жалобу',
  ackIntro:
    'Спасибо, что сообщили нам о «{subject}». Мы зарегистрировали вашу жалобу под номером {reference}.',
  ackFirstResponse: 'Наш сотрудник свяжется с вами до {date}.',
  ackResolveBy: 'Наш окончательный ответ вы получите до {date}.',
  ackDescriptionLabel: 'Что вы нам сообщили',
  ackNext:
    'Что дальше: специалист рассмотрит вашу жалобу, при необходимости запросит дополнительную информацию, а затем сообщит вам решение и то, что мы сделаем, чтобы исправить ситуацию.',

  infoSubject: 'Нам нужна дополнительная информация по вашей жалобе',
  infoIntro:
    'Чтобы продолжить рассмотрение вашей жалобы {reference}, нам нужен ваш ответ на следующий вопрос:',
  infoRespondBy:
    'Пожалуйста, ответьте до {date}. Пока мы не получим ответ, рассмотрение жалобы приостановлено.',
  infoHowToAnswer: 'Ответьте на это письмо и приложите документы, оставив [{reference}] в теме.',

  resolvedSubject: 'Наше решение по вашей жалобе',
  resolvedIntro: 'Мы завершили рассмотрение вашей жалобы {reference}.',
  resolvedOutcome:
    '{outcome, select, upheld {Мы признаём вашу жалобу обоснованной.} partially_upheld {Мы признаём вашу жалобу частично обоснованной.} other {Мы не признаём вашу жалобу обоснованной.}}',
  resolvedRemedies: 'Чтобы исправить ситуацию, мы предлагаем:',
  remedy:
    '{type, select, refund {Возврат средств: {amount}} compensation {Компенсацию: {amount}} replacement {Замену} repair {Ремонт} apology {Наши извинения} other {Другое решение}}',
  resolvedDecide: 'Пожалуйста, сообщите нам, принимаете ли вы это решение. Ссылки ниже действуют до {date}.',
  resolvedAccept: 'Я принимаю решение',
  resolvedReject: 'Я не принимаю решение',
  resolvedSurvey: 'Оцените нашу работу (опрос на две минуты)',

  closedSubject: 'Ваша жалоба закрыта',
  closedBody:
    'Мы закрыли вашу жалобу {reference}, так как не получили от вас ответа. Если вам всё ещё нужна помощь, ответьте на это письмо.',

  reopenedSubject: 'Ваша жалоба открыта повторно',
  reopenedBody: 'Мы повторно открыли вашу жалобу {reference} и продолжаем её рассмотрение.',

  holdingSubject: 'Нам нужно больше времени для окончательного ответа',
  holdingIntro:
    'К сожалению, мы не можем дать окончательный ответ на вашу жалобу {reference} в течение 15 рабочих дней.',
  holdingReasonLabel: 'Почему нам нужно больше времени',
  holdingFinalBy: 'Наш окончательный ответ вы получите не позднее {date}.',

  escalatedSubject: 'Эскалация уровня {level}: жалоба {reference}',
  escalatedBody:
    'Жалоба {reference} эскалирована до уровня {level} ({reason, select, sla_breach {пропущен срок} customer_request {по просьбе клиента} severity {из-за серьёзности} reopened {после повторного открытия} other {вручную}}); теперь за неё отвечает {to}.',
  escalatedNoteLabel: 'Примечание',
  complaintIdLabel: 'Идентификатор жалобы',

  breachedSubject: 'Пропущен срок: жалоба {reference}',
  breachedBody:
    'Срок «{target, select, acknowledge {подтверждение} first_response {первый ответ} resolve {решение} regulatory_summary_resolution {регуляторное упрощённое решение} other {регуляторный окончательный ответ}}» по жалобе {reference} истёк {date}; просрочка {hours, plural, one {# час} few {# часа} many {# часов} other {# часа}}.',
};
