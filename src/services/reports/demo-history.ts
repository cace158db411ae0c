/**
 * A SYNTHETIC contact history for the demo, so the planners' reports show something on the first
 * start: the weeks before this one, made from the published plan and the need model, never
 * from real residents. The published plan's weekly pattern (venue, weekday, times, advisors) is
 * repeated on every working day (no visits on public holidays and the city's closure days, fewer
 * in July), with a few visits cancelled or not delivered, and the mobile service starting part-way
 * in a few districts; each delivered visit gets a Poisson number of contacts around the plan's
 * expected contacts with the season and a falling trend, with codes drawn from the groups and
 * areas the visit reaches; the fixed service points open in the scenario in force get walk-ins by
 * their district's population and their opening hours; about 30 % of the bookable times were
 * booked (anonymous, as retention leaves them). Everything is written in one transaction and
 * labelled by the setting `reports.syntheticHistory`; the same data, `now` and seed give the same
 * rows.
 */
import type { Area } from '../../core/model/area.ts';
import {
  bookableSlots,
  DEFAULT_SLOT_RULE,
  referenceCodeOf,
  type SlotRule,
} from '../../core/model/booking.ts';
import { openSitesOn, type Scenario } from '../../core/model/scenario.ts';
import { type Site, scheduleOf } from '../../core/model/site.ts';
import type { CancelReason } from '../../core/model/visit.ts';
import {
  addDays,
  type IsoDate,
  isoDateAt,
  minutesToWallTime,
  parseWallTime,
  startOfIsoWeek,
  type WallTime,
  wallClockToEpochMs,
} from '../../core/time/civil-time.ts';
import { createHolidayCalendar, type HolidayCalendar } from '../../core/time/holidays.ts';
import { hoursOn, type TimeInterval } from '../../core/time/opening-hours.ts';
import type {
  HistoryBookingRow,
  HistoryContactRow,
  HistoryVisitAdvisorRow,
  HistoryVisitRow,
} from '../../db/repositories/history-repository.ts';
import { inTransaction, type Repositories } from '../../db/repositories.ts';
import type { Store } from '../../db/store.ts';
import { DEFAULT_BOOKING_RETENTION_DAYS } from '../booking/booking-service.ts';
import { InvalidInputError } from '../errors.ts';
import { loadPlanningDefaults } from '../planning/planning-defaults.ts';
import { CANCEL_NOTES } from '../planning/planning-service.ts';
import {
  type Audience,
  audienceOfArea,
  audienceOfReached,
  Draw,
  drawPerson,
  type Person,
  seasonOf,
  topicWeights,
  trendOf,
} from './demo-history-draw.ts';

export interface DemoHistorySummary {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly weeks: number;
  readonly visits: number;
  readonly contacts: number;
  readonly bookings: number;
  readonly seed: number;
}

/** The settings key that marks the contact history as synthetic (what, when, how many). */
export const SYNTHETIC_HISTORY_SETTING = 'reports.syntheticHistory';
/** `created_by` of the history's plan: its visits are the synthetic ones. */
export const SYNTHETIC_HISTORY_CREATOR = 'synthetic-history';
export const DEFAULT_HISTORY_WEEKS = 52;
export const DEFAULT_HISTORY_SEED = 20_211_220;

/** The setting's value. */
export interface SyntheticHistorySetting extends DemoHistorySummary {
  readonly planId: string;
  readonly generatedAt: string;
  /** Districts where the mobile service began part-way through the history, and when. */
  readonly serviceStarts: readonly { readonly districtId: string; readonly from: IsoDate }[];
}

