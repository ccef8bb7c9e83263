/**
 * Names in Ukrainian, Russian, Polish and Czech news, in their grammatical cases: each form
 * below was seen in real reporting (a few sources are cited beside their language), and must
 * match its person on a page in that language, while ordinary words that look like name
 * forms must not. Only nominatives are in the dataset (test/support/inflect-dataset.ts).
 */
import { describe, expect, it } from 'vitest';
import { compileMatchIndex, compileShardedIndex } from '../../src/dataset/compile';
import { LoadedIndex } from '../../src/dataset/loaded-index';
import { parseShard } from '../../src/dataset/stored-index';
import { findMentions } from '../../src/dataset/match';
import { INFLECT_DATASET } from '../support/inflect-dataset';

const index = compileMatchIndex(INFLECT_DATASET);

/** The mentions in `text` on a page in `language`, as [matched text, entity ids]. */
function found(text: string, language?: string): [string, string[]][] {
  return findMentions(index, text, 0, text.length, language).map((m) => [text.slice(m.start, m.end), m.entityIds]);
}

type Table = Record<string, string>;

/**
 * Forms as written in the news, each with its person. Seen, among others, in:
 * https://interfax.com.ua/news/general/1099726.html (Віткоффом, Володимира Зеленського,
 * Володимира Путіна, Зеленським), https://www.rbc.ua/rus/news/vitkoff-pid-chas-novoyi-zustrichi-umerovim-1764599421.html
 * (Рустемом Умєровим, Володимиром Зеленським, Еммануелем Макроном),
 * https://streets.kyiv.ua/?p=101696 (Володимиром Путіним, Дмитром Пєсковим, Кирилом Дмитрієвим),
 * https://news.novyny.live/sibiga-zaprosiv-rubio-do-ukrayini-chi-pogodivsia-vin-283473.html (Сибіги).
 */
const UK: Table = {
  Віткоффом: 'steve-witkoff',
  Віткоффа: 'steve-witkoff',
  'Стівом Віткоффом': 'steve-witkoff',
  Зеленського: 'volodymyr-zelensky',
  Зеленським: 'volodymyr-zelensky',
  Зеленському: 'volodymyr-zelensky',
  'Володимира Зеленського': 'volodymyr-zelensky',
  'Володимиром Зеленським': 'volodymyr-zelensky',
  Путіна: 'vladimir-putin',
  Путіним: 'vladimir-putin',
  Путіну: 'vladimir-putin',
  'Володимира Путіна': 'vladimir-putin',
  'Володимиром Путіним': 'vladimir-putin',
  Трампа: 'donald-trump',
  Трампу: 'donald-trump',
  Трампом: 'donald-trump',
  'Дональда Трампа': 'donald-trump',
  'Дональду Трампу': 'donald-trump',
  Умєрова: 'rustem-umerov',
  Умєровим: 'rustem-umerov',
  'Рустемом Умєровим': 'rustem-umerov',
  'Дмитром Пєсковим': 'dmitry-peskov',
  'Кирилом Дмитрієвим': 'kirill-dmitriev',
  'Юрієм Ушаковим': 'yuri-ushakov',
  Ушакова: 'yuri-ushakov',
  Єрмака: 'andriy-yermak',
  Єрмаком: 'andriy-yermak',
  Сибіги: 'andrii-sybiha',
  Сибігою: 'andrii-sybiha',
  Шмигаля: 'denys-shmyhal',
  Шмигалем: 'denys-shmyhal',
  Кушнера: 'jared-kushner',
  Кушнером: 'jared-kushner',
  'Еммануелем Макроном': 'emmanuel-macron',
  'Каї Каллас': 'kaja-kallas',
  'Олени Зеленської': 'olena-zelenska',
  'Юлії Тимошенко': 'yulia-tymoshenko',
  'Петра Порошенка': 'petro-poroshenko',
  'Олександра Мороза': 'oleksandr-moroz',
};

/**
 * Seen in https://sud.ua/ru/news/ukraine/347634-axios-uitkoff-i-kushner-posle-peregovorov-s-putinym-planiruyut-vstretitsya-s-zelenskim-v-evrope
 * (Путиным, Владимиром Путиным, Уиткоффа), https://www.vedomosti.ru/politics/news/2025/12/06/1161115-zelenskii-provel
 * (Уиткоффом, Кушнером, Стивеном Уиткоффом, Джаредом Кушнером, Рустемом Умеровым).
 */
