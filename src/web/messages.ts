/**
 * Every text a resident can see, in Finnish, Swedish and English. The Swedish and English
 * tables are typed against the Finnish one, so a missing key does not compile, and a test
 * fails on an empty or untranslated-looking entry. Placeholders are written {name}.
 */
import type { Lang } from '../core/i18n.ts';

const fi = {
  languageName: 'Suomeksi',
  languageMenu: 'Kieli',
  skipToContent: 'Siirry sisältöön',
  cityServices: 'Espoon asiointi ja neuvonta',
  frontTitle: 'Asiointipisteet',
  frontIntro:
    'Kaupungin asiointipisteissä saat neuvontaa ja apua sähköisten palvelujen käytössä. Alla ovat tänään toiminnassa olevat asiointipisteet ja niiden aukioloajat.',
  todayIs: 'Tänään on {date}.',
  openToday: 'Auki tänään {hours}',
  closedToday: 'Suljettu tänään',
  closedTodayBecause: 'Suljettu tänään: {reason}',
  address: 'Osoite',
  addressUnknown: 'Osoite ei ole tiedossa',
  noServicePoints: 'Tänään ei ole toiminnassa olevia asiointipisteitä.',
  openUntil: 'Toiminta päättyy {date}.',
  forDevelopers: 'Avoin rajapinta',
  apiSites: 'Asiointipisteet ja paikat (JSON)',
  apiDocument: 'Rajapinnan kuvaus (OpenAPI)',
  demoNotice:
    'Esittelyaineisto: paikat ja väestötiedot ovat julkisista lähteistä, aukioloajat ja neuvojat ovat keksittyjä esimerkkejä.',
  notFoundTitle: 'Sivua ei löytynyt',
  notFoundText: 'Osoitteessa {path} ei ole sivua. Tarkista osoite tai palaa etusivulle.',
  backToFront: 'Etusivulle',
  timeRange: '{start}–{end}',
  and: 'ja',
} as const;

export type MessageKey = keyof typeof fi;
export type Messages = Readonly<Record<MessageKey, string>>;

const sv: Messages = {
  languageName: 'På svenska',
  languageMenu: 'Språk',
  skipToContent: 'Gå till innehållet',
  cityServices: 'Esbo stads ärenden och rådgivning',
  frontTitle: 'Servicepunkter',
  frontIntro:
    'På stadens servicepunkter får du rådgivning och hjälp med att använda e-tjänster. Här nedan finns de servicepunkter som är i drift i dag och deras öppettider.',
  todayIs: 'I dag är det {date}.',
  openToday: 'Öppet i dag {hours}',
  closedToday: 'Stängt i dag',
  closedTodayBecause: 'Stängt i dag: {reason}',
  address: 'Adress',
  addressUnknown: 'Adressen är inte känd',
  noServicePoints: 'I dag är inga servicepunkter i drift.',
  openUntil: 'Verksamheten upphör {date}.',
  forDevelopers: 'Öppet gränssnitt',
  apiSites: 'Servicepunkter och platser (JSON)',
  apiDocument: 'Beskrivning av gränssnittet (OpenAPI)',
  demoNotice:
    'Demonstrationsdata: platserna och befolkningsuppgifterna kommer från offentliga källor, öppettiderna och rådgivarna är påhittade exempel.',
  notFoundTitle: 'Sidan hittades inte',
  notFoundText:
    'Det finns ingen sida på adressen {path}. Kontrollera adressen eller gå tillbaka till startsidan.',
  backToFront: 'Till startsidan',
  timeRange: '{start}–{end}',
  and: 'och',
};

const en: Messages = {
  languageName: 'In English',
  languageMenu: 'Language',
  skipToContent: 'Skip to content',
  cityServices: 'City of Espoo customer service and advice',
  frontTitle: 'Service points',
  frontIntro:
    "At the city's service points you get advice and help with using e-services. Below are the service points open for business today and their opening hours.",
  todayIs: 'Today is {date}.',
  openToday: 'Open today {hours}',
  closedToday: 'Closed today',
  closedTodayBecause: 'Closed today: {reason}',
  address: 'Address',
  addressUnknown: 'Address not known',
  noServicePoints: 'No service points are in operation today.',
  openUntil: 'Closes for good on {date}.',
  forDevelopers: 'Open API',
  apiSites: 'Service points and places (JSON)',
  apiDocument: 'API description (OpenAPI)',
  demoNotice:
    'Demo data: places and population figures come from public sources; opening hours and advisors are made-up examples.',
  notFoundTitle: 'Page not found',
  notFoundText: 'There is no page at {path}. Check the address or go back to the front page.',
  backToFront: 'To the front page',
  timeRange: '{start}–{end}',
  and: 'and',
};

export const MESSAGES: Readonly<Record<Lang, Messages>> = { fi, sv, en };

export function t(lang: Lang, key: MessageKey, params: Readonly<Record<string, string>> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** `09:30` → `9.30` in Finnish and Swedish (Finnish usage), `9:30` in English. */
export function formatTime(lang: Lang, wallTime: string): string {
  const [h = '0', m = '00'] = wallTime.split(':');
  return `${Number(h)}${lang === 'en' ? ':' : '.'}${m}`;
}

const LOCALES: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** A calendar date for people: "ma 30.11.2026", "mån 30.11.2026", "Mon, 30 Nov 2026". */
export function formatDate(lang: Lang, isoDate: string, withWeekday = true): string {
  // The ISO date is a calendar date with no zone: format it in UTC so it never shifts a day.
  const date = new Date(`${isoDate}T12:00:00Z`);
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: 'UTC',
    ...(withWeekday ? { weekday: 'short' } : {}),
    day: 'numeric',
    month: lang === 'en' ? 'short' : 'numeric',
    year: 'numeric',
  }).format(date);
}