/** Weeks of the published schedule read as the pattern (the demo publishes four). */
const TEMPLATE_WEEKS = 4;
const CANCELLED_SHARE = 0.02;
const UNDELIVERED_SHARE = 0.02;
/** Share of July's visits left out: the summer break. */
const JULY_DROPPED = 0.6;
const BOOKED_SHARE = 0.3;
const BOOKING_STATUSES = [
  ['attended', 85],
  ['no-show', 10],
  ['cancelled', 5],
] as const;
const CANCEL_REASONS: readonly (readonly [CancelReason, number])[] = [
  ['advisor-absent', 70],
  ['venue-closed', 20],
  ['other', 10],
];
/** Expected contacts of a visit whose explanation says none. */
const FALLBACK_EXPECTED = 5;
/** Walk-ins a day at the busiest district's service point; the quietest get at least the minimum. */
const POINT_MAX_PER_DAY = 60;
const POINT_MIN_PER_DAY = 25;
/** Open minutes of an ordinary day: a shorter day has fewer walk-ins. */
const POINT_DAY_MINUTES = 420;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** One weekly (or every n weeks) visit of the published plan, repeated over the history. */
interface Series {
  readonly venue: Site;
  readonly weekday: number;
  readonly start: WallTime;
  readonly end: WallTime;
  readonly advisorIds: readonly string[];
  readonly explanation: unknown;
  readonly expected: number;
  readonly audience: Audience;
  /** Every `every` weeks, in the weeks whose offset from the pattern's Monday is `phase` mod `every`. */
  readonly every: number;
  readonly phase: number;
}

interface World {
  readonly series: readonly Series[];
  readonly points: readonly { readonly site: Site; readonly base: number; readonly audience: Audience }[];
  readonly scenarios: readonly Scenario[];
  readonly calendar: HolidayCalendar;
  readonly venueRules: ReadonlyMap<string, SlotRule>;
  readonly mobileTopics: readonly (readonly [string, number])[];
  readonly pointTopics: readonly (readonly [string, number])[];
}

interface Rows {
  readonly visits: HistoryVisitRow[];
  readonly visitAdvisors: HistoryVisitAdvisorRow[];
  readonly contacts: HistoryContactRow[];
  readonly bookings: HistoryBookingRow[];
}

/**
 * Writes the synthetic history of the `weeks` whole ISO weeks before the week of `now` (Helsinki),
 * all of it or (on any error) none of it; null when the contact log holds anything already.
 */
export async function generateDemoHistory(
  store: Store,
  opts: { readonly now: number; readonly seed?: number; readonly weeks?: number },
): Promise<DemoHistorySummary | null> {
  const weeks = opts.weeks ?? DEFAULT_HISTORY_WEEKS;
  const seed = opts.seed ?? DEFAULT_HISTORY_SEED;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 520)
    throw new InvalidInputError(`expected 1 to 520 whole weeks of history, got ${weeks}`, 'weeks');
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new InvalidInputError(`expected a seed from 0 to ${0xffffffff}, got ${seed}`, 'seed');
  if (!Number.isFinite(opts.now)) throw new InvalidInputError('expected the current time', 'now');
  const monday = startOfIsoWeek(isoDateAt(opts.now));
  const from = addDays(monday, -7 * weeks);
  const to = addDays(monday, -1);
  return inTransaction(store, async (tx) => {
    if (await tx.history.hasContacts()) return null;
    const world = await loadWorld(tx, monday);
    const d = new Draw(seed);
    const planId = d.uuid();
    const serviceStarts = serviceStartsOf(world, d, from, weeks);
    const rows: Rows = { visits: [], visitAdvisors: [], contacts: [], bookings: [] };
    const codes = new Set<string>();
    for (let i = 0; i < weeks * 7; i++) {
      const date = addDays(from, i);
      const day: Day = {
        date,
        weekday: (i % 7) + 1,
        weekOffset: Math.floor(i / 7) - weeks,
        level: seasonOf(date) * trendOf(weeks * 7 - 1 - i),
        clock: dayClock(date),
      };
      addMobileDay(world, d, day, planId, serviceStarts, opts.now, rows, codes);
      addPointDay(world, d, day, rows);
    }
    await tx.history.insertPlan({
      id: planId,
      horizonFrom: from,
      horizonTo: to,
      solver: 'synthetic',
      createdBy: SYNTHETIC_HISTORY_CREATOR,
      createdAtMs: wallClockToEpochMs(addDays(from, -7), '09:00'),
    });
    await tx.history.insertVisits(rows.visits);
    await tx.history.insertVisitAdvisors(rows.visitAdvisors);
    await tx.history.insertBookings(rows.bookings);
    await tx.history.insertContacts(rows.contacts);
    const summary: DemoHistorySummary = {
      from,
      to,
      weeks,
      visits: rows.visits.length,
      contacts: rows.contacts.length,
      bookings: rows.bookings.length,
      seed,
    };
    const setting: SyntheticHistorySetting = {
      ...summary,
      planId,
      generatedAt: new Date(opts.now).toISOString(),
      serviceStarts: [...serviceStarts.entries()].map(([districtId, start]) => ({ districtId, from: start })),
    };
    await tx.access.setSetting(SYNTHETIC_HISTORY_SETTING, setting);
    return summary;
  });
}

