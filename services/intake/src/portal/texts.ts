/** The portal's languages: every page and error exists in each. */
export const portalLanguages = ['en', 'uk', 'ru', 'hu', 'lv', 'ro'] as const;
export type PortalLanguage = (typeof portalLanguages)[number];

export const isPortalLanguage = (value: string): value is PortalLanguage =>
  (portalLanguages as readonly string[]).includes(value);

/** Why a field was refused, as the customer reads it. */
export type FieldProblem =
  | 'required'
  | 'tooLong'
  | 'email'
  | 'phone'
  | 'contact'
  | 'consent'
  | 'invalid'
  | 'category'
  | 'markup';

/** Why a whole form was refused. */
export type FormProblem = 'csrf' | 'tooFast' | 'formExpired' | 'honeypot' | 'rateLimited' | 'unavailable';

export interface PortalTexts {
  languageName: string;
  portal: string;
  skip: string;
  fileTitle: string;
  fileIntro: string;
  name: string;
  email: string;
  phone: string;
  contactHint: string;
  subject: string;
  description: string;
  desiredOutcome: string;
  optional: string;
  category: string;
  categories: Record<string, string>;
  consent: string;
  /** The default privacy notice (`PORTAL_PRIVACY_NOTICE_<LANG>` replaces it). */
  privacyNotice: string;
  honeypot: string;
  submit: string;
  errorSummary: string;
  fields: Record<FieldProblem, string>;
  forms: Record<FormProblem, string>;
  filedTitle: string;
  reference: string;
  keepReference: string;
  acknowledgeBy: (date: string) => string;
  acknowledgeSoon: string;
  responseWindow: string;
  followTitle: string;
  followIntro: string;
  followContact: string;
  followSent: string;
  notFound: string;
}

const en: PortalTexts = {
  languageName: 'English',
  portal: 'Complaints',
  skip: 'Skip to the form',
  fileTitle: 'File a complaint',
  fileIntro: 'Tell us what went wrong. Fields marked optional may be left empty.',
  name: 'Your name',
  email: 'E-mail',
  phone: 'Phone',
  contactHint: 'Give an e-mail address, a phone number, or both, so that we can reach you.',
  subject: 'Subject',
  description: 'What happened?',
  desiredOutcome: 'What would you like us to do?',
  optional: '(optional)',
  category: 'Category',
  categories: {
    billing: 'Billing',
    'service-quality': 'Service quality',
    delivery: 'Delivery',
    metering: 'Metering',
    other: 'Something else',
  },
  consent: 'I have read the privacy notice and agree that my data is used to handle this complaint.',
  privacyNotice:
    'We use your name, contact details and what you tell us only to handle your complaint, and keep them as long as the law requires.',
  honeypot: 'Leave this field empty',
  submit: 'Send the complaint',
  errorSummary: 'Please correct the fields marked below.',
  fields: {
    required: 'Please fill in this field.',
    tooLong: 'This is too long. Please shorten it.',
    email: 'This is not a valid e-mail address.',
    phone: 'This is not a valid phone number. Include the country code, for example +44 7700 900123.',
    contact: 'Please give an e-mail address or a phone number.',
    consent: 'Please agree to the privacy notice so that we can handle your complaint.',
    invalid: 'Please check this field.',
    category: 'Please choose a category from the list.',
    markup: 'Please remove the HTML markup (text between < and >).',
  },
  forms: {
    csrf: 'Your form could not be verified. Please open the form again and send it from there.',
    tooFast: 'The form was sent too quickly. Please check it and send it again.',
    formExpired: 'The form has expired. Please check it and send it again.',
    honeypot: 'The form could not be accepted. Please leave the last field empty and send it again.',
    rateLimited: 'Too many attempts. Please wait a few minutes and try again.',
    unavailable: 'We could not take your complaint right now. Please try again in a few minutes.',
  },
  filedTitle: 'We have received your complaint',
  reference: 'Your reference',
  keepReference: 'Please keep this reference: you need it to follow your complaint.',
  acknowledgeBy: (date) => `We will confirm that we are handling it by ${date}.`,
  acknowledgeSoon: 'We will confirm within three working days that we are handling it.',
  responseWindow: 'We will give you a full answer as soon as we can, and at the latest within eight weeks.',
  followTitle: 'Follow my complaint',
  followIntro: 'Enter your reference and the e-mail address you gave us. We will send you a link.',
  followContact: 'E-mail address given with the complaint',
  followSent:
    'If the reference and e-mail address match a complaint, we have sent a link to that address. It works once and for a short time.',
  notFound: 'This page does not exist.',
};

