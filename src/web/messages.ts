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
  forStaff: 'Henkilöstölle',
  loginTitle: 'Henkilöstön kirjautuminen',
  loginIntro: 'Suunnittelijat ja neuvojat kirjautuvat tästä. Asukkaat eivät tarvitse tunnusta.',
  email: 'Sähköposti',
  password: 'Salasana',
  logIn: 'Kirjaudu',
  logOut: 'Kirjaudu ulos',
  loginFailed: 'Sähköposti tai salasana on väärä.',
  loginLocked: 'Liian monta epäonnistunutta yritystä. Yritä uudelleen 15 minuutin kuluttua.',
  loggedInAs: 'Kirjautuneena: {name}',
  forbiddenTitle: 'Ei käyttöoikeutta',
  forbiddenText: 'Tunnuksellasi ei ole oikeutta tähän sivuun.',
  plannerTitle: 'Verkon vaihtoehdot',
  plannerIntro:
    'Vertaa kahta asiointipisteverkkoa: kuinka kauan kunkin ryhmän asukkailla kestää päästä lähimpään avoinna olevaan pisteeseen, ja mitkä alueet menettävät eniten.',
  baseScenario: 'Lähtötilanne',
  altScenario: 'Vaihtoehto',
  travelMode: 'Kulkutapa',
  compare: 'Vertaa',
  approximateNotice:
    'Matka-ajat tulevat likimääräisestä mallista (kävely, raiteet ja mallinnettu bussiliikenne), koska joukkoliikenteen aikataulua tai matka-aikamatriisia ei ole ladattu.',
  engineNotice: 'Matka-ajat: {engine}.',
  groupTableTitle: 'Matka-aika lähimpään avoinna olevaan pisteeseen ryhmittäin',
  groupTableCaption: 'Minuutteja, {base} → {alt}. Osuudet ovat ryhmän asukkaista.',
  colGroup: 'Ryhmä',
  colResidents: 'Asukkaita',
  colMean: 'Keskiarvo',
  colMedian: 'Mediaani',
  colP90: '90 %:lla enintään',
  colWithin: 'Enintään {minutes} min',
  colServiceHours: 'Palvelutunteja viikossa {minutes} min sisällä',
  areaTableTitle: 'Eniten menettävät alueet',
  areaTableCaption: 'Lisäminuutit kertaa asukkaat, suurin menetys ensin.',
  colArea: 'Alue',
  colBefore: 'Ennen (min)',
  colAfter: 'Jälkeen (min)',
  colChange: 'Muutos (min)',
  colResidents75: 'Yli 75-vuotiaita',
  noAccess: 'ei yhteyttä',
  mapTitle: 'Kartta: matka-ajan muutos',
  mapLabel:
    'Kartta alueista väritettynä matka-ajan muutoksen mukaan. Samat tiedot ovat yllä olevassa taulukossa.',
  mapNeedsScript: 'Kartta ja kaavio tarvitsevat JavaScriptin. Luvut ovat taulukoissa.',
  chartTitle: 'Matka-aikojen jakauma',
  chartLabel: 'Osuus ryhmästä, joka pääsee pisteeseen enintään x minuutissa, molemmissa vaihtoehdoissa.',
  chartGroup: 'Ryhmä',
  downloads: 'Lataa',
  downloadAreas: 'Alueet (CSV)',
  downloadGroups: 'Ryhmät (CSV)',
  downloadGeoJson: 'Kartta-aineisto (GeoJSON)',
  warning: 'Huomio: {text}',
  group_all: 'Kaikki asukkaat',
  group_age65plus: '65 vuotta täyttäneet',
  group_age75plus: '75 vuotta täyttäneet',
  group_age65to74: '65–74-vuotiaat',
  group_foreignLanguage: 'Vieraskieliset',
  group_swedishSpeaking: 'Ruotsinkieliset',
  group_unemployed: 'Työttömät',
  mode_walk: 'Kävely',
  'mode_walk-slow': 'Hidas kävely',
  mode_pt: 'Joukkoliikenne',
  'mode_pt-slow': 'Joukkoliikenne, hidas kävely',
  mode_car: 'Auto',
  legendLoss: 'Pidempi matka',
  legendGain: 'Lyhyempi matka',
  legendNoChange: 'Ei muutosta',
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
  forStaff: 'För personalen',
  loginTitle: 'Inloggning för personalen',
  loginIntro: 'Planerare och rådgivare loggar in här. Invånare behöver inget konto.',
  email: 'E-post',
  password: 'Lösenord',
  logIn: 'Logga in',
  logOut: 'Logga ut',
  loginFailed: 'Fel e-postadress eller lösenord.',
  loginLocked: 'För många misslyckade försök. Försök igen om 15 minuter.',
  loggedInAs: 'Inloggad: {name}',
  forbiddenTitle: 'Ingen behörighet',
  forbiddenText: 'Ditt konto har inte behörighet till den här sidan.',
  plannerTitle: 'Nätalternativ',
  plannerIntro:
    'Jämför två nät av servicepunkter: hur länge det tar för invånarna i varje grupp att nå närmaste öppna punkt, och vilka områden som förlorar mest.',
  baseScenario: 'Utgångsläge',
  altScenario: 'Alternativ',
  travelMode: 'Färdsätt',
  compare: 'Jämför',
  approximateNotice:
    'Restiderna kommer från en ungefärlig modell (gång, spårtrafik och modellerad busstrafik), eftersom ingen tidtabell för kollektivtrafiken eller restidsmatris har laddats.',
  engineNotice: 'Restider: {engine}.',
  groupTableTitle: 'Restid till närmaste öppna punkt per grupp',
  groupTableCaption: 'Minuter, {base} → {alt}. Andelarna är av gruppens invånare.',
  colGroup: 'Grupp',
  colResidents: 'Invånare',
  colMean: 'Medelvärde',
  colMedian: 'Median',
  colP90: 'För 90 % högst',
  colWithin: 'Högst {minutes} min',
  colServiceHours: 'Servicetimmar per vecka inom {minutes} min',
  areaTableTitle: 'Områden som förlorar mest',
  areaTableCaption: 'Extra minuter gånger invånare, största förlusten först.',
  colArea: 'Område',
  colBefore: 'Före (min)',
  colAfter: 'Efter (min)',
  colChange: 'Ändring (min)',
  colResidents75: 'Över 75 år',
  noAccess: 'ingen förbindelse',
  mapTitle: 'Karta: ändring i restid',
  mapLabel: 'Karta över områdena färgade efter ändringen i restid. Samma uppgifter finns i tabellen ovan.',
  mapNeedsScript: 'Kartan och diagrammet behöver JavaScript. Siffrorna finns i tabellerna.',
  chartTitle: 'Fördelning av restider',
  chartLabel: 'Andel av gruppen som når en punkt på högst x minuter, i båda alternativen.',
  chartGroup: 'Grupp',
  downloads: 'Ladda ner',
  downloadAreas: 'Områden (CSV)',
  downloadGroups: 'Grupper (CSV)',
  downloadGeoJson: 'Kartdata (GeoJSON)',
  warning: 'Obs: {text}',
  group_all: 'Alla invånare',
  group_age65plus: '65 år och äldre',
  group_age75plus: '75 år och äldre',
  group_age65to74: '65–74 år',
  group_foreignLanguage: 'Främmande språk',
  group_swedishSpeaking: 'Svenskspråkiga',
  group_unemployed: 'Arbetslösa',
  mode_walk: 'Gång',
  'mode_walk-slow': 'Långsam gång',
  mode_pt: 'Kollektivtrafik',
  'mode_pt-slow': 'Kollektivtrafik, långsam gång',
  mode_car: 'Bil',
  legendLoss: 'Längre resa',
  legendGain: 'Kortare resa',
  legendNoChange: 'Ingen ändring',
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
  forStaff: 'For staff',
  loginTitle: 'Staff login',
  loginIntro: 'Planners and advisors log in here. Residents do not need an account.',
  email: 'E-mail',
  password: 'Password',
  logIn: 'Log in',
  logOut: 'Log out',
  loginFailed: 'Wrong e-mail or password.',
  loginLocked: 'Too many failed attempts. Try again in 15 minutes.',
  loggedInAs: 'Logged in: {name}',
  forbiddenTitle: 'No access',
  forbiddenText: 'Your account may not open this page.',
  plannerTitle: 'Network scenarios',
  plannerIntro:
    'Compare two networks of service points: how long it takes residents of each group to reach the nearest open point, and which areas lose most.',
  baseScenario: 'Baseline',
  altScenario: 'Alternative',
  travelMode: 'Travel mode',
  compare: 'Compare',
  approximateNotice:
    'Travel times come from an approximate model (walking, rail and metro, modelled buses), because no public-transport timetable or travel-time matrix is loaded.',
  engineNotice: 'Travel times: {engine}.',
  groupTableTitle: 'Travel time to the nearest open point, per group',
  groupTableCaption: 'Minutes, {base} → {alt}. Shares are of the group’s residents.',
  colGroup: 'Group',
  colResidents: 'Residents',
  colMean: 'Mean',
  colMedian: 'Median',
  colP90: '90 % within',
  colWithin: 'Within {minutes} min',
  colServiceHours: 'Service hours a week within {minutes} min',
  areaTableTitle: 'Areas that lose most',
  areaTableCaption: 'Extra minutes times residents, largest loss first.',
  colArea: 'Area',
  colBefore: 'Before (min)',
  colAfter: 'After (min)',
  colChange: 'Change (min)',
  colResidents75: 'Aged 75+',
  noAccess: 'no connection',
  mapTitle: 'Map: change in travel time',
  mapLabel:
    'Map of the areas coloured by the change in travel time. The same figures are in the table above.',
  mapNeedsScript: 'The map and the chart need JavaScript. The figures are in the tables.',
  chartTitle: 'Distribution of travel times',
  chartLabel: 'Share of the group that reaches a point within x minutes, in both scenarios.',
  chartGroup: 'Group',
  downloads: 'Download',
  downloadAreas: 'Areas (CSV)',
  downloadGroups: 'Groups (CSV)',
  downloadGeoJson: 'Map data (GeoJSON)',
  warning: 'Note: {text}',
  group_all: 'All residents',
  group_age65plus: 'Aged 65+',
  group_age75plus: 'Aged 75+',
  group_age65to74: 'Aged 65–74',
  group_foreignLanguage: 'Foreign-language speakers',
  group_swedishSpeaking: 'Swedish speakers',
  group_unemployed: 'Unemployed',
  mode_walk: 'Walking',
  'mode_walk-slow': 'Slow walking',
  mode_pt: 'Public transport',
  'mode_pt-slow': 'Public transport, slow walking',
  mode_car: 'Car',
  legendLoss: 'Longer trip',
  legendGain: 'Shorter trip',
  legendNoChange: 'No change',
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

/** A target group's name; a group the city added without a translation shows its key. */
export function groupLabel(lang: Lang, group: string): string {
  const key = `group_${group}` as MessageKey;
  return key in MESSAGES.fi ? t(lang, key) : group;
}

export function modeLabel(lang: Lang, mode: string): string {
  const key = `mode_${mode}` as MessageKey;
  return key in MESSAGES.fi ? t(lang, key) : mode;
}

/** Language of a path: /sv/… Swedish, /en/… English, anything else Finnish. */
export function langOfPath(path: string): Lang {
  if (path === '/sv' || path.startsWith('/sv/')) return 'sv';
  if (path === '/en' || path.startsWith('/en/')) return 'en';
  return 'fi';
}
