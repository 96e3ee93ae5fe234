import type { AnswerContent } from '@chp/contracts';

/** The bundled standard answers (ids fixed, so that loading them again finds them). */
export const starterAnswers: readonly { id: string; content: AnswerContent }[] = [
  {
    id: '5a0e0000-0000-4000-8000-0000000000a1',
    content: {
      category: 'billing',
      tags: ['acknowledgement', 'bill-check'],
      texts: {
        en: {
          title: 'We are checking your bill',
          body: 'Dear {customerName},\n\nThank you for telling us about your bill. We have registered your complaint under the reference {reference} and are checking every charge on it. You will have our answer by {dueDate}.\n\nKind regards,\n{agentName}',
        },
        uk: {
          title: 'Ми перевіряємо ваш рахунок',
          body: 'Шановний(-а) {customerName}!\n\nДякуємо, що повідомили нас про ваш рахунок. Ми зареєстрували вашу скаргу за номером {reference} і перевіряємо кожне нарахування в ньому. Ви отримаєте нашу відповідь до {dueDate}.\n\nЗ повагою,\n{agentName}',
        },
        ru: {
          title: 'Мы проверяем ваш счёт',
          body: 'Уважаемый(-ая) {customerName}!\n\nСпасибо, что сообщили нам о проблеме со счётом. Мы зарегистрировали вашу жалобу под номером {reference} и проверяем каждое начисление. Вы получите наш ответ до {dueDate}.\n\nС уважением,\n{agentName}',
        },
        hu: {
          title: 'Ellenőrizzük a számláját',
          body: 'Kedves {customerName}!\n\nKöszönjük, hogy jelezte nekünk a számlájával kapcsolatos problémát. Panaszát {reference} hivatkozási számon rögzítettük, és a számla minden tételét ellenőrizzük. Válaszunkat legkésőbb {dueDate} napig megküldjük.\n\nÜdvözlettel:\n{agentName}',
        },
        lv: {
          title: 'Mēs pārbaudām jūsu rēķinu',
          body: 'Labdien, {customerName}!\n\nPaldies, ka informējāt mūs par savu rēķinu. Jūsu sūdzība ir reģistrēta ar numuru {reference}, un mēs pārbaudām katru tajā iekļauto maksājumu. Mūsu atbildi saņemsiet līdz {dueDate}.\n\nAr cieņu\n{agentName}',
        },
        ro: {
          title: 'Verificăm factura dumneavoastră',
          body: 'Stimate/Stimată {customerName},\n\nVă mulțumim că ne-ați semnalat problema legată de factură. Am înregistrat reclamația dumneavoastră cu numărul de referință {reference} și verificăm fiecare sumă facturată. Veți primi răspunsul nostru până la {dueDate}.\n\nCu stimă,\n{agentName}',
        },
      },
    },
  },
  {
    id: '5a0e0000-0000-4000-8000-0000000000a2',
    content: {
      category: 'billing',
      tags: ['refund', 'double-charge'],
      texts: {
        en: {
          title: 'Refund of a double charge',
          body: 'Dear {customerName},\n\nWe have checked your account and you are right: the payment was taken twice. We have refunded {amount} to the card or account you paid from. Depending on your bank, the money will reach you within 3 to 5 working days. We apologise for the inconvenience.\n\nReference: {reference}\n{agentName}',
        },
        uk: {
          title: 'Повернення подвійного списання',
          body: 'Шановний(-а) {customerName}!\n\nМи перевірили ваш рахунок, і ви маєте рацію: платіж було списано двічі. Ми повернули {amount} на картку або рахунок, з якого ви платили. Залежно від вашого банку кошти надійдуть протягом 3–5 робочих днів. Просимо вибачення за незручності.\n\nНомер звернення: {reference}\n{agentName}',
        },
        ru: {
          title: 'Возврат двойного списания',
          body: 'Уважаемый(-ая) {customerName}!\n\nМы проверили ваш лицевой счёт, и вы правы: платёж был списан дважды. Мы вернули {amount} на карту или счёт, с которого вы платили. В зависимости от вашего банка деньги поступят в течение 3–5 рабочих дней. Приносим извинения за неудобства.\n\nНомер обращения: {reference}\n{agentName}',
        },
        hu: {
          title: 'A kétszer levont összeg visszatérítése',
          body: 'Kedves {customerName}!\n\nEllenőriztük az ügyfélszámláját, és igaza van: a fizetést kétszer vontuk le. A {amount} összeget visszautaltuk arra a kártyára vagy számlára, amelyről fizetett. Bankjától függően az összeg 3–5 munkanapon belül érkezik meg. Elnézést kérünk a kellemetlenségért.\n\nHivatkozási szám: {reference}\n{agentName}',
        },
        lv: {
          title: 'Divreiz ieturēta maksājuma atmaksa',
          body: 'Labdien, {customerName}!\n\nMēs pārbaudījām jūsu kontu, un jums ir taisnība: maksājums tika ieturēts divreiz. Mēs esam atmaksājuši {amount} uz karti vai kontu, no kura maksājāt. Atkarībā no jūsu bankas nauda tiks ieskaitīta 3–5 darba dienu laikā. Atvainojamies par sagādātajām neērtībām.\n\nNumurs: {reference}\n{agentName}',
        },
        ro: {
          title: 'Rambursarea unei plăți încasate de două ori',
          body: 'Stimate/Stimată {customerName},\n\nAm verificat contul dumneavoastră și aveți dreptate: plata a fost încasată de două ori. Am rambursat suma de {amount} pe cardul sau în contul din care ați plătit. În funcție de banca dumneavoastră, banii vor ajunge în 3–5 zile lucrătoare. Ne cerem scuze pentru neplăcerile create.\n\nReferință: {reference}\n{agentName}',
        },
      },
    },
  },
  {
    id: '5a0e0000-0000-4000-8000-0000000000a3',
    content: {
      category: 'billing',
      tags: ['payment-plan', 'arrears'],
      texts: {
        en: {
          title: 'Paying in instalments',
          body: 'Dear {customerName},\n\nWe understand that paying the whole amount of {amount} at once is difficult. We can spread it over monthly instalments at no extra cost. Reply to this message or call us, quoting {reference}, and we will agree a plan that suits you.\n\n{agentName}',
        },
        uk: {
          title: 'Оплата частинами',
          body: 'Шановний(-а) {customerName}!\n\nМи розуміємо, що сплатити всю суму {amount} одразу складно. Ми можемо розподілити її на щомісячні платежі без додаткових витрат. Дайте відповідь на цей лист або зателефонуйте нам, назвавши номер {reference}, і ми погодимо зручний для вас графік.\n\n{agentName}',
        },
        ru: {
          title: 'Оплата в рассрочку',
          body: 'Уважаемый(-ая) {customerName}!\n\nМы понимаем, что оплатить всю сумму {amount} сразу непросто. Мы можем разбить её на ежемесячные платежи без дополнительной платы. Ответьте на это письмо или позвоните нам, назвав номер {reference}, и мы согласуем удобный для вас график.\n\n{agentName}',
        },
        hu: {
          title: 'Részletfizetés',
          body: 'Kedves {customerName}!\n\nMegértjük, hogy a teljes {amount} összeg egyszerre történő kifizetése nehézséget okoz. Díjmentesen havi részletekre oszthatjuk. Válaszoljon erre az üzenetre, vagy hívjon minket a {reference} hivatkozási szám megadásával, és megállapodunk egy Önnek megfelelő ütemezésben.\n\n{agentName}',
        },
        lv: {
          title: 'Maksājums pa daļām',
          body: 'Labdien, {customerName}!\n\nMēs saprotam, ka samaksāt visu summu {amount} uzreiz ir grūti. Mēs varam to sadalīt ikmēneša maksājumos bez papildu maksas. Atbildiet uz šo vēstuli vai zvaniet mums, nosaucot numuru {reference}, un mēs vienosimies par jums ērtu maksājumu grafiku.\n\n{agentName}',
        },
        ro: {
          title: 'Plata în rate',
          body: 'Stimate/Stimată {customerName},\n\nÎnțelegem că este dificil să achitați deodată întreaga sumă de {amount}. O putem împărți în rate lunare, fără costuri suplimentare. Răspundeți la acest mesaj sau sunați-ne, menționând referința {reference}, și vom stabili împreună un plan potrivit pentru dumneavoastră.\n\n{agentName}',
        },
      },
    },
  },
  {
    id: '5a0e0000-0000-4000-8000-0000000000a4',
    content: {
      category: 'service-quality',
      tags: ['apology', 'staff'],
      texts: {
        en: {
          title: 'Apology for the service you received',
          body: 'Dear {customerName},\n\nThank you for telling us about your experience. It fell short of the standard we set ourselves, and we apologise. We have discussed your complaint with the team concerned so that it does not happen again.\n\nReference: {reference}\n{agentName}',
        },
        uk: {
          title: 'Вибачення за якість обслуговування',
          body: 'Шановний(-а) {customerName}!\n\nДякуємо, що розповіли нам про свій досвід. Обслуговування не відповідало стандартам, яких ми прагнемо, і ми просимо вибачення. Ми обговорили вашу скаргу з відповідною командою, щоб це не повторилося.\n\nНомер звернення: {reference}\n{agentName}',
        },
        ru: {
          title: 'Извинения за качество обслуживания',
          body: 'Уважаемый(-ая) {customerName}!\n\nСпасибо, что рассказали нам о своём опыте. Обслуживание не соответствовало нашим стандартам, и мы приносим извинения. Мы обсудили вашу жалобу с ответственной командой, чтобы это не повторилось.\n\nНомер обращения: {reference}\n{agentName}',
        },
        hu: {
          title: 'Elnézést kérünk a kiszolgálásért',
          body: 'Kedves {customerName}!\n\nKöszönjük, hogy megosztotta velünk tapasztalatát. A kiszolgálás nem felelt meg az általunk vállalt színvonalnak, ezért elnézését kérjük. Panaszát megbeszéltük az érintett csapattal, hogy ez többé ne forduljon elő.\n\nHivatkozási szám: {reference}\n{agentName}',
        },
        lv: {
          title: 'Atvainošanās par apkalpošanu',
          body: 'Labdien, {customerName}!\n\nPaldies, ka pastāstījāt mums par savu pieredzi. Apkalpošana neatbilda mūsu standartiem, un mēs atvainojamies. Mēs esam pārrunājuši jūsu sūdzību ar attiecīgo komandu, lai tas neatkārtotos.\n\nNumurs: {reference}\n{agentName}',
        },
        ro: {
          title: 'Scuze pentru calitatea serviciului',
          body: 'Stimate/Stimată {customerName},\n\nVă mulțumim că ne-ați povestit experiența dumneavoastră. Serviciul nu s-a ridicat la standardele pe care ni le-am propus și vă cerem scuze. Am discutat reclamația cu echipa implicată, pentru ca acest lucru să nu se mai repete.\n\nReferință: {reference}\n{agentName}',
        },
      },
    },
  },
  {
    id: '5a0e0000-0000-4000-8000-0000000000a5',
    content: {
      category: 'service-quality',
      tags: ['interruption', 'compensation'],
      texts: {
        en: {
          title: 'Service interruption and compensation',
          body: 'Dear {customerName},\n\nWe are sorry that your service was interrupted. The fault has been repaired and your service is working normally again. As an apology, we have credited {amount} to your account; you will see it on your next bill.\n\nReference: {reference}\n{agentName}',
        },
        uk: {
          title: 'Перерва в обслуговуванні та компенсація',
          body: 'Шановний(-а) {customerName}!\n\nНам шкода, що надання послуги було перервано. Несправність усунуто, і послуга знову працює в звичайному режимі. На знак вибачення ми зарахували {amount} на ваш рахунок; ви побачите це в наступному рахунку.\n\nНомер звернення: {reference}\n{agentName}',
        },
        ru: {
          title: 'Перерыв в обслуживании и компенсация',
          body: 'Уважаемый(-ая) {customerName}!\n\nНам жаль, что предоставление услуги было прервано. Неисправность устранена, и услуга снова работает в обычном режиме. В качестве извинения мы зачислили {amount} на ваш лицевой счёт; вы увидите это в следующем счёте.\n\nНомер обращения: {reference}\n{agentName}',
        },
        hu: {
          title: 'Szolgáltatáskiesés és kártérítés',
          body: 'Kedves {customerName}!\n\nSajnáljuk, hogy szolgáltatásunk megszakadt. A hibát elhárítottuk, a szolgáltatás ismét a szokásos módon működik. Kárpótlásként {amount} jóváírást adtunk az ügyfélszámláján, amelyet a következő számláján láthat.\n\nHivatkozási szám: {reference}\n{agentName}',
        },
        lv: {
          title: 'Pakalpojuma pārtraukums un kompensācija',
          body: 'Labdien, {customerName}!\n\nMums ir žēl, ka pakalpojums tika pārtraukts. Bojājums ir novērsts, un pakalpojums atkal darbojas kā parasti. Atvainošanās nolūkā esam ieskaitījuši {amount} jūsu kontā; to redzēsiet nākamajā rēķinā.\n\nNumurs: {reference}\n{agentName}',
        },
        ro: {
          title: 'Întreruperea serviciului și compensație',
          body: 'Stimate/Stimată {customerName},\n\nNe pare rău că serviciul a fost întrerupt. Defecțiunea a fost remediată, iar serviciul funcționează din nou normal. Drept scuză, am creditat contul dumneavoastră cu {amount}; suma va apărea pe următoarea factură.\n\nReferință: {reference}\n{agentName}',
        },
      },
    },
  },
  {
    id: '5a0e0000-0000-4000-8000-0000000000a6',
    content: {
      category: 'delivery',
      tags: ['late-delivery', 'new-date'],
      texts: {
        en: {
          title: 'Your delivery is delayed',
          body: 'Dear {customerName},\n\nWe are sorry that your delivery has not arrived on time. We have spoken to our carrier, and your order will now be delivered by {dueDate}. If that date does not suit you, reply to this message quoting {reference} and we will arrange another.\n\n{agentName}',
        },
        uk: {
          title: 'Доставку затримано',
          body: 'Шановний(-а) {customerName}!\n\nНам шкода, що ваше замовлення не надійшло вчасно. Ми зв’язалися з перевізником, і тепер ваше замовлення буде доставлено до {dueDate}. Якщо ця дата вам не підходить, дайте відповідь на цей лист, вказавши номер {reference}, і ми домовимося про іншу.\n\n{agentName}',
        },
        ru: {
          title: 'Доставка задерживается',
          body: 'Уважаемый(-ая) {customerName}!\n\nНам жаль, что ваш заказ не был доставлен вовремя. Мы связались с перевозчиком, и теперь ваш заказ будет доставлен до {dueDate}. Если эта дата вам не подходит, ответьте на это письмо, указав номер {reference}, и мы договоримся о другой.\n\n{agentName}',
        },
        hu: {
          title: 'Késik a kiszállítás',
          body: 'Kedves {customerName}!\n\nSajnáljuk, hogy rendelése nem érkezett meg időben. Felvettük a kapcsolatot a futárszolgálattal, rendelését legkésőbb {dueDate} napig kiszállítják. Ha ez az időpont nem megfelelő, válaszoljon erre az üzenetre a {reference} hivatkozási szám megadásával, és új időpontot egyeztetünk.\n\n{agentName}',
        },
        lv: {
          title: 'Piegāde kavējas',
          body: 'Labdien, {customerName}!\n\nMums ir žēl, ka jūsu pasūtījums netika piegādāts laikā. Mēs sazinājāmies ar pārvadātāju, un jūsu pasūtījums tiks piegādāts līdz {dueDate}. Ja šis datums jums neder, atbildiet uz šo vēstuli, norādot numuru {reference}, un mēs vienosimies par citu.\n\n{agentName}',
        },
        ro: {
          title: 'Livrarea întârzie',
          body: 'Stimate/Stimată {customerName},\n\nNe pare rău că livrarea nu a ajuns la timp. Am vorbit cu firma de curierat, iar comanda dumneavoastră va fi livrată până la {dueDate}. Dacă această dată nu vă convine, răspundeți la acest mesaj menționând referința {reference} și vom stabili o altă dată.\n\n{agentName}',
        },
      },
    },
  },
  {
    id: '5a0e0000-0000-4000-8000-0000000000a7',
    content: {
      category: 'delivery',
      tags: ['damaged', 'replacement'],
      texts: {
        en: {
          title: 'Replacement for a damaged item',
          body: 'Dear {customerName},\n\nWe are sorry that your order arrived damaged. We are sending you a replacement free of charge, which will arrive by {dueDate}. There is no need to return the damaged item.\n\nReference: {reference}\n{agentName}',
        },
        uk: {
          title: 'Заміна пошкодженого товару',
          body: 'Шановний(-а) {customerName}!\n\nНам шкода, що ваше замовлення надійшло пошкодженим. Ми безкоштовно надсилаємо вам заміну, яка надійде до {dueDate}. Повертати пошкоджений товар не потрібно.\n\nНомер звернення: {reference}\n{agentName}',
        },
        ru: {
          title: 'Замена повреждённого товара',
          body: 'Уважаемый(-ая) {customerName}!\n\nНам жаль, что ваш заказ прибыл повреждённым. Мы бесплатно отправляем вам замену, которая будет доставлена до {dueDate}. Возвращать повреждённый товар не нужно.\n\nНомер обращения: {reference}\n{agentName}',
        },
        hu: {
          title: 'Sérült termék cseréje',
          body: 'Kedves {customerName}!\n\nSajnáljuk, hogy rendelése sérülten érkezett meg. Díjmentesen küldünk Önnek egy csereterméket, amely legkésőbb {dueDate} napig megérkezik. A sérült terméket nem szükséges visszaküldenie.\n\nHivatkozási szám: {reference}\n{agentName}',
        },
        lv: {
          title: 'Bojātas preces nomaiņa',
          body: 'Labdien, {customerName}!\n\nMums ir žēl, ka jūsu pasūtījums tika piegādāts bojāts. Mēs bez maksas nosūtām jums jaunu preci, kas tiks piegādāta līdz {dueDate}. Bojātā prece nav jāatgriež.\n\nNumurs: {reference}\n{agentName}',
        },
        ro: {
          title: 'Înlocuirea unui produs deteriorat',
          body: 'Stimate/Stimată {customerName},\n\nNe pare rău că produsul comandat a ajuns deteriorat. Vă trimitem gratuit un produs nou, care va ajunge până la {dueDate}. Nu este nevoie să returnați produsul deteriorat.\n\nReferință: {reference}\n{agentName}',
        },
      },
    },
  },
  {
    id: '5a0e0000-0000-4000-8000-0000000000a8',
    content: {
      category: 'metering',
      tags: ['estimated-reading', 'corrected-bill'],
      texts: {
        en: {
          title: 'Bill corrected with your meter reading',
          body: 'Dear {customerName},\n\nYour last bill was based on an estimated reading. We have replaced it with the reading you sent us and issued a corrected bill. The difference of {amount} has been credited to your account.\n\nReference: {reference}\n{agentName}',
        },
        uk: {
          title: 'Рахунок виправлено за вашими показниками лічильника',
          body: 'Шановний(-а) {customerName}!\n\nВаш останній рахунок було складено на основі розрахункових показників. Ми замінили їх показниками, які ви нам надіслали, і виставили виправлений рахунок. Різницю в сумі {amount} зараховано на ваш рахунок.\n\nНомер звернення: {reference}\n{agentName}',
        },
        ru: {
          title: 'Счёт исправлен по вашим показаниям счётчика',
          body: 'Уважаемый(-ая) {customerName}!\n\nВаш последний счёт был выставлен по расчётным показаниям. Мы заменили их показаниями, которые вы нам передали, и выставили исправленный счёт. Разница в размере {amount} зачислена на ваш лицевой счёт.\n\nНомер обращения: {reference}\n{agentName}',
        },
        hu: {
          title: 'A számlát a mérőállása alapján helyesbítettük',
          body: 'Kedves {customerName}!\n\nLegutóbbi számlája becsült mérőállás alapján készült. Ezt az Ön által megadott mérőállással helyettesítettük, és helyesbítő számlát állítottunk ki. A {amount} különbözetet jóváírtuk az ügyfélszámláján.\n\nHivatkozási szám: {reference}\n{agentName}',
        },
        lv: {
          title: 'Rēķins labots pēc jūsu skaitītāja rādījuma',
          body: 'Labdien, {customerName}!\n\nJūsu pēdējais rēķins tika aprēķināts pēc prognozētā rādījuma. Mēs to aizstājām ar jūsu iesniegto skaitītāja rādījumu un izrakstījām labotu rēķinu. Starpība {amount} apmērā ir ieskaitīta jūsu kontā.\n\nNumurs: {reference}\n{agentName}',
        },
        ro: {
          title: 'Factură corectată după indexul contorului',
          body: 'Stimate/Stimată {customerName},\n\nUltima factură a fost emisă pe baza unui index estimat. L-am înlocuit cu indexul transmis de dumneavoastră și am emis o factură corectată. Diferența de {amount} a fost creditată în contul dumneavoastră.\n\nReferință: {reference}\n{agentName}',
        },
      },
    },
  },
  {
    id: '5a0e0000-0000-4000-8000-0000000000a9',
    content: {
      category: 'metering',
      tags: ['meter-test', 'appointment'],
      texts: {
        en: {
          title: 'Meter accuracy test',
          body: 'Dear {customerName},\n\nWe will test your meter to make sure it records correctly. An engineer will visit you on {dueDate}; please make sure the meter can be reached. If the meter proves faulty, the test is free and we will correct your bills.\n\nReference: {reference}\n{agentName}',
        },
        uk: {
          title: 'Перевірка точності лічильника',
          body: 'Шановний(-а) {customerName}!\n\nМи перевіримо ваш лічильник, щоб переконатися, що він веде облік правильно. Фахівець прийде до вас {dueDate}; будь ласка, забезпечте доступ до лічильника. Якщо лічильник виявиться несправним, перевірка буде безкоштовною, а ваші рахунки ми виправимо.\n\nНомер звернення: {reference}\n{agentName}',
        },
        ru: {
          title: 'Проверка точности счётчика',
          body: 'Уважаемый(-ая) {customerName}!\n\nМы проверим ваш счётчик, чтобы убедиться, что он работает правильно. Специалист придёт к вам {dueDate}; пожалуйста, обеспечьте доступ к счётчику. Если счётчик окажется неисправным, проверка будет бесплатной, а ваши счета мы исправим.\n\nНомер обращения: {reference}\n{agentName}',
        },
        hu: {
          title: 'A mérő pontosságának ellenőrzése',
          body: 'Kedves {customerName}!\n\nMegvizsgáljuk a mérőjét, hogy meggyőződjünk a pontos mérésről. Szerelőnk {dueDate} napon érkezik; kérjük, biztosítsa, hogy a mérő hozzáférhető legyen. Ha a mérő hibásnak bizonyul, a vizsgálat díjmentes, és a számláit helyesbítjük.\n\nHivatkozási szám: {reference}\n{agentName}',
        },
        lv: {
          title: 'Skaitītāja precizitātes pārbaude',
          body: 'Labdien, {customerName}!\n\nMēs pārbaudīsim jūsu skaitītāju, lai pārliecinātos, ka tas uzskaita pareizi. Mūsu speciālists ieradīsies {dueDate}; lūdzu, nodrošiniet piekļuvi skaitītājam. Ja skaitītājs izrādīsies bojāts, pārbaude būs bez maksas un mēs izlabosim jūsu rēķinus.\n\nNumurs: {reference}\n{agentName}',
        },
        ro: {
          title: 'Verificarea exactității contorului',
          body: 'Stimate/Stimată {customerName},\n\nVom verifica contorul dumneavoastră pentru a ne asigura că înregistrează corect. Un tehnician vă va vizita pe {dueDate}; vă rugăm să asigurați accesul la contor. Dacă contorul se dovedește defect, verificarea este gratuită și vă vom corecta facturile.\n\nReferință: {reference}\n{agentName}',
        },
      },
    },
  },
  {
    id: '5a0e0000-0000-4000-8000-0000000000aa',
    content: {
      category: 'delivery',
      tags: ['information-request'],
      texts: {
        en: {
          title: 'We need a few more details',
          body: 'Dear {customerName},\n\nTo look into your complaint {reference}, we need a few more details: your order number and, if you can, a photo of the parcel or its label. Please reply to this message; we will continue as soon as we hear from you.\n\n{agentName}',
        },
        uk: {
          title: 'Нам потрібно кілька додаткових відомостей',
          body: 'Шановний(-а) {customerName}!\n\nЩоб розглянути вашу скаргу {reference}, нам потрібні додаткові відомості: номер замовлення та, якщо можливо, фото посилки або її етикетки. Будь ласка, дайте відповідь на цей лист; ми продовжимо, щойно отримаємо її.\n\n{agentName}',
        },
        ru: {
          title: 'Нам нужно несколько дополнительных сведений',
          body: 'Уважаемый(-ая) {customerName}!\n\nЧтобы рассмотреть вашу жалобу {reference}, нам нужны дополнительные сведения: номер заказа и, если возможно, фото посылки или её этикетки. Пожалуйста, ответьте на это письмо; мы продолжим, как только получим ваш ответ.\n\n{agentName}',
        },
        hu: {
          title: 'Néhány további adatra van szükségünk',
          body: 'Kedves {customerName}!\n\nA(z) {reference} számú panasza kivizsgálásához néhány további adatra van szükségünk: a rendelésszámra, és ha lehetséges, a csomagról vagy annak címkéjéről készült fényképre. Kérjük, válaszoljon erre az üzenetre; amint megkapjuk, folytatjuk az ügyintézést.\n\n{agentName}',
        },
        lv: {
          title: 'Mums nepieciešama papildu informācija',
          body: 'Labdien, {customerName}!\n\nLai izskatītu jūsu sūdzību {reference}, mums nepieciešama papildu informācija: pasūtījuma numurs un, ja iespējams, sūtījuma vai tā etiķetes fotoattēls. Lūdzu, atbildiet uz šo vēstuli; mēs turpināsim, tiklīdz saņemsim jūsu atbildi.\n\n{agentName}',
        },
        ro: {
          title: 'Avem nevoie de câteva detalii suplimentare',
          body: 'Stimate/Stimată {customerName},\n\nPentru a analiza reclamația {reference}, avem nevoie de câteva detalii suplimentare: numărul comenzii și, dacă este posibil, o fotografie a coletului sau a etichetei acestuia. Vă rugăm să răspundeți la acest mesaj; vom continua imediat ce primim răspunsul dumneavoastră.\n\n{agentName}',
        },
      },
    },
  },
];