const uk: PortalTexts = {
  languageName: 'Українська',
  portal: 'Скарги',
  skip: 'Перейти до форми',
  fileTitle: 'Подати скаргу',
  fileIntro: "Розкажіть, що сталося. Поля з позначкою «необов'язково» можна не заповнювати.",
  name: "Ваше ім'я",
  email: 'Електронна пошта',
  phone: 'Телефон',
  contactHint: "Вкажіть адресу електронної пошти, номер телефону або обидва, щоб ми могли з вами зв'язатися.",
  subject: 'Тема',
  description: 'Що сталося?',
  desiredOutcome: 'Що ви хочете, щоб ми зробили?',
  optional: "(необов'язково)",
  category: 'Категорія',
  categories: {
    billing: 'Рахунки та оплата',
    'service-quality': 'Якість обслуговування',
    delivery: 'Доставка',
    metering: 'Показання лічильника',
    other: 'Інше',
  },
  consent:
    'Я ознайомився(-лася) з повідомленням про конфіденційність і погоджуюся на використання моїх даних для розгляду цієї скарги.',
  privacyNotice:
    "Ми використовуємо ваше ім'я, контактні дані й те, що ви нам розповіли, лише для розгляду скарги та зберігаємо їх стільки, скільки вимагає закон.",
  honeypot: 'Залиште це поле порожнім',
  submit: 'Надіслати скаргу',
  errorSummary: 'Будь ласка, виправте позначені нижче поля.',
  fields: {
    required: 'Будь ласка, заповніть це поле.',
    tooLong: 'Текст задовгий. Будь ласка, скоротіть його.',
    email: 'Це недійсна адреса електронної пошти.',
    phone: 'Це недійсний номер телефону. Вкажіть код країни, наприклад +380 44 123 4567.',
    contact: 'Будь ласка, вкажіть адресу електронної пошти або номер телефону.',
    consent: 'Будь ласка, погодьтеся з повідомленням про конфіденційність, щоб ми могли розглянути скаргу.',
    invalid: 'Будь ласка, перевірте це поле.',
    category: 'Будь ласка, виберіть категорію зі списку.',
    markup: 'Будь ласка, приберіть HTML-розмітку (текст між < і >).',
  },
  forms: {
    csrf: 'Не вдалося перевірити форму. Будь ласка, відкрийте форму знову й надішліть її звідти.',
    tooFast: 'Форму надіслано надто швидко. Перевірте її та надішліть ще раз.',
    formExpired: 'Термін дії форми минув. Перевірте її та надішліть ще раз.',
    honeypot: 'Форму не прийнято. Залиште останнє поле порожнім і надішліть ще раз.',
    rateLimited: 'Забагато спроб. Зачекайте кілька хвилин і спробуйте знову.',
    unavailable: 'Зараз не вдалося прийняти скаргу. Спробуйте за кілька хвилин.',
  },
  filedTitle: 'Ми отримали вашу скаргу',
  reference: 'Номер вашої скарги',
  keepReference: 'Збережіть цей номер: він потрібен, щоб стежити за скаргою.',
  acknowledgeBy: (date) => `Ми підтвердимо, що розглядаємо її, до ${date}.`,
  acknowledgeSoon: 'Протягом трьох робочих днів ми підтвердимо, що розглядаємо її.',
  responseWindow: 'Ми дамо повну відповідь якомога швидше, але не пізніше ніж за вісім тижнів.',
  followTitle: 'Стежити за скаргою',
  followIntro:
    'Введіть номер скарги та адресу електронної пошти, яку ви нам дали. Ми надішлемо вам посилання.',
  followContact: 'Адреса електронної пошти, вказана у скарзі',
  followSent:
    'Якщо номер і адреса відповідають скарзі, ми надіслали на цю адресу посилання. Воно діє один раз і недовго.',
  notFound: 'Такої сторінки не існує.',
};

