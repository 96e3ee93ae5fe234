import type { QuestionContent } from '@chp/contracts';

/** The bundled typical questions for the portal (ids fixed, so that loading them again finds them). */
export const starterQuestions: readonly { id: string; content: QuestionContent }[] = [
  {
    id: '5a0e0000-0000-4000-8000-0000000000b1',
    content: {
      category: 'billing',
      tags: ['bill-amount'],
      texts: {
        en: {
          question: 'Why is my bill higher than usual?',
          answer:
            'A bill is usually higher after an estimated reading, a price change, or a longer billing period. Compare the reading dates and the tariff on your bill; if they look wrong, send us a meter reading and we will recalculate it.',
        },
        uk: {
          question: 'Чому мій рахунок більший, ніж зазвичай?',
          answer:
            'Рахунок зазвичай зростає після розрахункових показників, зміни тарифу або довшого розрахункового періоду. Порівняйте дати показників і тариф у рахунку; якщо щось не так, надішліть нам показники лічильника, і ми зробимо перерахунок.',
        },
        ru: {
          question: 'Почему мой счёт больше обычного?',
          answer:
            'Счёт обычно растёт после расчётных показаний, изменения тарифа или более длинного расчётного периода. Сравните даты показаний и тариф в счёте; если что-то не так, передайте нам показания счётчика, и мы сделаем перерасчёт.',
        },
        hu: {
          question: 'Miért magasabb a számlám a szokásosnál?',
          answer:
            'A számla általában becsült mérőállás, árváltozás vagy hosszabb elszámolási időszak miatt magasabb. Nézze meg a számlán a leolvasás dátumát és a díjszabást; ha eltérést lát, küldje el nekünk a mérőállást, és újraszámoljuk a számlát.',
        },
        lv: {
          question: 'Kāpēc mans rēķins ir lielāks nekā parasti?',
          answer:
            'Rēķins parasti ir lielāks pēc prognozēta rādījuma, cenu izmaiņām vai garāka norēķinu perioda. Salīdziniet rēķinā norādītos rādījumu datumus un tarifu; ja kaut kas nav pareizi, iesniedziet mums skaitītāja rādījumu, un mēs rēķinu pārrēķināsim.',
        },
        ro: {
          question: 'De ce factura mea este mai mare decât de obicei?',
          answer:
            'De obicei, factura crește după un index estimat, o modificare de preț sau o perioadă de facturare mai lungă. Verificați datele citirii și tariful de pe factură; dacă ceva nu pare corect, transmiteți-ne indexul contorului și vom recalcula factura.',
        },
      },
    },
  },
  {
    id: '5a0e0000-0000-4000-8000-0000000000b2',
    content: {
      category: 'billing',
      tags: ['payment-methods'],
      texts: {
        en: {
          question: 'How can I pay my bill?',
          answer:
            'You can pay by direct debit, by card on our website, by bank transfer using the reference on your bill, or at any post office.',
        },
        uk: {
          question: 'Як я можу оплатити рахунок?',
          answer:
            'Ви можете платити прямим дебетом, карткою на нашому сайті, банківським переказом із номером, зазначеним у рахунку, або в будь-якому поштовому відділенні.',
        },
        ru: {
          question: 'Как я могу оплатить счёт?',
          answer:
            'Вы можете оплатить счёт автоплатежом, картой на нашем сайте, банковским переводом с номером, указанным в счёте, или в любом почтовом отделении.',
        },
        hu: {
          question: 'Hogyan fizethetem be a számlámat?',
          answer:
            'Fizethet csoportos beszedési megbízással, bankkártyával a honlapunkon, átutalással a számlán szereplő közlemény megadásával, vagy bármelyik postán.',
        },
        lv: {
          question: 'Kā es varu apmaksāt rēķinu?',
          answer:
            'Rēķinu varat apmaksāt ar tiešā debeta palīdzību, ar karti mūsu tīmekļvietnē, ar bankas pārskaitījumu, norādot rēķinā minēto numuru, vai jebkurā pasta nodaļā.',
        },
        ro: {
          question: 'Cum îmi pot plăti factura?',
          answer:
            'Puteți plăti prin debit direct, cu cardul pe site-ul nostru, prin transfer bancar folosind referința de pe factură sau la orice oficiu poștal.',
        },
      },
    },
  },
  {
    id: '5a0e0000-0000-4000-8000-0000000000b3',
    content: {
      category: 'billing',
      tags: ['double-charge', 'refund'],
      texts: {
        en: {
          question: 'I was charged twice. What should I do?',
          answer:
            'Check your bank statement for two payments of the same amount on the same day, then file a complaint with both dates. A double charge is refunded to the account you paid from, usually within 5 working days.',
        },
        uk: {
          question: 'З мене списали кошти двічі. Що робити?',
          answer:
            'Перевірте у банківській виписці, чи є два платежі на однакову суму в один день, і подайте скаргу, вказавши обидві дати. Подвійне списання повертається на рахунок, з якого ви платили, зазвичай протягом 5 робочих днів.',
        },
        ru: {
          question: 'С меня списали деньги дважды. Что делать?',
          answer:
            'Проверьте в банковской выписке, есть ли два платежа на одинаковую сумму в один день, и подайте жалобу, указав обе даты. Двойное списание возвращается на счёт, с которого вы платили, обычно в течение 5 рабочих дней.',
        },
        hu: {
          question: 'Kétszer vonták le a díjat. Mit tegyek?',
          answer:
            'Nézze meg a bankszámlakivonatán, hogy ugyanazon a napon kétszer szerepel-e ugyanaz az összeg, majd nyújtson be panaszt mindkét dátum megadásával. A kétszer levont összeget arra a számlára utaljuk vissza, amelyről fizetett, általában 5 munkanapon belül.',
        },
        lv: {
          question: 'Maksājums tika ieturēts divreiz. Ko darīt?',
          answer:
            'Pārbaudiet bankas konta izrakstā, vai vienā dienā ir divi maksājumi par vienādu summu, un iesniedziet sūdzību, norādot abus datumus. Divreiz ieturētu maksājumu atmaksājam uz kontu, no kura maksājāt, parasti 5 darba dienu laikā.',
        },
        ro: {
          question: 'Mi s-a încasat plata de două ori. Ce trebuie să fac?',
          answer:
            'Verificați extrasul de cont pentru două plăți cu aceeași sumă în aceeași zi, apoi depuneți o reclamație menționând ambele date. Suma încasată de două ori se returnează în contul din care ați plătit, de obicei în 5 zile lucrătoare.',
        },
      },
    },
  },
  {
    id: '5a0e0000-0000-4000-8000-0000000000b4',
    content: {
      category: 'service-quality',
      tags: ['response-time'],
      texts: {
        en: {
          question: 'How long will it take to answer my complaint?',
          answer:
            'We acknowledge every complaint at once and tell you the date by which you will have our answer. Most complaints are answered within 15 working days.',
        },
        uk: {
          question: 'Скільки часу займе розгляд моєї скарги?',
          answer:
            'Ми одразу підтверджуємо отримання кожної скарги й повідомляємо дату, до якої ви отримаєте відповідь. На більшість скарг ми відповідаємо протягом 15 робочих днів.',
        },
        ru: {
          question: 'Сколько времени займёт рассмотрение моей жалобы?',
          answer:
            'Мы сразу подтверждаем получение каждой жалобы и сообщаем дату, до которой вы получите ответ. На большинство жалоб мы отвечаем в течение 15 рабочих дней.',
        },
        hu: {
          question: 'Mennyi idő alatt válaszolnak a panaszomra?',
          answer:
            'Minden panasz beérkezését azonnal visszaigazoljuk, és megírjuk, melyik napig kap választ. A panaszok többségére 15 munkanapon belül válaszolunk.',
        },
        lv: {
          question: 'Cik ilgā laikā saņemšu atbildi uz savu sūdzību?',
          answer:
            'Katras sūdzības saņemšanu apstiprinām nekavējoties un paziņojam datumu, līdz kuram saņemsiet mūsu atbildi. Uz lielāko daļu sūdzību atbildam 15 darba dienu laikā.',
        },
        ro: {
          question: 'Cât durează până primesc un răspuns la reclamație?',
          answer:
            'Confirmăm imediat primirea fiecărei reclamații și vă comunicăm data până la care veți primi răspunsul nostru. La majoritatea reclamațiilor răspundem în 15 zile lucrătoare.',
        },
      },
    },
  },
  {
    id: '5a0e0000-0000-4000-8000-0000000000b5',
    content: {
      category: 'service-quality',
      tags: ['status', 'follow-up'],
      texts: {
        en: {
          question: 'How can I follow my complaint?',
          answer:
            'Enter your reference and e-mail address on the “Follow my complaint” page. We will send you a one-time link to a page that shows where your complaint stands and what happens next.',
        },
        uk: {
          question: 'Як мені відстежувати свою скаргу?',
          answer:
            'Введіть номер звернення та адресу електронної пошти на сторінці «Відстежити скаргу». Ми надішлемо вам одноразове посилання на сторінку, де видно стан вашої скарги та наступні кроки.',
        },
        ru: {
          question: 'Как мне следить за своей жалобой?',
          answer:
            'Введите номер обращения и адрес электронной почты на странице «Отследить жалобу». Мы пришлём вам одноразовую ссылку на страницу, где видно состояние вашей жалобы и следующие шаги.',
        },
        hu: {
          question: 'Hogyan követhetem nyomon a panaszomat?',
          answer:
            'Adja meg a hivatkozási számot és az e-mail-címét a „Panaszom követése” oldalon. Küldünk egy egyszer használható linket egy oldalra, ahol láthatja, hol tart a panasza, és mi a következő lépés.',
        },
        lv: {
          question: 'Kā es varu sekot savai sūdzībai?',
          answer:
            'Lapā “Sekot sūdzībai” ievadiet sūdzības numuru un e-pasta adresi. Mēs nosūtīsim jums vienreizēju saiti uz lapu, kurā redzams, kādā stadijā ir jūsu sūdzība un kas notiks tālāk.',
        },
        ro: {
          question: 'Cum pot urmări reclamația mea?',
          answer:
            'Introduceți numărul de referință și adresa de e-mail pe pagina „Urmăriți reclamația”. Vă vom trimite un link de unică folosință către o pagină care arată stadiul reclamației și următorii pași.',
        },
      },
    },
  },
  {
    id: '5a0e0000-0000-4000-8000-0000000000b6',
    content: {
      category: 'delivery',
      tags: ['late-delivery', 'tracking'],
      texts: {
        en: {
          question: 'My delivery is late. Where is it?',
          answer:
            'Use the tracking link in your dispatch e-mail to see where your parcel is. If it has not moved for two working days, file a complaint and we will chase the carrier for you.',
        },
        uk: {
          question: 'Моє замовлення запізнюється. Де воно?',
          answer:
            'Скористайтеся посиланням для відстеження з листа про відправлення, щоб дізнатися, де ваша посилка. Якщо її статус не змінюється два робочі дні, подайте скаргу, і ми самі зв’яжемося з перевізником.',
        },
        ru: {
          question: 'Мой заказ задерживается. Где он?',
          answer:
            'Воспользуйтесь ссылкой для отслеживания из письма об отправке, чтобы узнать, где ваша посылка. Если её статус не меняется два рабочих дня, подайте жалобу, и мы сами свяжемся с перевозчиком.',
        },
        hu: {
          question: 'Késik a csomagom. Hol van?',
          answer:
            'A feladásról küldött e-mailben található nyomkövetési linken megnézheti, hol jár a csomagja. Ha két munkanapja nem mozdult, nyújtson be panaszt, és mi felvesszük a kapcsolatot a futárszolgálattal.',
        },
        lv: {
          question: 'Mans sūtījums kavējas. Kur tas ir?',
          answer:
            'Izmantojiet izsekošanas saiti nosūtīšanas e-pastā, lai redzētu, kur atrodas jūsu sūtījums. Ja divas darba dienas tā statuss nav mainījies, iesniedziet sūdzību, un mēs paši sazināsimies ar pārvadātāju.',
        },
        ro: {
          question: 'Livrarea mea întârzie. Unde este coletul?',
          answer:
            'Folosiți linkul de urmărire din e-mailul de expediere pentru a vedea unde se află coletul. Dacă nu s-a mișcat timp de două zile lucrătoare, depuneți o reclamație și vom lua noi legătura cu firma de curierat.',
        },
      },
    },
  },
  {
    id: '5a0e0000-0000-4000-8000-0000000000b7',
    content: {
      category: 'delivery',
      tags: ['damaged'],
      texts: {
        en: {
          question: 'My order arrived damaged. What now?',
          answer:
            'Take a photo of the item and the packaging, and file a complaint within 14 days with the photos attached. We will send a replacement or refund you; you do not need to return the damaged item unless we ask.',
        },
        uk: {
          question: 'Замовлення надійшло пошкодженим. Що робити?',
          answer:
            'Сфотографуйте товар і упаковку та подайте скаргу протягом 14 днів, додавши фото. Ми надішлемо заміну або повернемо кошти; повертати пошкоджений товар не потрібно, якщо ми про це не попросимо.',
        },
        ru: {
          question: 'Заказ пришёл повреждённым. Что делать?',
          answer:
            'Сфотографируйте товар и упаковку и подайте жалобу в течение 14 дней, приложив фото. Мы отправим замену или вернём деньги; возвращать повреждённый товар не нужно, если мы об этом не попросим.',
        },
        hu: {
          question: 'Sérülten érkezett a rendelésem. Mit tegyek?',
          answer:
            'Fényképezze le a terméket és a csomagolást, majd 14 napon belül nyújtson be panaszt a fényképekkel együtt. Csereterméket küldünk, vagy visszatérítjük a vételárat; a sérült terméket csak akkor kell visszaküldenie, ha kérjük.',
        },
        lv: {
          question: 'Pasūtījums tika piegādāts bojāts. Ko darīt?',
          answer:
            'Nofotografējiet preci un iepakojumu un 14 dienu laikā iesniedziet sūdzību, pievienojot fotoattēlus. Mēs nosūtīsim jaunu preci vai atmaksāsim naudu; bojātā prece nav jāatgriež, ja vien mēs to nelūdzam.',
        },
        ro: {
          question: 'Comanda a ajuns deteriorată. Ce fac acum?',
          answer:
            'Fotografiați produsul și ambalajul și depuneți o reclamație în 14 zile, cu fotografiile atașate. Vă vom trimite un produs nou sau vă vom rambursa banii; nu trebuie să returnați produsul deteriorat decât dacă vă cerem.',
        },
      },
    },
  },
  {
    id: '5a0e0000-0000-4000-8000-0000000000b8',
    content: {
      category: 'metering',
      tags: ['meter-reading'],
      texts: {
        en: {
          question: 'How do I send a meter reading?',
          answer:
            'Send your reading on our website or in the app, or reply to the reminder we e-mail you each month. Give every digit before the decimal point, and a photo of the meter if you can.',
        },
        uk: {
          question: 'Як передати показники лічильника?',
          answer:
            'Передайте показники на нашому сайті чи в застосунку або дайте відповідь на щомісячне нагадування, яке ми надсилаємо електронною поштою. Вкажіть усі цифри до коми і, якщо можете, додайте фото лічильника.',
        },
        ru: {
          question: 'Как передать показания счётчика?',
          answer:
            'Передайте показания на нашем сайте или в приложении либо ответьте на ежемесячное напоминание, которое мы присылаем по электронной почте. Укажите все цифры до запятой и, если можете, приложите фото счётчика.',
        },
        hu: {
          question: 'Hogyan diktálhatom be a mérőállást?',
          answer:
            'Adja meg a mérőállást a honlapunkon vagy az alkalmazásban, vagy válaszoljon a havonta e-mailben küldött emlékeztetőre. Adja meg a tizedesvessző előtti összes számjegyet, és ha teheti, csatoljon fényképet a mérőről.',
        },
        lv: {
          question: 'Kā iesniegt skaitītāja rādījumu?',
          answer:
            'Iesniedziet rādījumu mūsu tīmekļvietnē vai lietotnē vai atbildiet uz atgādinājumu, ko katru mēnesi sūtām pa e-pastu. Norādiet visus ciparus pirms komata un, ja iespējams, pievienojiet skaitītāja fotoattēlu.',
        },
        ro: {
          question: 'Cum transmit indexul contorului?',
          answer:
            'Transmiteți indexul pe site-ul nostru sau în aplicație ori răspundeți la mementoul pe care vi-l trimitem lunar prin e-mail. Indicați toate cifrele dinaintea virgulei și, dacă puteți, o fotografie a contorului.',
        },
      },
    },
  },
  {
    id: '5a0e0000-0000-4000-8000-0000000000b9',
    content: {
      category: 'metering',
      tags: ['estimated-reading'],
      texts: {
        en: {
          question: 'What is an estimated reading?',
          answer:
            'When we have no reading from you or our meter reader, we estimate your use from your past consumption. The bill then shows an “E” next to the reading. Send us a real reading and we will correct the bill.',
        },
        uk: {
          question: 'Що таке розрахункові показники?',
          answer:
            'Якщо ми не отримали показників ні від вас, ні від нашого контролера, ми розраховуємо споживання на основі попередніх періодів. У такому разі біля показників у рахунку стоїть літера «Р». Надішліть нам фактичні показники, і ми виправимо рахунок.',
        },
        ru: {
          question: 'Что такое расчётные показания?',
          answer:
            'Если мы не получили показаний ни от вас, ни от нашего контролёра, мы рассчитываем потребление по данным прошлых периодов. В таком случае рядом с показаниями в счёте стоит буква «Р». Передайте нам фактические показания, и мы исправим счёт.',
        },
        hu: {
          question: 'Mi az a becsült mérőállás?',
          answer:
            'Ha sem Öntől, sem leolvasónktól nem kapunk mérőállást, korábbi fogyasztása alapján becsüljük meg a felhasználást. Ilyenkor a számlán a mérőállás mellett „B” betű szerepel. Küldje el nekünk a valós mérőállást, és helyesbítjük a számlát.',
        },
        lv: {
          question: 'Kas ir prognozētais rādījums?',
          answer:
            'Ja neesam saņēmuši rādījumu ne no jums, ne no mūsu inspektora, patēriņu aprēķinām pēc iepriekšējo periodu datiem. Tādā gadījumā rēķinā pie rādījuma ir norāde “P”. Iesniedziet mums faktisko rādījumu, un mēs izlabosim rēķinu.',
        },
        ro: {
          question: 'Ce este un index estimat?',
          answer:
            'Când nu primim indexul nici de la dumneavoastră, nici de la cititorul nostru, estimăm consumul pe baza consumului din perioadele anterioare. Factura arată atunci litera „E” lângă index. Transmiteți-ne indexul real și vom corecta factura.',
        },
      },
    },
  },
  {
    id: '5a0e0000-0000-4000-8000-0000000000ba',
    content: {
      category: 'metering',
      tags: ['faulty-meter', 'meter-test'],
      texts: {
        en: {
          question: 'I think my meter is faulty. What can I do?',
          answer:
            'Write down two readings a week apart with nothing unusual switched on, then file a complaint with both readings. If the figures do not match your use, we will test the meter free of charge.',
        },
        uk: {
          question: 'Мені здається, що мій лічильник несправний. Що робити?',
          answer:
            'Запишіть два показники з інтервалом у тиждень, не вмикаючи нічого незвичного, і подайте скаргу, вказавши обидва. Якщо цифри не відповідають вашому споживанню, ми безкоштовно перевіримо лічильник.',
        },
        ru: {
          question: 'Мне кажется, что мой счётчик неисправен. Что делать?',
          answer:
            'Запишите два показания с интервалом в неделю, не включая ничего необычного, и подайте жалобу, указав оба. Если цифры не соответствуют вашему потреблению, мы бесплатно проверим счётчик.',
        },
        hu: {
          question: 'Úgy gondolom, hibás a mérőm. Mit tehetek?',
          answer:
            'Jegyezzen fel két mérőállást egy hét különbséggel úgy, hogy közben semmi szokatlant nem kapcsol be, majd nyújtson be panaszt mindkét értékkel. Ha a számok nem felelnek meg a fogyasztásának, díjmentesen bevizsgáljuk a mérőt.',
        },
        lv: {
          question: 'Man šķiet, ka mans skaitītājs ir bojāts. Ko darīt?',
          answer:
            'Pierakstiet divus rādījumus ar nedēļas starplaiku, neieslēdzot neko neparastu, un iesniedziet sūdzību ar abiem rādījumiem. Ja skaitļi neatbilst jūsu patēriņam, mēs bez maksas pārbaudīsim skaitītāju.',
        },
        ro: {
          question: 'Cred că contorul meu este defect. Ce pot face?',
          answer:
            'Notați două indexuri la o săptămână distanță, fără să porniți nimic neobișnuit, apoi depuneți o reclamație cu ambele valori. Dacă cifrele nu corespund consumului dumneavoastră, vom verifica gratuit contorul.',
        },
      },
    },
  },
];