const RU: Table = {
  Путиным: 'vladimir-putin',
  Путина: 'vladimir-putin',
  Путину: 'vladimir-putin',
  Путине: 'vladimir-putin',
  'Владимиром Путиным': 'vladimir-putin',
  'Владимира Путина': 'vladimir-putin',
  Уиткоффа: 'steve-witkoff',
  Уиткоффом: 'steve-witkoff',
  Уиткоффу: 'steve-witkoff',
  'Стивом Уиткоффом': 'steve-witkoff',
  'Стивеном Уиткоффом': 'steve-witkoff',
  Кушнером: 'jared-kushner',
  Кушнера: 'jared-kushner',
  'Джаредом Кушнером': 'jared-kushner',
  Зеленским: 'volodymyr-zelensky',
  Зеленского: 'volodymyr-zelensky',
  Зеленскому: 'volodymyr-zelensky',
  'Владимиром Зеленским': 'volodymyr-zelensky',
  'Владимира Зеленского': 'volodymyr-zelensky',
  Трампа: 'donald-trump',
  Трампу: 'donald-trump',
  Трампом: 'donald-trump',
  'Дональда Трампа': 'donald-trump',
  Умеровым: 'rustem-umerov',
  'Рустемом Умеровым': 'rustem-umerov',
  Ермака: 'andriy-yermak',
  Ермаком: 'andriy-yermak',
  Пескова: 'dmitry-peskov',
  'Дмитрием Песковым': 'dmitry-peskov',
  'Кириллом Дмитриевым': 'kirill-dmitriev',
  'Юрием Ушаковым': 'yuri-ushakov',
  Сибиги: 'andrii-sybiha',
  Шмыгаля: 'denys-shmyhal',
  'Каи Каллас': 'kaja-kallas',
  'Елены Зеленской': 'olena-zelenska',
  'Сергея Королёва': 'sergei-korolev',
};

/**
 * Seen in https://www.polsatnews.pl/wiadomosc/2025-12-28/trump-rozmawial-z-putinem-wszystko-tuz-przed-spotkaniem-z-zelenskim/
 * (Władimira Putina, Wołodymyra Zełenskiego, Donaldem Trumpem, Steve'em Witkoffem),
 * https://tvn24.pl/swiat/oswiadczenie-kremla-i-zaskakujacy-wpis-trumpa-st8432405 (Władimirem Putinem,
 * Wołodymyrem Zełenskim, Dmitrija Pieskowa), https://wydarzenia.interia.pl/ukraina-rosja/news-spotkam-sie-z-trumpem-zelenski-oglasza-po-rozmowie-z-prezyde,nId,22174865
 * (Karola Nawrockiego, Zełenskiemu), https://www.rmf24.pl/fakty/swiat/news-petr-pavel-zaproszony-do-polski-krotka-bardzo-dobra-rozmowa,nId,6563069
 * (Andrzeja Dudę).
 */
const PL: Table = {
  Putina: 'vladimir-putin',
  Putinem: 'vladimir-putin',
  Putinowi: 'vladimir-putin',
  Putinie: 'vladimir-putin',
  'Władimira Putina': 'vladimir-putin',
  'Władimirem Putinem': 'vladimir-putin',
  Zełenskiego: 'volodymyr-zelensky',
  Zełenskim: 'volodymyr-zelensky',
  Zełenskiemu: 'volodymyr-zelensky',
  'Wołodymyra Zełenskiego': 'volodymyr-zelensky',
  'Wołodymyrem Zełenskim': 'volodymyr-zelensky',
  Trumpa: 'donald-trump',
  Trumpowi: 'donald-trump',
  Trumpem: 'donald-trump',
  Trumpie: 'donald-trump',
  'Donalda Trumpa': 'donald-trump',
  'Donaldem Trumpem': 'donald-trump',
  Witkoffa: 'steve-witkoff',
  Witkoffem: 'steve-witkoff',
  "Steve'em Witkoffem": 'steve-witkoff',
  'Steve’a Witkoffa': 'steve-witkoff',
  'Dmitrija Pieskowa': 'dmitry-peskov',
  'Jurijowi Uszakowowi': 'yuri-ushakov',
  'Jurijem Uszakowem': 'yuri-ushakov',
  'Karola Nawrockiego': 'karol-nawrocki',
  Nawrockiego: 'karol-nawrocki',
  Jermaka: 'andriy-yermak',
  Jermakiem: 'andriy-yermak',
  Sybihą: 'andrii-sybiha',
  Umierowem: 'rustem-umerov',
  Kushnera: 'jared-kushner',
  'Emmanuelem Macronem': 'emmanuel-macron',
  Macrona: 'emmanuel-macron',
  'Kai Kallas': 'kaja-kallas',
  'Ołeny Zełenskiej': 'olena-zelenska',
  'Andrzeja Dudy': 'andrzej-duda',
  'Andrzeja Dudę': 'andrzej-duda',
  Dudzie: 'andrzej-duda',
  'Petra Poroszenki': 'petro-poroshenko',
};