const ru: PortalTexts = {
  languageName: 'Русский',
  portal: 'Жалобы',
  skip: 'Перейти к форме',
  fileTitle: 'Подать жалобу',
  fileIntro: 'Расскажите, что случилось. Поля с пометкой «необязательно» можно не заполнять.',
  name: 'Ваше имя',
  email: 'Электронная почта',
  phone: 'Телефон',
  contactHint:
    'Укажите адрес электронной почты, номер телефона или и то и другое, чтобы мы могли с вами связаться.',
  subject: 'Тема',
  description: 'Что случилось?',
  desiredOutcome: 'Что вы хотите, чтобы мы сделали?',
  optional: '(необязательно)',
  category: 'Категория',
  categories: {
    billing: 'Счета и оплата',
    'service-quality': 'Качество обслуживания',
    delivery: 'Доставка',
    metering: 'Показания счётчика',
    other: 'Другое',
  },
  consent:
    'Я ознакомился(-ась) с уведомлением о конфиденциальности и согласен(-на) на использование моих данных для рассмотрения этой жалобы.',
  privacyNotice:
    'Мы используем ваше имя, контактные данные и то, что вы нам рассказали, только для рассмотрения жалобы и храним их столько, сколько требует закон.',
  honeypot: 'Оставьте это поле пустым',
  submit: 'Отправить жалобу',
  errorSummary: 'Пожалуйста, исправьте отмеченные ниже поля.',
  fields: {
    required: 'Пожалуйста, заполните это поле.',
    tooLong: 'Текст слишком длинный. Пожалуйста, сократите его.',
    email: 'Это недействительный адрес электронной почты.',
    phone: 'Это недействительный номер телефона. Укажите код страны, например +7 495 123-45-67.',
    contact: 'Пожалуйста, укажите адрес электронной почты или номер телефона.',
    consent: 'Пожалуйста, примите уведомление о конфиденциальности, чтобы мы могли рассмотреть жалобу.',
    invalid: 'Пожалуйста, проверьте это поле.',
    category: 'Пожалуйста, выберите категорию из списка.',
    markup: 'Пожалуйста, уберите HTML-разметку (текст между < и >).',
  },
  forms: {
    csrf: 'Не удалось проверить форму. Пожалуйста, откройте форму заново и отправьте её оттуда.',
    tooFast: 'Форма отправлена слишком быстро. Проверьте её и отправьте ещё раз.',
    formExpired: 'Срок действия формы истёк. Проверьте её и отправьте ещё раз.',
    honeypot: 'Форма не принята. Оставьте последнее поле пустым и отправьте ещё раз.',
    rateLimited: 'Слишком много попыток. Подождите несколько минут и попробуйте снова.',
    unavailable: 'Сейчас не удалось принять жалобу. Попробуйте через несколько минут.',
  },
  filedTitle: 'Мы получили вашу жалобу',
  reference: 'Номер вашей жалобы',
  keepReference: 'Сохраните этот номер: он нужен, чтобы следить за жалобой.',
  acknowledgeBy: (date) => `Мы подтвердим, что рассматриваем её, до ${date}.`,
  acknowledgeSoon: 'В течение трёх рабочих дней мы подтвердим, что рассматриваем её.',
  responseWindow: 'Мы дадим полный ответ как можно скорее, но не позднее чем через восемь недель.',
  followTitle: 'Следить за жалобой',
  followIntro: 'Введите номер жалобы и адрес электронной почты, который вы нам дали. Мы пришлём вам ссылку.',
  followContact: 'Адрес электронной почты, указанный в жалобе',
  followSent:
    'Если номер и адрес соответствуют жалобе, мы отправили на этот адрес ссылку. Она действует один раз и недолго.',
  notFound: 'Такой страницы не существует.',
};

