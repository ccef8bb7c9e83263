/**
 * A small dataset of people named in Ukrainian, Russian, Polish, Czech and German news, with
 * their names in each language's spelling (aliases with `lang`), for the inflection tests. Only the
 * nominative is listed: every other form must come from the rules.
 */
import type { Alias, Entity } from '../../src/dataset/schema';
import { dataset, entity } from './mini-dataset';

type Spellings = Partial<Record<'uk' | 'ru' | 'pl' | 'cs' | 'de', string[]>>;

function person(id: string, name: string, spellings: Spellings, extra: Partial<Entity> = {}): Entity {
  const aliases: Alias[] = [];
  for (const [lang, texts] of Object.entries(spellings)) for (const text of texts) aliases.push({ text, lang });
  return entity(id, 'person', name, aliases, extra);
}

export const INFLECT_DATASET = dataset([
  person('volodymyr-zelensky', 'Volodymyr Zelensky', {
    uk: ['Зеленський', 'Володимир Зеленський'],
    ru: ['Зеленский', 'Владимир Зеленский'],
    pl: ['Zełenski', 'Wołodymyr Zełenski'],
    cs: ['Zelenskyj', 'Volodymyr Zelenskyj'],
    de: ['Selenskyj', 'Selenskij', 'Wolodymyr Selenskyj'],
  }),
  person('vladimir-putin', 'Vladimir Putin', {
    uk: ['Путін', 'Володимир Путін'],
    ru: ['Путин', 'Владимир Путин'],
    pl: ['Putin', 'Władimir Putin'],
    cs: ['Putin', 'Vladimir Putin'],
    de: ['Putin', 'Wladimir Putin'],
  }),
  person('donald-trump', 'Donald Trump', {
    uk: ['Трамп', 'Дональд Трамп'],
    ru: ['Трамп', 'Дональд Трамп'],
    pl: ['Trump', 'Donald Trump'],
    cs: ['Trump', 'Donald Trump'],
    de: ['Trump', 'Donald Trump'],
  }),
  person('steve-witkoff', 'Steve Witkoff', {
    uk: ['Віткофф', 'Стів Віткофф'],
    ru: ['Уиткофф', 'Стив Уиткофф', 'Стивен Уиткофф'],
    pl: ['Witkoff', 'Steve Witkoff'],
    cs: ['Witkoff', 'Steve Witkoff'],
    de: ['Witkoff'],
  }),
  person('jared-kushner', 'Jared Kushner', {
    uk: ['Кушнер', 'Джаред Кушнер'],
    ru: ['Кушнер', 'Джаред Кушнер'],
    pl: ['Kushner'],
    cs: ['Kushner'],
  }),
  person('rustem-umerov', 'Rustem Umerov', {
    uk: ['Умєров', 'Рустем Умєров'],
    ru: ['Умеров', 'Рустем Умеров'],
    pl: ['Umierow'],
    cs: ['Umerov'],
  }),
  person('andriy-yermak', 'Andriy Yermak', {
    uk: ['Єрмак', 'Андрій Єрмак'],
    ru: ['Ермак', 'Андрей Ермак'],
    pl: ['Jermak'],
    cs: ['Jermak'],
  }),
  person('dmitry-peskov', 'Dmitry Peskov', {
    uk: ['Пєсков', 'Дмитро Пєсков'],
    ru: ['Песков', 'Дмитрий Песков'],
    pl: ['Pieskow', 'Dmitrij Pieskow'],
    cs: ['Peskov', 'Dmitrij Peskov'],
  }),
  person('kirill-dmitriev', 'Kirill Dmitriev', {
    uk: ['Дмитрієв', 'Кирило Дмитрієв'],
    ru: ['Дмитриев', 'Кирилл Дмитриев'],
    pl: ['Dmitrijew'],
    cs: ['Dmitrijev'],
  }),
  person('yuri-ushakov', 'Yuri Ushakov', {
    uk: ['Ушаков', 'Юрій Ушаков'],
    ru: ['Ушаков', 'Юрий Ушаков'],
    pl: ['Uszakow', 'Jurij Uszakow'],
    cs: ['Ušakov', 'Jurij Ušakov'],
  }),
  person('andrii-sybiha', 'Andrii Sybiha', { uk: ['Сибіга', 'Андрій Сибіга'], ru: ['Сибига'], pl: ['Sybiha'], cs: ['Sybiha'] }),
  person('denys-shmyhal', 'Denys Shmyhal', { uk: ['Шмигаль', 'Денис Шмигаль'], ru: ['Шмыгаль'], pl: ['Szmyhal'], cs: ['Šmyhal'] }),
  person('marco-rubio', 'Marco Rubio', { uk: ['Марко Рубіо'], ru: ['Марко Рубио'], pl: ['Marco Rubio'], cs: ['Rubio', 'Marco Rubio'] }),
  person('karol-nawrocki', 'Karol Nawrocki', { pl: ['Nawrocki', 'Karol Nawrocki'] }),
  person('emmanuel-macron', 'Emmanuel Macron', {
    uk: ['Макрон', 'Еммануель Макрон'],
    pl: ['Macron', 'Emmanuel Macron'],
    cs: ['Macron', 'Emmanuel Macron'],
  }),
  person('kaja-kallas', 'Kaja Kallas', {
    uk: ['Кая Каллас'],
    ru: ['Кая Каллас'],
    pl: ['Kaja Kallas'],
    cs: ['Kallasová', 'Kaja Kallasová'],
    de: ['Kallas', 'Kaja Kallas'],
  }),
  person('olena-zelenska', 'Olena Zelenska', {
    uk: ['Олена Зеленська'],
    ru: ['Елена Зеленская'],
    pl: ['Ołena Zełenska'],
    cs: ['Olena Zelenská'],
  }),
  person('yulia-tymoshenko', 'Yulia Tymoshenko', { uk: ['Тимошенко', 'Юлія Тимошенко'], ru: ['Тимошенко'] }),
  person('petro-poroshenko', 'Petro Poroshenko', { uk: ['Петро Порошенко'], pl: ['Petro Poroszenko'] }),
  // Surnames that are also everyday words: their forms are on the stop lists.
  person('oleksandr-moroz', 'Oleksandr Moroz', { uk: ['Мороз', 'Олександр Мороз'], ru: ['Мороз', 'Александр Мороз'] }),
  person('andrzej-duda', 'Andrzej Duda', { pl: ['Duda', 'Andrzej Duda'] }),
  person('petr-pavel', 'Petr Pavel', { cs: ['Pavel', 'Petr Pavel'] }),
  person('petr-fiala', 'Petr Fiala', { cs: ['Fiala', 'Petr Fiala'] }),
  // Spelling variants: apostrophes and ґ.
  person('vyacheslav-chornovil', 'Vyacheslav Chornovil', { uk: ["В'ячеслав Чорновіл"] }),
  person('lindsey-graham', 'Lindsey Graham', { uk: ['Ліндсі Ґрем'], ru: ['Линдси Грэм'] }),
  entity('sergei-korolev', 'person', 'Sergei Korolev', [{ text: 'Сергей Королёв', lang: 'ru' }]),
]);