/**
 * Seen in https://www.seznam.cz/komentare/267675827-witkoff-telefonoval-se-zelenskym-americky-zmocnenec-se-v-utery-setka-s-putinem
 * (Zelenským, Putinem, Stevem Witkoffem, Vladimirem Putinem), https://www.praha4online.cz/obecne/trump-upekl-schuzku-zelenskyj-putin-s-lidry-eu-resil-zaruky-pro-ukrajinu
 * (Vladimiru Putinovi, Donaldem Trumpem), https://www.respekt.cz/informacni-servis/kratce-po-witkoffove-navsteve-v-moskve-si-trump-telefonoval-se-zelenskym-2025-08-06-20-24
 * (Volodymyrem Zelenským, Witkoffa, Trumpem), https://storyfa.com/event/153572997/mluvme-o-ucasti-nasich-vojsk-k-vycviku-na-ukrajine-rekl-pavel-po
 * (Petra Pavla, Donalda Trumpa).
 */
const CS: Table = {
  Zelenského: 'volodymyr-zelensky',
  Zelenskému: 'volodymyr-zelensky',
  Zelenským: 'volodymyr-zelensky',
  'Volodymyra Zelenského': 'volodymyr-zelensky',
  'Volodymyrem Zelenským': 'volodymyr-zelensky',
  Putina: 'vladimir-putin',
  Putinovi: 'vladimir-putin',
  Putinem: 'vladimir-putin',
  'Vladimira Putina': 'vladimir-putin',
  'Vladimiru Putinovi': 'vladimir-putin',
  'Vladimirem Putinem': 'vladimir-putin',
  Trumpa: 'donald-trump',
  Trumpovi: 'donald-trump',
  Trumpem: 'donald-trump',
  'Donalda Trumpa': 'donald-trump',
  'Donaldem Trumpem': 'donald-trump',
  Witkoffa: 'steve-witkoff',
  Witkoffem: 'steve-witkoff',
  'Stevem Witkoffem': 'steve-witkoff',
  Rubiem: 'marco-rubio',
  Rubiovi: 'marco-rubio',
  'Marcem Rubiem': 'marco-rubio',
  Jermakem: 'andriy-yermak',
  Sybihou: 'andrii-sybiha',
  Umerovem: 'rustem-umerov',
  Peskova: 'dmitry-peskov',
  'Dmitrijem Peskovem': 'dmitry-peskov',
  'Jurijem Ušakovem': 'yuri-ushakov',
  Kallasové: 'kaja-kallas',
  Kallasovou: 'kaja-kallas',
  'Emmanuelem Macronem': 'emmanuel-macron',
  Kushnerem: 'jared-kushner',
  Šmyhala: 'denys-shmyhal',
  'Oleny Zelenské': 'olena-zelenska',
  'Petra Pavla': 'petr-pavel',
  Pavlovi: 'petr-pavel',
  'Petrem Fialou': 'petr-fiala',
};