const hu: PortalTexts = {
  languageName: 'Magyar',
  portal: 'Panaszok',
  skip: 'Ugrás az űrlaphoz',
  fileTitle: 'Panasz benyújtása',
  fileIntro: 'Írja le, mi történt. A nem kötelező mezőket üresen hagyhatja.',
  name: 'Az Ön neve',
  email: 'E-mail-cím',
  phone: 'Telefonszám',
  contactHint: 'Adjon meg e-mail-címet, telefonszámot vagy mindkettőt, hogy elérhessük Önt.',
  subject: 'Tárgy',
  description: 'Mi történt?',
  desiredOutcome: 'Mit szeretne, mit tegyünk?',
  optional: '(nem kötelező)',
  category: 'Kategória',
  categories: {
    billing: 'Számlázás',
    'service-quality': 'Szolgáltatás minősége',
    delivery: 'Kiszállítás',
    metering: 'Mérőóra-leolvasás',
    other: 'Egyéb',
  },
  consent:
    'Elolvastam az adatkezelési tájékoztatót, és hozzájárulok, hogy adataimat a panasz kivizsgálásához felhasználják.',
  privacyNotice:
    'Nevét, elérhetőségét és az általa közölteket kizárólag a panasz kivizsgálására használjuk, és csak a jogszabályban előírt ideig őrizzük meg.',
  honeypot: 'Ezt a mezőt hagyja üresen',
  submit: 'Panasz elküldése',
  errorSummary: 'Kérjük, javítsa az alább jelölt mezőket.',
  fields: {
    required: 'Kérjük, töltse ki ezt a mezőt.',
    tooLong: 'A szöveg túl hosszú. Kérjük, rövidítse le.',
    email: 'Ez nem érvényes e-mail-cím.',
    phone: 'Ez nem érvényes telefonszám. Adja meg az országhívószámot is, például +36 1 234 5678.',
    contact: 'Kérjük, adjon meg e-mail-címet vagy telefonszámot.',
    consent: 'Kérjük, fogadja el az adatkezelési tájékoztatót, hogy kivizsgálhassuk a panaszát.',
    invalid: 'Kérjük, ellenőrizze ezt a mezőt.',
    category: 'Kérjük, válasszon kategóriát a listából.',
    markup: 'Kérjük, távolítsa el a HTML-jelölést (a < és > közötti szöveget).',
  },
  forms: {
    csrf: 'Az űrlapot nem sikerült ellenőrizni. Kérjük, nyissa meg újra az űrlapot, és onnan küldje el.',
    tooFast: 'Az űrlapot túl gyorsan küldte el. Kérjük, ellenőrizze, és küldje el újra.',
    formExpired: 'Az űrlap lejárt. Kérjük, ellenőrizze, és küldje el újra.',
    honeypot: 'Az űrlapot nem tudtuk elfogadni. Hagyja üresen az utolsó mezőt, és küldje el újra.',
    rateLimited: 'Túl sok próbálkozás. Kérjük, várjon néhány percet, és próbálja újra.',
    unavailable: 'Most nem tudtuk fogadni a panaszát. Kérjük, próbálja újra néhány perc múlva.',
  },
  filedTitle: 'Megkaptuk a panaszát',
  reference: 'Az Ön ügyszáma',
  keepReference: 'Kérjük, őrizze meg ezt az ügyszámot: ezzel követheti nyomon a panaszát.',
  acknowledgeBy: (date) => `Legkésőbb ezen a napon visszaigazoljuk, hogy foglalkozunk vele: ${date}.`,
  acknowledgeSoon: 'Három munkanapon belül visszaigazoljuk, hogy foglalkozunk vele.',
  responseWindow: 'A lehető leghamarabb, de legkésőbb nyolc héten belül érdemi választ adunk.',
  followTitle: 'Panaszom nyomon követése',
  followIntro: 'Adja meg az ügyszámot és a nekünk megadott e-mail-címet. Küldünk Önnek egy hivatkozást.',
  followContact: 'A panaszban megadott e-mail-cím',
  followSent:
    'Ha az ügyszám és az e-mail-cím egy panaszhoz tartozik, elküldtük a hivatkozást erre a címre. Egyszer és rövid ideig használható.',
  notFound: 'Ez az oldal nem létezik.',
};