/** The published pattern, the service points and what the draws need, in a fixed order. */
async function loadWorld(tx: Repositories, monday: IsoDate): Promise<World> {
  const made = createHolidayCalendar(await tx.closureRules.list());
  if (!made.ok) throw new Error(`stored closure rules are invalid: ${made.error}`);
  const calendar = made.value;
  const { targetGroups } = await loadPlanningDefaults(tx);
  const [published, sites, areaList, topics, scenarios, venueRules] = await Promise.all([
    tx.plans.listScheduled(monday, addDays(monday, 7 * TEMPLATE_WEEKS - 1)),
    tx.sites.list({}),
    tx.areas.list({ withGeometry: false }),
    tx.topics.list(),
    tx.scenarios.list(),
    tx.bookings.venueRules(),
  ]);
  const siteById = new Map(sites.map((s) => [s.id as string, s]));
  const areas = new Map(areaList.map((a) => [a.id as string, a]));
  const byKey = new Map<string, { weeks: Set<number>; first: (typeof published)[number] }>();
  for (const v of published) {
    const offset = daysBetween(monday, v.date);
    const key = `${v.venueId}|${(offset % 7) + 1}|${v.start}|${v.end}`;
    const entry = byKey.get(key) ?? { weeks: new Set<number>(), first: v };
    entry.weeks.add(Math.floor(offset / 7));
    byKey.set(key, entry);
  }
  const series: Series[] = [];
  for (const [, { weeks, first }] of [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const venue = siteById.get(first.venueId);
    if (!venue || first.advisorIds.length === 0) continue;
    const weekday = (daysBetween(monday, first.date) % 7) + 1;
    // Weeks in which the weekday was a working day: a holiday is no gap in the rhythm.
    let working = 0;
    for (let w = 0; w < TEMPLATE_WEEKS; w++)
      if (!calendar.isClosed(addDays(monday, 7 * w + weekday - 1))) working++;
    const every = Math.min(TEMPLATE_WEEKS, Math.max(1, Math.round(Math.max(working, 1) / weeks.size)));
    const explained = explanationOf(first.explanation);
    series.push({
      venue,
      weekday,
      start: first.start,
      end: first.end,
      advisorIds: [...first.advisorIds].sort(),
      explanation: first.explanation,
      expected: explained.expected,
      audience:
        explained.reached.length > 0
          ? audienceOfReached(explained.reached, areas, targetGroups)
          : audienceOfArea(areas.get(venue.areaId ?? '') ?? areas.get(venue.districtId ?? ''), targetGroups),
      every,
      phase: Math.min(...weeks) % every,
    });
  }
  const fixed = sites.filter((s) => s.role === 'fixed-point').sort((a, b) => a.id.localeCompare(b.id));
  const population = (s: Site) => districtOf(s, areas)?.population.total ?? 0;
  const most = Math.max(1, ...fixed.map(population));
  return {
    series,
    points: fixed.map((site) => ({
      site,
      base: Math.max(POINT_MIN_PER_DAY, (POINT_MAX_PER_DAY * population(site)) / most),
      audience: audienceOfArea(districtOf(site, areas), targetGroups),
    })),
    scenarios,
    calendar,
    venueRules,
    mobileTopics: topicWeights(topicsWhere(topics, (t) => t.atMobileVisit)),
    pointTopics: topicWeights(topicsWhere(topics, (t) => t.atFixedPoint)),
  };
}

function topicsWhere<T>(topics: readonly T[], keep: (t: T) => boolean): readonly T[] {
  const kept = topics.filter(keep);
  return kept.length > 0 ? kept : topics;
}

function districtOf(site: Site, areas: ReadonlyMap<string, Area>): Area | undefined {
  return areas.get(site.districtId ?? '') ?? areas.get(site.areaId ?? '');
}

/** Expected contacts and reached areas of a stored explanation (anything else: the fallback). */
function explanationOf(raw: unknown): {
  expected: number;
  reached: { areaId: string; groups: string[]; weightedNeed: number }[];
} {
  const e = (raw ?? {}) as { expectedContacts?: unknown; reached?: unknown };
  const expected =
    typeof e.expectedContacts === 'number' && e.expectedContacts > 0 ? e.expectedContacts : FALLBACK_EXPECTED;
  const reached = Array.isArray(e.reached)
    ? e.reached.flatMap((r: { areaId?: unknown; groups?: unknown; weightedNeed?: unknown }) =>
        typeof r?.areaId === 'string' && Array.isArray(r.groups) && typeof r.weightedNeed === 'number'
          ? [
              {
                areaId: r.areaId,
                groups: r.groups.filter((g) => typeof g === 'string'),
                weightedNeed: r.weightedNeed,
              },
            ]
          : [],
      )
    : [];
  return { expected, reached };
}

/** In 2–3 districts (never all) the mobile service begins at a week in the history's middle half. */
function serviceStartsOf(world: World, d: Draw, from: IsoDate, weeks: number): Map<string, IsoDate> {
  const districts: string[] = [
    ...new Set(world.series.flatMap((s) => (s.venue.districtId ? [s.venue.districtId as string] : []))),
  ].sort();
  const lo = Math.ceil(weeks / 4);
  const hi = Math.floor((3 * weeks) / 4);
  const starts = new Map<string, IsoDate>();
  if (districts.length < 2 || lo > hi) return starts;
  const count = Math.min(districts.length - 1, 2 + d.int(2));
  for (let i = districts.length - 1; i > 0; i--) {
    const j = d.int(i + 1);
    [districts[i], districts[j]] = [districts[j] as string, districts[i] as string];
  }
  for (const district of districts.slice(0, count).sort())
    starts.set(district, addDays(from, 7 * (lo + d.int(hi - lo + 1))));
  return starts;
}

interface Day {
  readonly date: IsoDate;
  readonly weekday: number;
  /** Weeks from the pattern's Monday (negative: the history lies before it). */
  readonly weekOffset: number;
  /** Season times trend. */
  readonly level: number;
  readonly clock: (minutes: number) => number;
}

/**
 * The instant of a wall-clock minute on a date. Offsets change only in the night (03:00/04:00 in
 * Helsinki), so one offset taken at noon serves the day from 04:00 on; earlier times ask the zone.
 */
function dayClock(date: IsoDate): (minutes: number) => number {
  const noon = wallClockToEpochMs(date, '12:00');
  const offset = noon - (Date.parse(`${date}T00:00:00Z`) + 12 * 60 * MINUTE_MS);
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  return (minutes) =>
    minutes >= 240
      ? midnightUtc + minutes * MINUTE_MS + offset
      : wallClockToEpochMs(date, minutesToWallTime(minutes));
}

const minutesOf = (t: WallTime): number => {
  const m = parseWallTime(t);
  if (!m.ok) throw new Error(m.error);
  return m.value;
};

/** Days from `a` to `b` (calendar dates). */
function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** A moment in [start, end) minutes, to the second, and when the server stored it. */
function momentIn(
  d: Draw,
  day: Day,
  start: number,
  end: number,
): { loggedAtMs: number; recordedAtMs: number } {
  const loggedAtMs = day.clock(start + d.int(Math.max(1, end - start))) + d.int(60) * 1000;
  return { loggedAtMs, recordedAtMs: loggedAtMs + (1 + d.int(8)) * MINUTE_MS + d.int(60) * 1000 };
}

function contactOf(
  d: Draw,
  person: Person,
  at: { loggedAtMs: number; recordedAtMs: number },
  where: Pick<HistoryContactRow, 'channel' | 'visitId' | 'siteId' | 'advisorId'>,
): HistoryContactRow {
  return { id: d.uuid(), clientId: d.uuid(), staffUserId: null, ...where, ...at, ...person };
}

/** The day's visits of the pattern: visit rows, check-ins, bookings and contacts. */
function addMobileDay(
  world: World,
  d: Draw,
  day: Day,
  planId: string,
  serviceStarts: ReadonlyMap<string, IsoDate>,
  now: number,
  rows: Rows,
  codes: Set<string>,
): void {
  if (day.weekday > 5 || world.calendar.isClosed(day.date)) return;
  for (const s of world.series) {
    if (s.weekday !== day.weekday) continue;
    if (((day.weekOffset % s.every) + s.every) % s.every !== s.phase) continue;
    const begins = s.venue.districtId ? serviceStarts.get(s.venue.districtId) : undefined;
    if (begins && day.date < begins) continue;
    if (!hoursOn(scheduleOf(s.venue), day.date, world.calendar).open) continue;
    if (day.date.slice(5, 7) === '07' && d.chance(JULY_DROPPED)) continue;
    const id = d.uuid();
    const fate = d.next();
    const cancelled = fate < CANCELLED_SHARE;
    const delivered = fate >= CANCELLED_SHARE + UNDELIVERED_SHARE;
    const reason = cancelled ? d.weighted(CANCEL_REASONS) : null;
    rows.visits.push({
      id,
      planId,
      venueId: s.venue.id,
      date: day.date,
      start: s.start,
      end: s.end,
      status: cancelled ? 'cancelled' : 'published',
      cancelReason: reason,
      cancelNote: reason ? CANCEL_NOTES[reason] : null,
      explanation: s.explanation,
    });
    const start = minutesOf(s.start);
    const end = minutesOf(s.end);
    for (const advisorId of s.advisorIds)
      rows.visitAdvisors.push({
        visitId: id,
        advisorId,
        checkedInAtMs: delivered ? day.clock(start) - d.int(11) * MINUTE_MS : null,
        checkedOutAtMs: delivered ? day.clock(end) + d.int(11) * MINUTE_MS : null,
      });
    // A visit not delivered left no trace but its row: nobody came to book or be helped.
    if (!cancelled && !delivered) continue;
    const attended = addBookings(world, d, day, s, id, cancelled, now, rows, codes);
    if (cancelled) continue;
    const walkIns = d.poisson(
      Math.max(0, s.expected * day.level * Math.exp(0.2 * d.normal() - 0.02) - attended),
    );
    for (let k = 0; k < walkIns; k++)
      rows.contacts.push(
        contactOf(d, drawPerson(d, s.audience, world.mobileTopics), momentIn(d, day, start, end), {
          channel: 'walk-in',
          visitId: id,
          siteId: s.venue.id,
          advisorId: d.pick(s.advisorIds),
        }),
      );
  }
}

/**
 * About 30 % of the visit's bookable seats were booked; an attended booking is a booked contact
 * at its time with the advisor of its seat. A cancelled visit cancelled its bookings. Returns the
 * number attended.
 */
function addBookings(
  world: World,
  d: Draw,
  day: Day,
  s: Series,
  visitId: string,
  visitCancelled: boolean,
  now: number,
  rows: Rows,
  codes: Set<string>,
): number {
  const slots = bookableSlots(s.start, s.end, world.venueRules.get(s.venue.id) ?? DEFAULT_SLOT_RULE);
  const eraseAfterMs = day.clock(minutesOf(s.end)) + DEFAULT_BOOKING_RETENTION_DAYS * DAY_MS;
  let attended = 0;
  for (const slot of slots)
    for (let seat = 1; seat <= s.advisorIds.length; seat++) {
      if (!d.chance(BOOKED_SHARE)) continue;
      const status = visitCancelled ? 'cancelled' : d.weighted(BOOKING_STATUSES);
      const person = drawPerson(d, s.audience, world.mobileTopics);
      let code = referenceCodeOf('H', d.bytes(8));
      while (codes.has(code)) code = referenceCodeOf('H', d.bytes(8));
      codes.add(code);
      const slotStart = minutesOf(slot.start);
      rows.bookings.push({
        id: d.uuid(),
        visitId,
        seat,
        start: slot.start,
        end: slot.end,
        status,
        cancelledBy: status !== 'cancelled' ? null : visitCancelled ? 'visit' : 'resident',
        referenceCode: code,
        topicId: person.topicIds[0] ?? null,
        language: person.language,
        needs: [
          ...(!['fi', 'sv', 'en'].includes(person.language) && d.chance(0.3)
            ? (['interpreter'] as const)
            : []),
          ...(person.ageBand === '75-plus' && d.chance(0.15) ? (['accessibility'] as const) : []),
        ],
        lang: person.language === 'fi' || person.language === 'sv' ? person.language : 'en',
        createdAtMs: day.clock(slotStart) - (1 + d.int(14)) * DAY_MS - d.int(600) * MINUTE_MS,
        eraseAfterMs,
        erasedAtMs: Math.min(eraseAfterMs, now),
      });
      if (status !== 'attended') continue;
      attended++;
      rows.contacts.push(
        contactOf(d, person, momentIn(d, day, slotStart, minutesOf(slot.end)), {
          channel: 'booked',
          visitId,
          siteId: s.venue.id,
          advisorId: s.advisorIds[seat - 1] ?? null,
        }),
      );
    }
  return attended;
}

/** The scenario in force on a date: the latest one evaluated on or before it, else the first. */
function scenarioOn(scenarios: readonly Scenario[], date: IsoDate): Scenario | undefined {
  let best: Scenario | undefined;
  for (const s of scenarios)
    if (
      s.referenceDate !== null &&
      s.referenceDate <= date &&
      (!best || (best.referenceDate ?? '') < s.referenceDate)
    )
      best = s;
  return best ?? scenarios[0];
}

/** Walk-ins at the fixed service points open on the day (all of them when there is no scenario). */
function addPointDay(world: World, d: Draw, day: Day, rows: Rows): void {
  const scenario = scenarioOn(world.scenarios, day.date);
  const open = scenario ? new Set<string>(openSitesOn(scenario, day.date)) : null;
  for (const p of world.points) {
    if (open && !open.has(p.site.id)) continue;
    const hours = hoursOn(scheduleOf(p.site), day.date, world.calendar);
    if (!hours.open) continue;
    const spans = hours.intervals.map((i: TimeInterval) => [minutesOf(i.start), minutesOf(i.end)] as const);
    const minutes = spans.reduce((s, [a, b]) => s + Math.max(0, b - a), 0);
    if (minutes <= 0) continue;
    const share = Math.min(1.2, Math.max(0.3, minutes / POINT_DAY_MINUTES));
    const n = d.poisson(p.base * day.level * share * Math.exp(0.2 * d.normal() - 0.02));
    for (let k = 0; k < n; k++) {
      let at = d.int(minutes);
      const span = spans.find(([a, b]) => {
        if (at < b - a) return true;
        at -= Math.max(0, b - a);
        return false;
      }) as readonly [number, number];
      rows.contacts.push(
        contactOf(
          d,
          drawPerson(d, p.audience, world.pointTopics),
          momentIn(d, day, span[0] + at, span[0] + at + 1),
          {
            channel: 'walk-in',
            visitId: null,
            siteId: p.site.id,
            advisorId: null,
          },
        ),
      );
    }
  }
}
