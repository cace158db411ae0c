/**
 * The residents' site in-process: find help near a postal code or district, the schedule with
 * its filters and cancelled visits, place pages, topics, timetables, the accessibility
 * statement and feedback, calendar feeds (parsed with ical.js), the sitemap, and the headers
 * every public response carries.
 */

import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { addDays, isoWeekOf, startOfIsoWeek } from '../../src/core/time/civil-time.ts';
import type { StoredVisit } from '../../src/db/repositories/plan-repository.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { queryRows } from '../../src/db/store.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { createFeedbackService } from '../../src/services/feedback-service.ts';
import { createImportService } from '../../src/services/import-service.ts';
import { PUBLIC_HORIZON_DAYS } from '../../src/services/public-service.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { publishEspooSchedule } from '../helpers/schedule.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let published: StoredVisit[];
let cancelled: StoredVisit;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await createTestStore();
  expect((await createImportService(store).importCity(readEspoo)).ok).toBe(true);
  ({ published, cancelled } = await publishEspooSchedule(store));
  app = createApp({ store, now: () => TUESDAY_2026_12_01 });
});
afterAll(async () => {
  await store?.destroy();
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await app.request(path, { headers: { accept: 'text/html', ...headers } });
  return { res, body: await res.text() };
};

const PAGE_TYPES = [
  '/',
  '/near?q=02320',
  '/schedule',
  '/places/LIB_SELLO',
  '/places/SP_MATINKYLA',
  '/services',
  '/print/districts/suur-espoonlahti',
  '/print/places/LIB_SELLO',
  '/accessibility',
  '/feedback',
];
const localised = (path: string) => [
  path,
  `/sv${path === '/' ? '' : path}`,
  `/en${path === '/' ? '' : path}`,
];

describe('every public page type', () => {
  it.each(PAGE_TYPES.flatMap(localised))('%s: language, alternates, headers, size', async (path) => {
    const { res, body } = await get(path);
    expect(res.status).toBe(200);
    const lang = path.startsWith('/sv') ? 'sv' : path.startsWith('/en') ? 'en' : 'fi';
    expect(body).toContain(`<html lang="${lang}">`);
    for (const l of ['fi', 'sv', 'en']) expect(body).toContain(`hreflang="${l}"`);
    // Security headers on every page; public pages allow no inline script or style.
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    // No client framework: at most the search form's location button, or the schedule's map.
    const scripts = [...body.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.every((s) => s === '/assets/locate.js' || s === '/assets/client/public-map.js')).toBe(
      true,
    );
    expect(body).not.toMatch(/<script(?![^>]*src=)/);
    // HTML + CSS under 100 KB.
    const css = await (await app.request('/assets/site.css')).text();
    expect(new TextEncoder().encode(body + css).length).toBeLessThan(100_000);
  });

  it('serves the schedule’s map data: districts and the week’s places with links', async () => {
    const res = await app.request('/map/schedule.geojson?week=2026-W50&district=suur-espoonlahti');
    expect(res.status).toBe(200);
    const data = (await res.json()) as {
      features: { properties: { kind: string; visits?: number; paths?: Record<string, string> } }[];
    };
    const kinds = data.features.map((f) => f.properties.kind);
    expect(kinds.filter((k) => k === 'district').length).toBeGreaterThanOrEqual(7);
    const venues = data.features.filter((f) => f.properties.kind === 'venue');
    expect(venues.length).toBeGreaterThan(0);
    const week = published.filter((v) => v.date >= '2026-12-07' && v.date <= '2026-12-13');
    const inDistrict = venues.reduce((n, f) => n + (f.properties.visits ?? 0), 0);
    expect(inDistrict).toBeLessThan(week.length);
    expect(venues[0]?.properties.paths?.sv).toMatch(/^\/sv\/places\//);
  });

  it('serves the near page’s map data, and 404 for a place it cannot find', async () => {
    const res = await app.request('/map/near.geojson?q=02320&slow=1');
    expect(res.status).toBe(200);
    const data = (await res.json()) as { features: { properties: { kind: string; minutes?: number } }[] };
    const kinds = data.features.map((f) => f.properties.kind);
    expect(kinds.filter((k) => k === 'origin')).toHaveLength(1);
    expect(kinds).toContain('venue');
    expect(kinds.filter((k) => k === 'point').length).toBe(4);
    expect((await app.request('/map/near.geojson?q=99999')).status).toBe(404);
  });

  it('sends caching headers and answers a revalidation with 304', async () => {
    const first = await get('/en/schedule');
    expect(first.res.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = first.res.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await app.request('/en/schedule', { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
  });
});

describe('find help near you', () => {
  it('answers 02320 with the next visits nearby and the service points by travel time', async () => {
    const { body } = await get('/en/near?q=02320');
    expect(body).toContain('<h1>Help near 02320 Espoonlahti</h1>');
    const minutes = [...body.matchAll(/about (\d+) min by public transport/g)].map((m) => Number(m[1]));
    expect(minutes.length).toBeGreaterThan(4);
    // Service points come in order of travel time.
    const pointsSection = body.slice(body.indexOf('id="points-heading"'));
    const pointMinutes = [...pointsSection.matchAll(/about (\d+) min/g)].map((m) => Number(m[1]));
    expect(pointMinutes).toEqual([...pointMinutes].sort((a, b) => a - b));
    // Every listed visit is a published one from now on, with an "add to calendar" link.
    const visitIds = [...body.matchAll(/\/en\/calendar\/visits\/([0-9a-f-]{36})\.ics/g)].map((m) => m[1]);
    expect(visitIds.length).toBeGreaterThan(0);
    const byId = new Map<string, StoredVisit>(published.map((v) => [v.id, v]));
    for (const id of visitIds) expect(byId.get(id ?? '')?.date ?? '').toMatch(/^2026-12/);
  });

  it('finds a district by name in any language, and counts slow walking when asked', async () => {
    const fast = await get('/sv/near?q=Stor-Esboviken');
    expect(fast.res.status).toBe(200);
    expect(fast.body).toContain('<h1>Hjälp nära: Stor-Esboviken</h1>');
    const slow = await get('/en/near?q=suur-espoonlahti&slow=1');
    expect(slow.body).toContain('walking slowly');
    expect(slow.body).toMatch(/name="slow" value="1" checked/);
  });

  it('uses the browser’s position when it is in the city', async () => {
    const area = await createRepositories(store.db).areas.get('02320' as never);
    const { lat, lon } = area?.centroid ?? { lat: 0, lon: 0 };
    const { body } = await get(`/en/near?lat=${lat}&lon=${lon}`);
    expect(body).toContain('<h1>Help near 02320 Espoonlahti</h1>');
  });

  it.each([
    ['/near?q=99999', 'Emme löytäneet: 99999', 'href="/near?q=02970"'],
    ['/en/near?q=Tampere', 'We could not find: Tampere', 'href="/en/near?q=Suur-Espoonlahti"'],
    ['/sv/near?lat=61.5&lon=23.8', 'Vi hittade inte', 'name="q"'],
  ])('answers an unknown place (%s) with a helpful page, not an error', async (path, title, hint) => {
    const { res, body } = await get(path);
    expect(res.status).toBe(200);
    expect(body).toContain(title);
    expect(body).toContain(hint);
  });

  it('escapes what was typed and goes back to the form when nothing was', async () => {
    const { body } = await get(`/en/near?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(body).not.toContain('<script>alert');
    expect(body).toContain('&lt;script&gt;');
    const empty = await app.request('/en/near?q=');
    expect(empty.status).toBe(302);
    expect(empty.headers.get('location')).toBe('/en');
  });
});

describe('schedule', () => {
  it('lists the week by day, with the cancelled visit kept as cancelled with its reason', async () => {
    const { body } = await get('/en/schedule?week=2026-W49');
    expect(body).toContain('Week 49: 30 Nov 2026–6 Dec 2026');
    const week = published.filter((v) => v.date >= '2026-11-30' && v.date <= '2026-12-06');
    expect(body.match(/class="visit-when"/g)?.length).toBe(week.length + 1);
    expect(body).toContain('class="cancelled"');
    expect(body).toContain(`Cancelled: ${cancelled.cancelNote?.en}`);
    expect(body).toContain('href="/en/schedule?week=2026-W50"');
  });

  it('filters by district, language and topic', async () => {
    const all = await get('/en/schedule?week=2026-W50');
    const district = await get('/en/schedule?week=2026-W50&district=suur-espoonlahti');
    const count = (s: string) => s.match(/class="visit-when"/g)?.length ?? 0;
    expect(count(district.body)).toBeGreaterThan(0);
    expect(count(district.body)).toBeLessThan(count(all.body));
    expect(district.body).toContain('/en/calendar/districts/suur-espoonlahti.ics');
    expect(district.body).toContain('/en/print/districts/suur-espoonlahti');
    const swedish = await get('/en/schedule?week=2026-W50&language=sv');
    expect(count(swedish.body)).toBeLessThan(count(all.body));
    expect(
      [...swedish.body.matchAll(/Advisors speak: ([^<]+)</g)].every((m) => m[1]?.includes('Swedish')),
    ).toBe(true);
    const topic = await get('/en/schedule?week=2026-W50&topic=device-help');
    expect(count(topic.body)).toBeGreaterThan(0);
  });

  it('ignores an unknown filter or week and says so', async () => {
    const { res, body } = await get('/sv/schedule?district=atlantis&week=2026-W99');
    expect(res.status).toBe(200);
    expect(body).toContain('Valet ”atlantis” kändes inte igen');
    expect(body).toContain('Valet ”2026-W99” kändes inte igen');
    expect(body).toContain('Vecka 49');
  });
});

describe('places, topics, timetables, statement', () => {
  it('shows a place’s visits, hours with holidays, how to get there and accessibility', async () => {
    const { body } = await get('/places/SP_MATINKYLA');
    expect(body).toMatch(/Suljettu: [Ii]tsenäisyyspäivä/);
    expect(body).toContain('https://reittiopas.hsl.fi/reitti/-/');
    expect(body).toContain('Esteettömyys');
    const venue = published[0] as StoredVisit;
    const place = await get(`/en/places/${venue.venueId}`);
    expect(place.body).toContain('Mobile service visits here');
    expect(place.body).toContain(`/en/calendar/places/${venue.venueId}.ics`);
  });

  it('names a bilingual town in Swedish on Swedish pages', async () => {
    expect((await get('/sv/places/SP_MATINKYLA')).body).toContain('Piispansilta 11, 02230 Esbo');
    expect((await get('/places/SP_MATINKYLA')).body).toContain('Piispansilta 11, 02230 Espoo');
  });

  it('answers an unknown place with a 404 page in the right language', async () => {
    const { res, body } = await get('/sv/places/NOWHERE');
    expect(res.status).toBe(404);
    expect(body).toContain('Platsen hittades inte');
  });

  it('tells what can be done where, with links to the online services', async () => {
    const { body } = await get('/en/services');
    expect(body).toContain('At a mobile service visit');
    expect(body).toMatch(/<a href="https:\/\/[^"]+" rel="external noopener">Go to the online service/);
  });

  it('prints a district’s timetable by regular weekday and time', async () => {
    const { body } = await get('/print/districts/suur-espoonlahti');
    expect(body).toContain('class="printable"');
    expect(body).toMatch(
      /(maanantaisin|tiistaisin|keskiviikkoisin|torstaisin|perjantaisin) klo \d+\.\d\d–\d+\.\d\d/,
    );
    expect(body).toMatch(/Päivät: \d+\.12\./);
    const unknown = await get('/en/print/districts/nowhere');
    expect(unknown.res.status).toBe(404);
  });

  it('has an accessibility statement with a feedback channel and the supervisory authority', async () => {
    const { body } = await get('/en/accessibility');
    expect(body).toContain('306/2019');
    expect(body).toContain('href="/en/feedback?page=accessibility"');
    expect(body).toContain('Traficom');
  });
});

describe('timetables in series: who is there when', () => {
  const DISTRICT = 'suur-espoonlahti';
  const TODAY = '2026-12-01';
  const LAST_DAY = addDays(TODAY, PUBLIC_HORIZON_DAYS - 1);

  interface TruthVisit {
    readonly id: string;
    readonly venueId: string;
    readonly date: string;
    readonly start: string;
    readonly end: string;
    readonly status: string;
    readonly languages: string[];
  }

  /** The district's visits from today with the languages of their own advisors, straight from the tables. */
  const truth = () =>
    queryRows<TruthVisit>(
      store.db,
      sql`select v.id, v.venue_id as "venueId", v.date::text as date,
            to_char(v.start, 'HH24:MI') as start, to_char(v."end", 'HH24:MI') as "end", v.status,
            coalesce((select array_agg(distinct l order by l) from visit_advisors va
                        join advisors a on a.id = va.advisor_id, unnest(a.languages) as l
                      where va.visit_id = v.id), '{}') as languages
          from visits v join sites s on s.id = v.venue_id
          where s.district_id = ${DISTRICT} and v.date between ${TODAY} and ${LAST_DAY}
            and v.status in ('published', 'cancelled')`,
    );

  const weekdayOf = (iso: string) => ((new Date(`${iso}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const seriesKey = (venueId: string, weekday: number, start: string, end: string) =>
    `${venueId} ${weekday} ${start}–${end}`;

  const WORDS = {
    fi: {
      weekdays: [
        'maanantaisin',
        'tiistaisin',
        'keskiviikkoisin',
        'torstaisin',
        'perjantaisin',
        'lauantaisin',
        'sunnuntaisin',
      ],
      line: /^(\S+) klo (\d+)\.(\d\d)–(\d+)\.(\d\d), (joka viikko|joka toinen viikko|joinakin viikkoina)(?: \(ei (.+)\))?$/,
      once: /^\S+ (\d+)\.(\d+)\.(\d{4}) klo (\d+)\.(\d\d)–(\d+)\.(\d\d)$/,
      dates: /^Päivät: (.+)$/,
      cancelled: /^Peruttu: (.+)$/,
      all: /^Neuvojat puhuvat(?: joka kerta)?: (.+)$/,
      some: /^Vain (.+?) neuvojat puhuvat(?: myös)?: (.+)$/,
      except: /^Joka kerta paitsi (.+?) neuvojat puhuvat(?: myös)?: (.+)$/,
    },
    sv: {
      weekdays: ['måndagar', 'tisdagar', 'onsdagar', 'torsdagar', 'fredagar', 'lördagar', 'söndagar'],
      line: /^(\S+) kl\. (\d+)\.(\d\d)–(\d+)\.(\d\d), (varje vecka|varannan vecka|vissa veckor)(?: \(inte (.+)\))?$/,
      once: /^\S+ (\d+)\.(\d+)\.(\d{4}) kl\. (\d+)\.(\d\d)–(\d+)\.(\d\d)$/,
      dates: /^Datum: (.+)$/,
      cancelled: /^Inställt: (.+)$/,
      all: /^Rådgivarna talar(?: varje gång)?: (.+)$/,
      some: /^Endast (.+?) talar rådgivarna(?: också)?: (.+)$/,
      except: /^Varje gång utom (.+?) talar rådgivarna(?: också)?: (.+)$/,
    },
  } as const;

  const hhmm = (h: string | undefined, m: string | undefined) => `${(h ?? '').padStart(2, '0')}:${m}`;
  /** "1.12., 8.12. ja 15.12." → ISO dates (the horizon runs from December 2026 into January 2027). */
  const isoDates = (text: string) =>
    [...text.matchAll(/(\d+)\.(\d+)\./g)].map(([, d, m]) => {
      const year = Number(m) === 12 ? 2026 : 2027;
      return `${year}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`;
    });
  const plainText = (s: string) =>
    s
      .replace(/<[^>]+>/g, '')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');

  interface ShownSeries {
    readonly key: string;
    readonly lines: string[];
    readonly rhythm: string | null;
    readonly skipped: string[];
    readonly dates: string[];
    readonly cancelled: string[];
    /** Date → language codes the page says are spoken that date. */
    readonly languages: Map<string, Set<string>>;
  }

  /** Every series of a printed timetable, read back from its words. */
  function readTimetable(body: string, lang: 'fi' | 'sv', codes: readonly string[]): ShownSeries[] {
    const w = WORDS[lang];
    const names = new Intl.DisplayNames([lang], { type: 'language' });
    const codeOf = new Map(codes.map((c) => [names.of(c), c]));
    const out: ShownSeries[] = [];
    for (const section of body.split('<section aria-labelledby="tt-').slice(1)) {
      const venueId = section.slice(0, section.indexOf('"'));
      for (const [, inner] of section.matchAll(/<div class="series">(.*?)<\/div>/gs)) {
        const lines = [...(inner ?? '').matchAll(/<p[^>]*>(.*?)<\/p>/gs)].map((m) => plainText(m[1] ?? ''));
        const [when = ''] = lines;
        const regular = w.line.exec(when);
        const once = w.once.exec(when);
        expect(regular ?? once, `${venueId}: ${when}`).not.toBeNull();
        let key: string;
        let onceDate: string | null = null;
        if (regular) {
          const weekday = w.weekdays.indexOf(regular[1] as never) + 1;
          expect(weekday, when).toBeGreaterThan(0);
          key = seriesKey(venueId, weekday, hhmm(regular[2], regular[3]), hhmm(regular[4], regular[5]));
        } else {
          const [, d, m, y, h1, m1, h2, m2] = once as RegExpExecArray;
          onceDate = `${y}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`;
          key = seriesKey(venueId, weekdayOf(onceDate), hhmm(h1, m1), hhmm(h2, m2));
        }
        const listed = (re: RegExp) => {
          const line = lines.find((l) => re.test(l));
          return line ? isoDates(re.exec(line)?.[1] ?? '') : [];
        };
        const cancelled = listed(w.cancelled);
        const dates = onceDate && cancelled.length === 0 ? [onceDate] : listed(w.dates);
        const languages = new Map<string, Set<string>>(dates.map((d) => [d, new Set()]));
        const add = (on: readonly string[], list: string) => {
          for (const name of list.split(', ')) {
            const code = codeOf.get(name);
            expect(code, `${key}: language "${name}"`).toBeDefined();
            for (const d of on) {
              expect(dates, `${key}: ${d} is one of its dates`).toContain(d);
              languages.get(d)?.add(code ?? '');
            }
          }
        };
        for (const line of lines) {
          const all = w.all.exec(line);
          if (all) add(dates, all[1] ?? '');
          const some = w.some.exec(line);
          if (some) add(isoDates(some[1] ?? ''), some[2] ?? '');
          const except = w.except.exec(line);
          if (except) {
            const not = isoDates(except[1] ?? '');
            for (const d of not) expect(dates, `${key}: ${d} is one of its dates`).toContain(d);
            add(
              dates.filter((d) => !not.includes(d)),
              except[2] ?? '',
            );
          }
        }
        out.push({
          key,
          lines,
          rhythm: regular?.[6] ?? null,
          skipped: regular?.[7] ? isoDates(regular[7]) : [],
          dates,
          cancelled,
          languages,
        });
      }
    }
    return out;
  }

  /**
   * The printed timetable against the tables: each series (place, weekday, hours) once, its held
   * and cancelled dates, and on every date exactly the languages of that date's own advisors.
   */
  async function expectTimetableTrue(lang: 'fi' | 'sv') {
    const visits = await truth();
    const codes = [...new Set(visits.flatMap((v) => v.languages))];
    const { res, body } = await get(`${lang === 'fi' ? '' : `/${lang}`}/print/districts/${DISTRICT}`);
    expect(res.status).toBe(200);
    const shown = readTimetable(body, lang, codes);
    const expected = new Map<string, TruthVisit[]>();
    for (const v of visits) {
      const key = seriesKey(v.venueId, weekdayOf(v.date), v.start, v.end);
      expected.set(key, [...(expected.get(key) ?? []), v]);
    }
    expect(shown.map((s) => s.key).sort()).toEqual([...expected.keys()].sort());
    for (const s of shown) {
      const mine = expected.get(s.key) ?? [];
      const held = [...new Set(mine.filter((v) => v.status === 'published').map((v) => v.date))].sort();
      expect(s.dates, s.key).toEqual(held);
      expect(s.cancelled, s.key).toEqual(
        [...new Set(mine.filter((v) => v.status === 'cancelled').map((v) => v.date))]
          .filter((d) => !held.includes(d))
          .sort(),
      );
      for (const date of held) {
        const spoken = new Set(
          mine.filter((v) => v.date === date && v.status === 'published').flatMap((v) => v.languages),
        );
        expect(s.languages.get(date), `${s.key} on ${date}`).toEqual(spoken);
      }
    }
    return shown;
  }

  it.each(['fi', 'sv'] as const)(
    'prints each series once, in words, with the languages of each date (%s)',
    async (lang) => {
      const shown = await expectTimetableTrue(lang);
      expect(shown.length).toBeGreaterThanOrEqual(2);
      // The demo plan repeats every series every week or every other week (the rules allow no one-offs).
      for (const s of shown) {
        if (s.dates.length > 1)
          expect(s.rhythm, s.key).toMatch(
            lang === 'fi' ? /^joka (toinen )?viikko$/ : /^(varje|varannan) vecka$/,
          );
        expect(s.skipped).toEqual([]);
      }
      // And says what help is on offer.
      expect(
        shown.every((s) =>
          s.lines.some((l) =>
            l.startsWith(lang === 'fi' ? 'Apua näihin asioihin: ' : 'Hjälp med dessa ärenden: '),
          ),
        ),
      ).toBe(true);
    },
  );

  it('tells a skipped week, and languages that differ by date, as they are (fi, sv, place page, feed)', async () => {
    const visits = await truth();
    // A weekly series of three held dates, staffed for this test by an advisor who speaks Finnish
    // and another language but no Swedish (the plan's own advisors are the planner's choice).
    const bySeries = new Map<string, TruthVisit[]>();
    for (const v of visits.filter((x) => x.status === 'published'))
      bySeries.set(seriesKey(v.venueId, weekdayOf(v.date), v.start, v.end), [
        ...(bySeries.get(seriesKey(v.venueId, weekdayOf(v.date), v.start, v.end)) ?? []),
        v,
      ]);
    // The district's longest series, made three weekly dates long where the plan (whose shape
    // depends on how long the heuristic ran) has fewer.
    const longest = [...bySeries.values()]
      .map((list) => [...list].sort((a, b) => a.date.localeCompare(b.date)))
      .sort((a, b) => b.length - a.length)[0];
    expect(longest).toBeDefined();
    const base = (longest ?? [])[0] as TruthVisit;
    const inserted: string[] = [];
    const series: TruthVisit[] = [];
    for (const date of [base.date, addDays(base.date, 7), addDays(base.date, 14)]) {
      const held = longest?.find((v) => v.date === date);
      if (held) {
        series.push(held);
        continue;
      }
      const [copy] = await queryRows<{ id: string }>(
        store.db,
        sql`insert into visits (plan_id, venue_id, date, start, "end", status)
            select plan_id, venue_id, ${date}::date, start, "end", status from visits where id = ${base.id}
            returning id`,
      );
      inserted.push(copy?.id ?? '');
      series.push({ ...base, id: copy?.id ?? '', date });
    }
    const [finn] = await queryRows<{ id: string; languages: string[] }>(
      store.db,
      sql`select id, languages from advisors where languages @> array['fi'] and not languages && array['sv']
            and cardinality(languages) > 1 order by id limit 1`,
    );
    expect(finn).toBeDefined();
    const staffed = await queryRows<{ visitId: string; advisorId: string }>(
      store.db,
      sql`select visit_id as "visitId", advisor_id as "advisorId" from visit_advisors
          where visit_id in (${sql.join(
            (series ?? []).map((v) => sql`${v.id}::uuid`),
            sql`, `,
          )})`,
    );
    for (const v of series ?? []) {
      await queryRows(store.db, sql`delete from visit_advisors where visit_id = ${v.id}`);
      await queryRows(
        store.db,
        sql`insert into visit_advisors (visit_id, advisor_id) values (${v.id}, ${finn?.id ?? ''})`,
      );
    }
    const languages = [...(finn?.languages ?? [])].sort();
    const [first, middle, last] = (series ?? []).map((v) => ({ ...v, languages })) as [
      TruthVisit,
      TruthVisit,
      TruthVisit,
    ];
    // The middle week moves to that week's Sunday (a one-off), and a week is added after the last one with
    // a Swedish-speaking advisor only: "every week (not <middle>)", Swedish on the new date only.
    const [swede] = await queryRows<{ id: string }>(
      store.db,
      sql`select id from advisors where languages @> array['fi', 'sv'] and not languages && array['ar', 'so', 'ru', 'et', 'en'] order by id limit 1`,
    );
    expect(swede).toBeDefined();
    const [added] = await queryRows<{ id: string }>(
      store.db,
      sql`insert into visits (plan_id, venue_id, date, start, "end", status)
          select plan_id, venue_id, date + 7, start, "end", status from visits where id = ${last.id}
          returning id`,
    );
    const addedId = added?.id ?? '';
    try {
      await queryRows(
        store.db,
        sql`insert into visit_advisors (visit_id, advisor_id) values (${addedId}, ${swede?.id ?? ''})`,
      );
      // To the Sunday of its week, whatever weekday the series has.
      const toSunday = 7 - weekdayOf(middle.date);
      await queryRows(
        store.db,
        sql`update visits set date = date + ${toSunday}::int where id = ${middle.id}`,
      );
      const short = (iso: string) => `${Number(iso.slice(8))}.${Number(iso.slice(5, 7))}.`;
      const next = addDays(last.date, 7);
      const others = (lang: 'fi' | 'sv') => {
        const names = new Intl.DisplayNames([lang], { type: 'language' });
        return first.languages.filter((c) => c !== 'fi').map((c) => names.of(c));
      };

      const fi = await expectTimetableTrue('fi');
      const sv = await expectTimetableTrue('sv');
      const key = seriesKey(first.venueId, weekdayOf(first.date), first.start, first.end);
      const fiSeries = fi.find((s) => s.key === key);
      const svSeries = sv.find((s) => s.key === key);
      expect(fiSeries?.rhythm).toBe('joka viikko');
      expect(fiSeries?.skipped).toEqual([middle.date]);
      expect(fiSeries?.lines[0]).toMatch(
        new RegExp(`, joka viikko \\(ei ${short(middle.date).replace(/\./g, '\\.')}\\)$`),
      );
      expect(fiSeries?.lines).toContain('Neuvojat puhuvat joka kerta: suomi');
      // Two dates of three: told by the date without them.
      expect(fiSeries?.lines).toContain(
        `Joka kerta paitsi ${short(next)} neuvojat puhuvat myös: ${others('fi').join(', ')}`,
      );
      expect(fiSeries?.lines).toContain(`Vain ${short(next)} neuvojat puhuvat myös: ruotsi`);
      expect(svSeries?.lines[0]).toMatch(/, varje vecka \(inte \d+\.12\.\)$/);
      expect(svSeries?.lines).toContain('Rådgivarna talar varje gång: finska');
      expect(svSeries?.lines).toContain(`Endast ${short(next)} talar rådgivarna också: svenska`);
      expect(svSeries?.lines).toContain(
        `Varje gång utom ${short(next)} talar rådgivarna också: ${others('sv').join(', ')}`,
      );
      // The moved visit is a one-off on a Sunday, with its own advisors' languages.
      const sunday = fi.find((s) => s.key === seriesKey(first.venueId, 7, first.start, first.end));
      expect(sunday?.lines[0]).toMatch(/^su \d+\.12\.2026 klo /);

      // The place page tells the same series, then each visit with its own languages.
      const place = await get(`/places/${first.venueId}`);
      expect(place.body).toContain(`Vain ${short(next)} neuvojat puhuvat myös: ruotsi`);
      // The feed describes the added visit by its own advisor's languages only.
      const feed = await (await app.request(`/calendar/visits/${addedId}.ics`)).text();
      const event = new ICAL.Event(
        new ICAL.Component(ICAL.parse(feed)).getFirstSubcomponent('vevent') ?? undefined,
      );
      expect(event.description).toContain('Neuvojat puhuvat: suomi, ruotsi.');
    } finally {
      await queryRows(store.db, sql`update visits set date = ${middle.date} where id = ${middle.id}`);
      await queryRows(store.db, sql`delete from visits where id = ${addedId}`);
      for (const v of series ?? [])
        await queryRows(store.db, sql`delete from visit_advisors where visit_id = ${v.id}`);
      for (const id of inserted) await queryRows(store.db, sql`delete from visits where id = ${id}`);
      for (const { visitId, advisorId } of staffed)
        await queryRows(
          store.db,
          sql`insert into visit_advisors (visit_id, advisor_id) values (${visitId}, ${advisorId})`,
        );
    }
  });
});

describe('feedback', () => {
  const post = (path: string, form: Record<string, string>, origin = 'http://localhost') =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: new URLSearchParams(form).toString(),
    });

  it('saves feedback and says thank you', async () => {
    const res = await post('/en/feedback', {
      message: 'The map is great',
      page: '/en/schedule',
      replyTo: '',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/en/feedback?sent=1');
    const saved = await createRepositories(store.db).feedback.list();
    expect(saved.map((f) => f.message)).toContain('The map is great');
    const thanks = await get('/en/feedback?sent=1');
    expect(thanks.body).toContain('Thank you for your feedback');
  });

  it('refuses an empty message or a bad address with the form and the errors, keeping what was typed', async () => {
    const res = await post('/sv/feedback', { message: '  ', page: '', replyTo: 'not-an-address' });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain('Skriv din respons innan du skickar.');
    expect(body).toContain('E-postadressen ser inte rätt ut.');
    expect(body).toContain('value="not-an-address"');
    expect(body).toContain('aria-invalid="true"');
  });

  it('refuses a post from another site', async () => {
    const res = await post('/feedback', { message: 'x', page: '', replyTo: '' }, 'https://evil.example');
    expect(res.status).toBe(403);
  });

  it('shows staff the feedback, to planners only', async () => {
    const auth = createAuthService({
      store,
      repos: createRepositories(store.db),
      now: () => TUESDAY_2026_12_01,
    });
    await auth.addUser({
      email: 'pia@example.org',
      displayName: 'Pia',
      roles: ['planner'],
      password: 'correct horse battery',
    });
    const login = await auth.login('pia@example.org', 'correct horse battery');
    if (!login.ok) throw new Error('login failed');
    const anonymous = await app.request('/en/planner/feedback', { headers: { accept: 'text/html' } });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toContain('/en/login');
    const res = await app.request('/en/planner/feedback', {
      headers: { accept: 'text/html', cookie: `neuvo_session=${login.token}` },
    });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('Residents’ feedback');
    expect(body).toContain('The map is great');
    expect(res.headers.get('cache-control')).toContain('no-store');
  });

  it('gives the session cookie a lifetime the browser counts on its own clock, not a date from the server’s', async () => {
    await createAuthService({
      store,
      repos: createRepositories(store.db),
      now: () => TUESDAY_2026_12_01,
    }).addUser({
      email: 'cookie@example.org',
      displayName: 'Cookie',
      roles: ['planner'],
      password: 'correct horse battery',
    });
    const res = await app.request('/en/login', {
      method: 'POST',
      body: new URLSearchParams({
        email: 'cookie@example.org',
        password: 'correct horse battery',
        next: '/en/planner',
      }),
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('Max-Age=28800');
    expect(cookie).not.toMatch(/expires=/i);
    expect(cookie).toMatch(/HttpOnly/i);
  });

  it('clears reply addresses after the retention period, by the retention job', async () => {
    await queryRows(
      store.db,
      sql`insert into feedback (lang, message, reply_to, created_at) values ('fi', 'vanha', 'a@b.fi', now() - interval '400 days')`,
    );
    expect((await post('/feedback', { message: 'uusi', page: '', replyTo: 'c@d.fi' })).status).toBe(303);
    expect(await createFeedbackService({ store }).enforceRetention()).toEqual({
      replyAddresses: 1,
      messages: 0,
    });
    const rows = await createRepositories(store.db).feedback.list();
    expect(rows.find((r) => r.message === 'vanha')?.replyTo).toBeNull();
    expect(rows.find((r) => r.message === 'uusi')?.replyTo).toBe('c@d.fi');
  });
});

describe('calendar feeds', () => {
  const parse = (text: string) => new ICAL.Component(ICAL.parse(text));

  it('lists every visit with a stable UID, Helsinki times with VTIMEZONE, and the cancelled one as cancelled', async () => {
    const res = await app.request('/en/calendar/all.ics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const text = await res.text();
    const cal = parse(text);
    const tz = cal.getFirstSubcomponent('vtimezone');
    expect(tz?.getFirstPropertyValue('tzid')).toBe('Europe/Helsinki');
    const events = cal.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    // From a week back to the horizon: every published visit of the plan and the cancelled one.
    const expected = [...published.filter((v) => v.date >= '2026-11-24'), cancelled];
    expect(events.map((e) => e.uid).sort()).toEqual(expected.map((v) => `${v.id}@neuvo`).sort());
    const byUid = new Map(events.map((e) => [e.uid, e]));
    const sample = published[0] as StoredVisit;
    const event = byUid.get(`${sample.id}@neuvo`);
    expect(event?.startDate.toString()).toBe(`${sample.date}T${sample.start}:00`);
    expect(event?.startDate.zone?.tzid).toBe('Europe/Helsinki');
    // 1 December 2026 is winter time (UTC+2).
    expect(event?.startDate.toJSDate().toISOString()).toBe(
      new Date(`${sample.date}T${sample.start}:00+02:00`).toISOString(),
    );
    const gone = byUid.get(`${cancelled.id}@neuvo`);
    expect(gone?.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(gone?.summary).toMatch(/^CANCELLED/);
    expect(text).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r?$/m);
    // The same UIDs on the next fetch.
    const again = parse(await (await app.request('/en/calendar/all.ics')).text());
    expect(
      again
        .getAllSubcomponents('vevent')
        .map((e) => new ICAL.Event(e).uid)
        .sort(),
    ).toEqual(events.map((e) => e.uid).sort());
  });

  it('has a feed per district, per place and per visit, in the page’s language', async () => {
    const district = parse(await (await app.request('/sv/calendar/districts/suur-espoonlahti.ics')).text());
    const places = new Set(
      district.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e).location.split(',')[0]),
    );
    expect(places.size).toBeGreaterThan(0);
    expect(district.getFirstPropertyValue('x-wr-calname')).toContain('Stor-Esboviken');
    const venue = (published[0] as StoredVisit).venueId;
    const place = parse(await (await app.request(`/calendar/places/${venue}.ics`)).text());
    const placeEvents = place.getAllSubcomponents('vevent');
    expect(placeEvents.length).toBe(
      [...published, cancelled].filter((v) => v.venueId === venue && v.date >= '2026-11-24').length,
    );
    const one = await app.request(`/calendar/visits/${(published[0] as StoredVisit).id}.ics`);
    expect(one.headers.get('content-disposition')).toContain('attachment');
    const single = parse(await one.text()).getAllSubcomponents('vevent');
    expect(single).toHaveLength(1);
    expect(new ICAL.Event(single[0]).summary).toMatch(/^Liikkuva palvelu: /);
    expect((await app.request('/calendar/visits/not-a-visit.ics')).status).toBe(404);
    expect((await app.request('/calendar/districts/atlantis.ics')).status).toBe(404);
  });
});

describe('sitemap', () => {
  it('lists every public page in every language, and every listed page answers 200', async () => {
    const res = await app.request('http://localhost/sitemap.xml');
    expect(res.headers.get('content-type')).toContain('application/xml');
    const xml = await res.text();
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '').pathname);
    for (const path of PAGE_TYPES.filter((p) => !p.includes('?')).flatMap(localised))
      expect(locs, path).toContain(path);
    // Every venue with visits has its page; each page lists its alternates.
    for (const venue of new Set(published.map((v) => v.venueId)))
      expect(locs).toContain(`/sv/places/${venue}`);
    expect(xml).toContain('hreflang="sv"');
    for (const path of locs) expect((await app.request(path)).status, path).toBe(200);
  });
});

describe('finding the place and the way to reach the service', () => {
  /** The place of the first visit listed on a near page, and of the first service point. */
  const firstVisitPlace = (body: string) =>
    /id="visits-heading"[\s\S]*?class="visit-list"[\s\S]*?\/places\/([A-Z0-9_]+)"/.exec(body)?.[1];
  const firstPoint = (body: string) => /id="points-heading"[\s\S]*?\/places\/([A-Z0-9_]+)"/.exec(body)?.[1];
  /** Venues with published visits from the app's now on (Tuesday 1 December 2026, 10:00). */
  const withVisitsAhead = () =>
    new Set(
      published
        .filter((v) => v.date > '2026-12-01' || (v.date === '2026-12-01' && v.end > '10:00'))
        .map((v) => v.venueId as string),
    );

  it.each([
    [
      'Stensvik',
      'sv',
      /<h1>Hjälp nära: Stensviks (bibliotek|hälsostation)<\/h1>/,
      ['LIB_KIVENLAHTI', 'HS_KIVENLAHTI'],
    ],
    [
      'Stensvik',
      'fi',
      /<h1>Apua lähellä: Kivenlahden (kirjasto|terveysasema)<\/h1>/,
      ['LIB_KIVENLAHTI', 'HS_KIVENLAHTI'],
    ],
    [
      'Kivenlahti',
      'fi',
      /<h1>Apua lähellä: Kivenlahden (kirjasto|terveysasema)<\/h1>/,
      ['LIB_KIVENLAHTI', 'HS_KIVENLAHTI'],
    ],
    ['Sello', 'fi', /<h1>Apua lähellä: Sellon kirjasto<\/h1>/, ['LIB_SELLO', 'MALL_SELLO']],
    ['sello', 'sv', /<h1>Hjälp nära: Sellobiblioteket<\/h1>/, ['LIB_SELLO', 'MALL_SELLO']],
    [
      'Iso Omena',
      'fi',
      /<h1>Apua lähellä: Ison Omenan terveysasema<\/h1>/,
      ['HS_ISOOMENA', 'SC_ISOOMENA', 'LIB_OMENA', 'MALL_ISOOMENA'],
    ],
    [
      'iso omena',
      'sv',
      /<h1>Hjälp nära: Iso Omena hälsostation<\/h1>/,
      ['HS_ISOOMENA', 'SC_ISOOMENA', 'LIB_OMENA', 'MALL_ISOOMENA'],
    ],
    [
      'Leppävaarankatu 9',
      'fi',
      /<h1>Apua lähellä: Leppävaarankatu 9<\/h1>/,
      ['LIB_SELLO', 'MALL_SELLO', 'SP_LEPPAVAARA'],
    ],
    [
      'leppavaarankatu 9',
      'sv',
      /<h1>Hjälp nära: Leppävaarankatu 9<\/h1>/,
      ['LIB_SELLO', 'MALL_SELLO', 'SP_LEPPAVAARA'],
    ],
  ] as const)(
    'finds the place "%s" (%s) by name or address, its own visits first',
    async (q, lang, title, named) => {
      const { res, body } = await get(`${lang === 'fi' ? '' : `/${lang}`}/near?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(body).toMatch(title);
      // The place asked for is linked, and so are the others the query names.
      for (const id of named) expect(body, id).toContain(`/places/${id}"`);
      const ahead = withVisitsAhead();
      if (named.some((id) => ahead.has(id))) expect(named).toContain(firstVisitPlace(body));
      // Travel times start at the place.
      expect(body).toContain(
        lang === 'sv' ? 'Restiderna är räknade från ' : 'Matka-ajat on laskettu paikasta ',
      );
    },
  );

  it.each([
    ['/near?q=Sello', 'SP_LEPPAVAARA'],
    ['/sv/near?q=Lepp%C3%A4vaarankatu%209', 'SP_LEPPAVAARA'],
    ['/sv/near?q=Iso%20Omena', 'SP_MATINKYLA'],
    ['/near?q=2970', 'SP_KALAJARVI'],
    ['/sv/near?q=2970', 'SP_KALAJARVI'],
  ])('lists the service point at or next to the place first (%s)', async (path, point) => {
    const { body } = await get(path);
    expect(firstPoint(body)).toBe(point);
  });

  it('reads a postal code without its leading zero', async () => {
    expect((await get('/near?q=2970')).body).toContain('<h1>Apua lähellä: 02970 Kalajärvi</h1>');
    expect((await get('/sv/near?q=2970')).body).toContain('<h1>Hjälp nära: 02970 Kalajärvi</h1>');
    // Its visits are the area's: the first one listed is in 02970 when the area has any.
    const sites = await createRepositories(store.db).sites.list();
    const inArea = sites.filter((s) => s.areaId === '02970').map((s) => s.id as string);
    const { body } = await get('/near?q=2970');
    if (inArea.some((id) => withVisitsAhead().has(id))) expect(inArea).toContain(firstVisitPlace(body));
  });

  it('answers a position outside the city with the nearest places, and says it is outside', async () => {
    // Helsinki centre.
    for (const [path, title, outside] of [
      ['/en/near?lat=60.1699&lon=24.9384', 'Help near your location', 'Your location is outside the city.'],
      ['/near?lat=60.1699&lon=24.9384', 'Apua lähellä: sijaintisi', 'Sijaintisi on kaupungin ulkopuolella.'],
      ['/sv/near?lat=60.1699&lon=24.9384', 'Hjälp nära: din position', 'Din position ligger utanför staden.'],
    ]) {
      const { res, body } = await get(path as string);
      expect(res.status).toBe(200);
      expect(body).toContain(`<h1>${title}</h1>`);
      expect(body).toContain(outside);
      expect(firstVisitPlace(body)).toBeDefined();
      expect(firstPoint(body)).toBeDefined();
      // The language switch keeps the position.
      expect(body).toContain('hreflang="sv" href="/sv/near?lat=60.1699&amp;lon=24.9384"');
    }
  });

  it('lists the districts under "choose a district" whenever a place is not found', async () => {
    for (const [path, heading, link] of [
      ['/sv/near?lat=61.5&lon=23.8', 'Välj ett område', 'href="/sv/near?q=Stor-Esboviken"'],
      ['/near?q=99999', 'Valitse alue', 'href="/near?q=Suur-Espoonlahti"'],
      ['/en/near?q=Tampere', 'Choose a district', 'href="/en/near?q=Suur-Espoonlahti"'],
    ]) {
      const { body } = await get(path as string);
      expect(body, path).toContain(heading);
      expect(body, path).toContain(link);
    }
  });

  it('says a week after the published schedule is not published yet, with a link to the last published week', async () => {
    const last =
      published
        .map((v) => v.date)
        .sort()
        .at(-1) ?? '';
    const lastWeek = isoWeekOf(startOfIsoWeek(last));
    const after = isoWeekOf(addDays(startOfIsoWeek(last), 7));
    const weekNo = String(Number(after.slice(6)));
    const en = await get(`/en/schedule?week=${after}`);
    expect(en.body).toContain(`The schedule for week ${weekNo} has not been published yet.`);
    expect(en.body).toContain(`href="/en/schedule?week=${lastWeek}"`);
    expect(en.body).not.toContain('No visits this week');
    const fi = await get(`/schedule?week=${after}`);
    expect(fi.body).toContain(`Viikon ${weekNo} aikataulua ei ole vielä julkaistu.`);
    expect(fi.body).toContain(`href="/schedule?week=${lastWeek}"`);
    const sv = await get(`/sv/schedule?week=${after}`);
    expect(sv.body).toContain(`Schemat för vecka ${weekNo} har inte publicerats ännu.`);
    // A week of the published schedule is not "not published".
    expect((await get(`/en/schedule?week=${lastWeek}`)).body).not.toContain('has not been published');
  });

  it('points a choice that finds nothing to the nearest week with visits for it', async () => {
    const sites = await createRepositories(store.db).sites.list();
    const inDistrict = new Set(
      sites.filter((s) => s.districtId === 'suur-espoonlahti').map((s) => s.id as string),
    );
    const first = published
      .filter((v) => inDistrict.has(v.venueId))
      .map((v) => v.date)
      .sort()[0];
    expect(first).toBeDefined();
    const week = isoWeekOf(startOfIsoWeek(first ?? ''));
    // The week before the schedule: nothing, so the nearest week with visits in the district.
    const { body } = await get('/en/schedule?week=2026-W48&district=suur-espoonlahti');
    expect(body).toContain('No visits this week with these choices.');
    expect(body).toContain(`Nearest week with visits for these choices: week ${Number(week.slice(6))}`);
    expect(body).toContain(`href="/en/schedule?week=${week}&amp;district=suur-espoonlahti"`);
  });

  it('shows the city’s customer-service contact at the foot of every public page, in each language', async () => {
    const contact = JSON.parse((await readEspoo('demo/contact.json')).toString('utf8')) as {
      name: Record<string, string>;
      phone: { display: string; international: string };
      email: string;
      visitingAddress: { street: string };
    };
    const tel = `href="tel:${contact.phone.international.replace(/\s/g, '')}"`;
    const venue = (published[0] as StoredVisit).venueId;
    for (const path of ['/', '/places/LIB_SELLO', '/schedule', `/print/places/${venue}`].flatMap(localised)) {
      const { body } = await get(path);
      const lang = path.startsWith('/sv') ? 'sv' : path.startsWith('/en') ? 'en' : 'fi';
      const footer = body.slice(body.indexOf('<footer'));
      expect(footer, path).toContain(`<p class="site-contact-name">${contact.name[lang]}</p>`);
      expect(footer, path).toContain(`${tel}>${contact.phone.display}</a>`);
      expect(footer, path).toContain(`href="mailto:${contact.email}"`);
      expect(footer, path).toContain(contact.visitingAddress.street);
    }
    // Where none is provided (a page outside the public routes), the footer keeps its links only.
    const missing = await get('/sv/no-such-page');
    expect(missing.res.status).toBe(404);
    expect(missing.body).toContain('<footer class="site-footer"><ul>');
  });
});