const lv: PortalTexts = {
  languageName: 'Latviešu',
  portal: 'Sūdzības',
  skip: 'Pāriet uz veidlapu',
  fileTitle: 'Iesniegt sūdzību',
  fileIntro: 'Pastāstiet, kas notika. Laukus ar norādi “nav obligāti” var atstāt tukšus.',
  name: 'Jūsu vārds',
  email: 'E-pasts',
  phone: 'Tālrunis',
  contactHint: 'Norādiet e-pasta adresi, tālruņa numuru vai abus, lai mēs varētu ar jums sazināties.',
  subject: 'Temats',
  description: 'Kas notika?',
  desiredOutcome: 'Ko jūs vēlaties, lai mēs darām?',
  optional: '(nav obligāti)',
  category: 'Kategorija',
  categories: {
    billing: 'Rēķini un maksājumi',
    'service-quality': 'Apkalpošanas kvalitāte',
    delivery: 'Piegāde',
    metering: 'Skaitītāja rādījumi',
    other: 'Cits',
  },
  consent:
    'Esmu izlasījis(-usi) privātuma paziņojumu un piekrītu, ka mani dati tiek izmantoti šīs sūdzības izskatīšanai.',
  privacyNotice:
    'Jūsu vārdu, kontaktinformāciju un to, ko jūs mums pastāstāt, izmantojam tikai sūdzības izskatīšanai un glabājam tik ilgi, cik to prasa likums.',
  honeypot: 'Atstājiet šo lauku tukšu',
  submit: 'Nosūtīt sūdzību',
  errorSummary: 'Lūdzu, izlabojiet tālāk atzīmētos laukus.',
  fields: {
    required: 'Lūdzu, aizpildiet šo lauku.',
    tooLong: 'Teksts ir pārāk garš. Lūdzu, saīsiniet to.',
    email: 'Šī nav derīga e-pasta adrese.',
    phone: 'Šis nav derīgs tālruņa numurs. Norādiet valsts kodu, piemēram, +371 2000 0000.',
    contact: 'Lūdzu, norādiet e-pasta adresi vai tālruņa numuru.',
    consent: 'Lūdzu, piekrītiet privātuma paziņojumam, lai mēs varētu izskatīt jūsu sūdzību.',
    invalid: 'Lūdzu, pārbaudiet šo lauku.',
    category: 'Lūdzu, izvēlieties kategoriju no saraksta.',
    markup: 'Lūdzu, noņemiet HTML marķējumu (tekstu starp < un >).',
  },
  forms: {
    csrf: 'Veidlapu neizdevās pārbaudīt. Lūdzu, atveriet veidlapu vēlreiz un nosūtiet to no turienes.',
    tooFast: 'Veidlapa tika nosūtīta pārāk ātri. Lūdzu, pārbaudiet to un nosūtiet vēlreiz.',
    formExpired: 'Veidlapas derīguma termiņš ir beidzies. Lūdzu, pārbaudiet to un nosūtiet vēlreiz.',
    honeypot: 'Veidlapu nevarēja pieņemt. Atstājiet pēdējo lauku tukšu un nosūtiet vēlreiz.',
    rateLimited: 'Pārāk daudz mēģinājumu. Lūdzu, uzgaidiet dažas minūtes un mēģiniet vēlreiz.',
    unavailable: 'Pašlaik nevarējām pieņemt jūsu sūdzību. Lūdzu, mēģiniet vēlreiz pēc dažām minūtēm.',
  },
  filedTitle: 'Esam saņēmuši jūsu sūdzību',
  reference: 'Jūsu sūdzības numurs',
  keepReference: 'Lūdzu, saglabājiet šo numuru: tas būs vajadzīgs, lai sekotu sūdzībai.',
  acknowledgeBy: (date) => `Līdz šim datumam apstiprināsim, ka to izskatām: ${date}.`,
  acknowledgeSoon: 'Trīs darba dienu laikā apstiprināsim, ka to izskatām.',
  responseWindow: 'Pilnu atbildi sniegsim pēc iespējas ātrāk, bet ne vēlāk kā astoņu nedēļu laikā.',
  followTitle: 'Sekot manai sūdzībai',
  followIntro: 'Ievadiet sūdzības numuru un e-pasta adresi, ko mums norādījāt. Mēs nosūtīsim jums saiti.',
  followContact: 'Sūdzībā norādītā e-pasta adrese',
  followSent:
    'Ja numurs un adrese atbilst sūdzībai, esam nosūtījuši saiti uz šo adresi. Tā darbojas vienu reizi un īsu laiku.',
  notFound: 'Šāda lapa neeksistē.',
};