/** Ordinary words that begin like a name, share its stem, or spell a surname's form that is also a word. */
const NOT_NAMES: Record<'uk' | 'ru' | 'pl' | 'cs', string[]> = {
  uk: [
    'Путінізм',
    'Путінізму',
    'Путінський',
    'Путінського',
    'Путінському',
    'Путівка',
    'Путівки',
    'Трамплін',
    'Трампліна',
    'Трампліном',
    'Трампізм',
    'Трампістів',
    'Зелений',
    'Зеленого',
    'Зеленому',
    'Зеленим',
    'Кушнір',
    'Кушніра',
    'Кушніру',
    'Мороза',
    'Морозу',
    'Морозом',
    'Морозі',
    'Сибір',
    'Сибіру',
    'Сибіром',
    'Рубікон',
    'Рубікону',
    'Умова',
    'Умови',
    'Умовою',
    'путіна',
    'трампа',
  ],
  ru: [
    'путина',
    'путины',
    'путину',
    'путиной',
    'путине',
    'Путинизм',
    'Путинизма',
    'Путинский',
    'Путинского',
    'Трамплин',
    'Трамплина',
    'Трамплином',
    'Трампизм',
    'Зеленый',
    'Зеленого',
    'Зеленому',
    'Зеленым',
    'Мороза',
    'Морозу',
    'Морозом',
    'Морозе',
    'Сибирь',
    'Сибири',
    'Рубикон',
    'Рубикона',
    'Ермаков',
    'Ермакова',
    'Ермаковым',
    'Пескарь',
    'Пескаря',
    'Ушанка',
    'Ушанки',
  ],
  pl: [
    'Putinizm',
    'Putinizmu',
    'Putinowski',
    'Putinowskiego',
    'Putinowskiej',
    'Trampolina',
    'Trampoliny',
    'Trampolinie',
    'Trumpizm',
    'Trumpizmu',
    'Dudy',
    'Dudę',
    'Dudziarz',
    'Zielony',
    'Zielonego',
    'Zielonym',
    'Rubikon',
    'Rubikonu',
    'Syberia',
    'Syberii',
    'Umowa',
    'Umowy',
    'Umową',
    'Pieska',
    'Pieskowi',
    'Pieskiem',
    'Trumna',
    'Trumny',
    'Witkowski',
    'Witkowskiego',
    'putina',
  ],
  cs: [
    'Putinismus',
    'Putinismu',
    'Putinovský',
    'Putinovského',
    'Putinovská',
    'Trampolína',
    'Trampolíny',
    'Trampolínu',
    'Trumpismus',
    'Trumpismu',
    'Pavla',
    'Pavly',
    'Pavlou',
    'Fialy',
    'Fialou',
    'Fialu',
    'Zelený',
    'Zeleného',
    'Zelenému',
    'Zeleným',
    'Rubikon',
    'Rubikonu',
    'Sibiř',
    'Sibiře',
    'Zelenina',
    'Zeleniny',
    'Zeleninou',
    'Trumfy',
    'Trumfem',
    'Trumfu',
    'putinovi',
  ],
};

/** Words around each form, so it is found inside a sentence. */
const FRAMES: Record<keyof typeof NOT_NAMES, [string, string]> = {
  uk: ['За словами джерела, ', ' говорили вчора.'],
  ru: ['По словам источника, ', ' говорили вчера.'],
  pl: ['Według źródła ', ' rozmawiano wczoraj.'],
  cs: ['Podle zdroje se ', ' jednalo včera.'],
};

const LANGUAGES: [keyof typeof NOT_NAMES, Table][] = [
  ['uk', UK],
  ['ru', RU],
  ['pl', PL],
  ['cs', CS],
];

describe.each(LANGUAGES)('names in %s text', (language, table) => {
  it('has a table of at least 30 real forms and 30 look-alike words', () => {
    expect(Object.keys(table).length).toBeGreaterThanOrEqual(30);
    expect(NOT_NAMES[language].length).toBeGreaterThanOrEqual(30);
  });

  it.each(Object.entries(table))('matches "%s" as %s', (form, person) => {
    const [before, after] = FRAMES[language];
    const text = `${before}${form}${after}`;
    expect(found(text, language)).toEqual([[form, [person]]]);
  });

  it('matches no look-alike word', () => {
    const matched = NOT_NAMES[language].filter((word) => found(`— ${word} —`, language).length > 0);
    expect(matched).toEqual([]);
  });
});

describe('which language a form belongs to', () => {
  it('never tries Czech endings on an English page', () => {
    const text = 'Trump spoke with Putin; Putinovi and Trumpem are Czech, Zełenskiego Polish.';
    const asWritten = [
      ['Trump', ['donald-trump']],
      ['Putin', ['vladimir-putin']],
    ];
    expect(found(text, 'en')).toEqual(asWritten);
    expect(found(text)).toEqual(asWritten);
    expect(found(text, 'cs').map(([t]) => t)).toEqual(['Trump', 'Putin', 'Putinovi', 'Trumpem']);
  });

  it("takes the page's own forms only, and names as written on any page", () => {
    expect(found('Зеленського і Зеленський', 'ru')).toEqual([['Зеленський', ['volodymyr-zelensky']]]);
    expect(found('Путиным и Путіним', 'uk')).toEqual([['Путіним', ['vladimir-putin']]]);
    expect(found('Zelenského', 'cs-CZ')).toEqual([['Zelenského', ['volodymyr-zelensky']]]);
  });

  it('takes the longest form, given name and surname together', () => {
    const text = 'зустріч Володимира Зеленського з Дональдом Трампом';
    expect(found(text, 'uk')).toEqual([
      ['Володимира Зеленського', ['volodymyr-zelensky']],
      ['Дональдом Трампом', ['donald-trump']],
    ]);
  });

  it("inflects a woman's name as a woman's, and leaves a surname that does not change as it is", () => {
    expect(found('Юлії Тимошенко, Тимошенка', 'uk')).toEqual([['Юлії Тимошенко', ['yulia-tymoshenko']]]);
    expect(found('Каї Каллас, Калласа', 'uk')).toEqual([['Каї Каллас', ['kaja-kallas']]]);
  });
});

