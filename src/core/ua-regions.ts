// Plain data with no imports: the server validates against it and the web app shows its names.
/**
 * Ukraine's regions by ISO 3166-2:UA code: the 24 oblasts, the Autonomous Republic of Crimea and the
 * two cities with special status (Kyiv, Sevastopol).
 */
export const UA_REGIONS = {
  'UA-05': { en: 'Vinnytsia Oblast', uk: 'Вінницька область' },
  'UA-07': { en: 'Volyn Oblast', uk: 'Волинська область' },
  'UA-09': { en: 'Luhansk Oblast', uk: 'Луганська область' },
  'UA-12': { en: 'Dnipropetrovsk Oblast', uk: 'Дніпропетровська область' },
  'UA-14': { en: 'Donetsk Oblast', uk: 'Донецька область' },
  'UA-18': { en: 'Zhytomyr Oblast', uk: 'Житомирська область' },
  'UA-21': { en: 'Zakarpattia Oblast', uk: 'Закарпатська область' },
  'UA-23': { en: 'Zaporizhzhia Oblast', uk: 'Запорізька область' },
  'UA-26': { en: 'Ivano-Frankivsk Oblast', uk: 'Івано-Франківська область' },
  'UA-30': { en: 'Kyiv', uk: 'Київ' },
  'UA-32': { en: 'Kyiv Oblast', uk: 'Київська область' },
  'UA-35': { en: 'Kirovohrad Oblast', uk: 'Кіровоградська область' },
  'UA-40': { en: 'Sevastopol', uk: 'Севастополь' },
  'UA-43': { en: 'Autonomous Republic of Crimea', uk: 'Автономна Республіка Крим' },
  'UA-46': { en: 'Lviv Oblast', uk: 'Львівська область' },
  'UA-48': { en: 'Mykolaiv Oblast', uk: 'Миколаївська область' },
  'UA-51': { en: 'Odesa Oblast', uk: 'Одеська область' },
  'UA-53': { en: 'Poltava Oblast', uk: 'Полтавська область' },
  'UA-56': { en: 'Rivne Oblast', uk: 'Рівненська область' },
  'UA-59': { en: 'Sumy Oblast', uk: 'Сумська область' },
  'UA-61': { en: 'Ternopil Oblast', uk: 'Тернопільська область' },
  'UA-63': { en: 'Kharkiv Oblast', uk: 'Харківська область' },
  'UA-65': { en: 'Kherson Oblast', uk: 'Херсонська область' },
  'UA-68': { en: 'Khmelnytskyi Oblast', uk: 'Хмельницька область' },
  'UA-71': { en: 'Cherkasy Oblast', uk: 'Черкаська область' },
  'UA-74': { en: 'Chernihiv Oblast', uk: 'Чернігівська область' },
  'UA-77': { en: 'Chernivtsi Oblast', uk: 'Чернівецька область' },
} as const;