const ro: PortalTexts = {
  languageName: 'Română',
  portal: 'Reclamații',
  skip: 'Salt la formular',
  fileTitle: 'Depuneți o reclamație',
  fileIntro: 'Spuneți-ne ce nu a mers bine. Câmpurile marcate „opțional” pot rămâne goale.',
  name: 'Numele dumneavoastră',
  email: 'E-mail',
  phone: 'Telefon',
  contactHint: 'Indicați o adresă de e-mail, un număr de telefon sau ambele, ca să vă putem contacta.',
  subject: 'Subiect',
  description: 'Ce s-a întâmplat?',
  desiredOutcome: 'Ce doriți să facem?',
  optional: '(opțional)',
  category: 'Categorie',
  categories: {
    billing: 'Facturare',
    'service-quality': 'Calitatea serviciului',
    delivery: 'Livrare',
    metering: 'Citirea contorului',
    other: 'Altceva',
  },
  consent:
    'Am citit nota de informare privind confidențialitatea și sunt de acord ca datele mele să fie folosite pentru soluționarea acestei reclamații.',
  privacyNotice:
    'Folosim numele, datele de contact și ce ne spuneți doar pentru soluționarea reclamației și le păstrăm atât cât cere legea.',
  honeypot: 'Lăsați acest câmp gol',
  submit: 'Trimiteți reclamația',
  errorSummary: 'Vă rugăm să corectați câmpurile marcate mai jos.',
  fields: {
    required: 'Vă rugăm să completați acest câmp.',
    tooLong: 'Textul este prea lung. Vă rugăm să îl scurtați.',
    email: 'Aceasta nu este o adresă de e-mail validă.',
    phone: 'Acesta nu este un număr de telefon valid. Includeți prefixul țării, de exemplu +40 21 123 4567.',
    contact: 'Vă rugăm să indicați o adresă de e-mail sau un număr de telefon.',
    consent: 'Vă rugăm să acceptați nota de informare, ca să vă putem soluționa reclamația.',
    invalid: 'Vă rugăm să verificați acest câmp.',
    category: 'Vă rugăm să alegeți o categorie din listă.',
    markup: 'Vă rugăm să eliminați marcajul HTML (textul dintre < și >).',
  },
  forms: {
    csrf: 'Formularul nu a putut fi verificat. Vă rugăm să deschideți din nou formularul și să îl trimiteți de acolo.',
    tooFast: 'Formularul a fost trimis prea repede. Vă rugăm să îl verificați și să îl trimiteți din nou.',
    formExpired: 'Formularul a expirat. Vă rugăm să îl verificați și să îl trimiteți din nou.',
    honeypot: 'Formularul nu a putut fi acceptat. Lăsați ultimul câmp gol și trimiteți din nou.',
    rateLimited: 'Prea multe încercări. Vă rugăm să așteptați câteva minute și să încercați din nou.',
    unavailable: 'Nu am putut prelua reclamația acum. Vă rugăm să încercați din nou peste câteva minute.',
  },
  filedTitle: 'Am primit reclamația dumneavoastră',
  reference: 'Numărul reclamației',
  keepReference: 'Vă rugăm să păstrați acest număr: aveți nevoie de el pentru a urmări reclamația.',
  acknowledgeBy: (date) => `Vă confirmăm până la ${date} că ne ocupăm de ea.`,
  acknowledgeSoon: 'Vă confirmăm în trei zile lucrătoare că ne ocupăm de ea.',
  responseWindow: 'Vă vom da un răspuns complet cât mai curând, cel târziu în opt săptămâni.',
  followTitle: 'Urmăriți reclamația',
  followIntro:
    'Introduceți numărul reclamației și adresa de e-mail pe care ne-ați dat-o. Vă trimitem un link.',
  followContact: 'Adresa de e-mail dată în reclamație',
  followSent:
    'Dacă numărul și adresa corespund unei reclamații, am trimis un link la acea adresă. Funcționează o singură dată și pentru scurt timp.',
  notFound: 'Această pagină nu există.',
};

export const portalTexts: Record<PortalLanguage, PortalTexts> = { en, uk, ru, hu, lv, ro };

/** A date in the customer's language, such as "18 December 2026" or "2026. december 18.". */
export function longDate(language: PortalLanguage, iso: string, timeZone = 'UTC'): string {
  return new Intl.DateTimeFormat(language, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(new Date(iso));
}