describe('German names', () => {
  // "Trumps Friedensplan", "Telefonat Trumps mit Putin", "Selenskijs Besuch":
  // https://kurier.at/politik/ausland/ukraine-trump-plan-witkoff-kreml-russland-verhandlungen/403106599
  it('take the genitive -s on a German page only, and a name ending in s keeps its apostrophe', () => {
    const text = 'Trumps Friedensplan, Selenskijs Besuch, Wladimir Putins Forderungen, Kallas’ Reise.';
    expect(found(text, 'de')).toEqual([
      ['Trumps', ['donald-trump']],
      ['Selenskijs', ['volodymyr-zelensky']],
      ['Wladimir Putins', ['vladimir-putin']],
      ['Kallas', ['kaja-kallas']],
    ]);
    expect(found(text, 'en').map(([t]) => t)).toEqual(['Kallas']);
    expect(found('Kallass und Trumpsche Politik', 'de')).toEqual([]);
  });
});

describe('Cyrillic spelling', () => {
  it("needs the capital of a person's name, as in English, or the whole name in capitals", () => {
    expect(found('путину и путиной', 'ru')).toEqual([]);
    expect(found('ПУТИНУ', 'ru')).toEqual([['ПУТИНУ', ['vladimir-putin']]]);
  });

  it('reads every apostrophe in a Ukrainian name alike', () => {
    for (const apostrophe of ["'", '’', 'ʼ', '`']) {
      expect(found(`В${apostrophe}ячеслав Чорновіл`, 'uk')).toEqual([[`В${apostrophe}ячеслав Чорновіл`, ['vyacheslav-chornovil']]]);
    }
  });

  it('reads a word broken by soft hyphens as the word', () => {
    expect(found('Зелен\u00adсько\u00adго', 'uk')).toEqual([['Зелен\u00adсько\u00adго', ['volodymyr-zelensky']]]);
    expect(found('Put\u00adi\u00adnovi a Zelen\u00adskyj', 'cs').map(([, ids]) => ids)).toEqual([
      ['vladimir-putin'],
      ['volodymyr-zelensky'],
    ]);
    expect(found('Zelenský\u00adho', 'cs')).toEqual([]);
  });

  it('reads ґ as г and ё as е, on words kept whole', () => {
    expect(found('Ліндсі Грем і Ліндсі Ґрем', 'uk').map(([, ids]) => ids)).toEqual([['lindsey-graham'], ['lindsey-graham']]);
    expect(found('Сергей Королев, Сергея Королева', 'ru').map(([t]) => t)).toEqual(['Сергей Королев', 'Сергея Королева']);
    expect(found('Путінові', 'uk')).toEqual([['Путінові', ['vladimir-putin']]]);
    expect(found('Путінова', 'uk')).toEqual([]);
  });
});

describe('the stored, sharded index', () => {
  it('files forms in Cyrillic and Latin under their words, so a page reads the shards it needs and finds the same names', () => {
    const { head, shards } = compileShardedIndex(INFLECT_DATASET, 6);
    const text = 'Зустріч Стівом Віткоффом і Путіним; Władimirem Putinem, Steve’em Witkoffem; Vladimiru Putinovi. Путиным и Уиткоффом.';
    const loaded = new LoadedIndex(head);
    const need = loaded.missing(text);
    loaded.add(
      need,
      need.map((b) => parseShard(shards.get(b))),
    );
    for (const language of ['uk', 'pl', 'cs', 'ru']) {
      expect(findMentions(loaded.index, text, 0, text.length, language).map((m) => text.slice(m.start, m.end))).toEqual(
        found(text, language).map(([t]) => t),
      );
    }
    expect(found(text, 'uk').map(([t]) => t)).toEqual(['Стівом Віткоффом', 'Путіним']);
    expect(found(text, 'pl').map(([t]) => t)).toEqual(['Władimirem Putinem', 'Steve’em Witkoffem']);
    expect(found(text, 'cs').map(([t]) => t)).toEqual(['Putinem', 'Witkoffem', 'Vladimiru Putinovi']);
  });
});
