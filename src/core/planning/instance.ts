/**
 * A planning instance for the mobile advisory service: the horizon, the need per area and
 * target group (residual: not already served by a fixed point), the venues with their hours
 * and the areas they reach, the advisors, the rules and the weights of the objective. It is
 * self-contained (the JSON format of docs/planning-model.md maps onto it one to one), so the
 * solvers and the validator need no database.
 *
 * `prepare` derives what the solvers share: the candidate visits (venue × working day × time
 * block inside the venue's hours, with the advisors who could staff them), the weekly
 * patterns, and the value of reaching each (area, group) pair.
 */
import { datesBetween, type IsoDate, isoWeekday, startOfIsoWeek, type WallTime } from '../time/civil-time.ts';

export interface PlanningGroup {
  readonly id: string;
  /** The planner's weight: how much reaching one resident of this group is worth. */
  readonly weight: number;
  /** Language of the group (ISO 639-1), for the language bonus; null if none. */
  readonly language: string | null;
}

export interface PlanningArea {
  readonly id: string;
  readonly district: string;
  /** Residual need per group (index as `groups`): residents not served by a fixed point. */
  readonly need: readonly number[];
}

export interface PlanningVenue {
  readonly id: string;
  readonly district: string;
  /** Opening intervals per date of the horizon, [start, end] wall times; absent = closed. */
  readonly hours: Readonly<Record<IsoDate, readonly (readonly [WallTime, WallTime])[]>>;
  /** Areas within reach, and for which groups (indexes into `groups`). */
  readonly reach: readonly { readonly area: number; readonly groups: readonly number[] }[];
  /**
   * The open fixed point this venue is within a short walk of (the planner's rule, docs/planning-model.md,
   * "Rhythm"): no new mobile visits here. Absent or null: none near, or the planner allows it.
   */
  readonly nearFixedPoint?: string | null;
  /**
   * Contacts learned from the contact log: the mean per delivered visit at this venue in one
   * time block, over `visits` visits. A visit at exactly these times expects this many contacts
   * instead of the estimate from the need in reach (docs/planning-model.md, "Staffing and
   * capacity"). Whoever builds the instance decides how many visits are enough; absent: none.
   */
  readonly learnedContacts?: readonly LearnedContacts[];
}

export interface LearnedContacts {
  readonly start: WallTime;
  readonly end: WallTime;
  readonly contactsPerVisit: number;
  readonly visits: number;
}

export interface PlanningAdvisor {
  readonly id: string;
  readonly languages: readonly string[];
  readonly minutesPerWeek: number;
  readonly maxVisitsPerDay: number;
  readonly availability: readonly {
    readonly weekday: number;
    readonly start: WallTime;
    readonly end: WallTime;
  }[];
  /** Whole days away, both ends included. */
  readonly absences: readonly { readonly from: IsoDate; readonly to: IsoDate }[];
  /** Districts the advisor works in; empty = all. */
  readonly districts: readonly string[];
}

export interface PlanningPin {
  readonly venue: number;
  readonly date: IsoDate;
  readonly start: WallTime;
  readonly end: WallTime;
  readonly advisors: readonly number[];
  /** The published visit's id, when the pin comes from one. */
  readonly visitId: string | null;
}

/**
 * A partner's request for a visit (a soft rule): met by any visit at the venue on a date, a
 * weekday and in a block it allows; the bonus counts once, however many visits meet it.
 */
export interface PlanningRequest {
  readonly id: string;
  readonly venue: number;
  readonly date: IsoDate | null;
  readonly weekday: number | null;
  readonly block: number | null;
  /** Planner-set priority; the bonus is `requestValue` × priority. */
  readonly priority: number;
  /** Only dates from `from` to `to` (both included); absent: no limit on that side. */
  readonly from?: IsoDate;
  readonly to?: IsoDate;
  /** Any of these ISO weekdays (with `weekday`, if set, among them); absent or empty: no limit. */
  readonly weekdays?: readonly number[];
}

/** Whether a request allows a date (its `date`, its range, its weekdays), whatever the venue and time. */
export function requestAllowsDate(r: PlanningRequest, date: IsoDate, weekday: number): boolean {
  if (r.date !== null && date !== r.date) return false;
  if (r.from !== undefined && date < r.from) return false;
  if (r.to !== undefined && date > r.to) return false;
  if (r.weekday !== null && weekday !== r.weekday) return false;
  if (r.weekdays !== undefined && r.weekdays.length > 0 && !r.weekdays.includes(weekday)) return false;
  return true;
}

/**
 * A series the planner pinned: it is kept through re-planning. Every date of the horizon on its
 * weekday (every week, or every other week counted from `since`), from `since` on, that is a
 * working day with the venue open gets the visit; the planner chooses its advisors.
 */
export interface PlanningSeriesPin {
  readonly id: string;
  readonly venue: number;
  readonly weekday: number;
  readonly start: WallTime;
  readonly end: WallTime;
  readonly every: 1 | 2;
  /** The series' first date: fortnightly series count their weeks from it. */
  readonly since: IsoDate;
}

export interface PlanningParams {
  /** Value of reaching the same people again in a week, relative to the time before (ρ). */
  readonly repeatFactor: number;
  /** Visits a week that add value for the same people (K). */
  readonly maxRepeats: number;
  /** Bonus share of the value reached in a group whose language an advisor of the visit speaks (β). */
  readonly languageBonus: number;
  /** Cost of a visit that is not part of a weekly or fortnightly pattern (value units). */
  readonly oneOffCost: number;
  /** Cost of each visit a district misses below its weekly minimum (value units; large). */
  readonly fairnessPenalty: number;
  /** Value of meeting a partner request of priority 1 (value units). */
  readonly requestValue: number;
  /** Share of contracted minutes that may go to visits (the rest: preparation, travel, office). */
  readonly visitShare: number;
  /** Minutes between two visits of one advisor on top of the travel time. */
  readonly bufferMinutes: number;
  /**
   * Expected contacts per visit per 1,000 weighted residents in need reached (where the venue
   * has no learned contacts for the visit's times).
   */
  readonly contactsPerThousand: number;
  /** Contacts one advisor handles in an hour; more expected contacts need more advisors. */
  readonly contactsPerAdvisorHour: number;
  readonly maxAdvisorsPerVisit: number;
  /**
   * Rhythm rules (docs/planning-model.md, "Rhythm"). At most this many series — a weekday and
   * time at one venue — per venue over the horizon; 0 = no limit.
   */
  readonly maxSeriesPerVenue: number;
  /** False: every visit belongs to a kept weekly or fortnightly pattern (or a pin or request). */
  readonly allowOneOffs: boolean;
  /**
   * A district's visits in a week are at most this factor times its share of the need, times
   * the week's visits, plus one (so a small district still gets its visit); 0 = no limit.
   */
  readonly maxDistrictShareFactor: number;
  /** Minutes of visits per venue per week; 0 = no limit. */
  readonly maxVenueMinutesPerWeek: number;
  /**
   * Advisor continuity, a soft rule: the cost of each advisor beyond the first staff of a
   * series (the same venue, weekday and time), so residents meet the same faces; 0 = off.
   */
  readonly continuityCost: number;
}

export const DEFAULT_PARAMS: PlanningParams = {
  repeatFactor: 0.5,
  maxRepeats: 3,
  languageBonus: 0.25,
  oneOffCost: 0,
  fairnessPenalty: 0,
  requestValue: 0,
  visitShare: 0.6,
  bufferMinutes: 15,
  contactsPerThousand: 1,
  contactsPerAdvisorHour: 4,
  maxAdvisorsPerVisit: 2,
  maxSeriesPerVenue: 0,
  allowOneOffs: true,
  maxDistrictShareFactor: 0,
  maxVenueMinutesPerWeek: 0,
  continuityCost: 0,
};

/** The series a visit belongs to: its venue, weekday and time. */
export const seriesKey = (venue: number, weekday: number, start: number, end: number): string =>
  `${venue}|${weekday}|${start}|${end}`;

export interface PlanningInstance {
  readonly name: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Public holidays and the city's closure days in the horizon: no visits. */
  readonly closedDates: readonly IsoDate[];
  readonly groups: readonly PlanningGroup[];
  readonly areas: readonly PlanningArea[];
  readonly districts: readonly { readonly id: string; readonly minVisitsPerWeek: number }[];
  readonly venues: readonly PlanningVenue[];
  readonly blocks: readonly { readonly id: string; readonly start: WallTime; readonly end: WallTime }[];
  readonly advisors: readonly PlanningAdvisor[];
  /** Minutes between venues (row = from, column = to), NaN = no connection. */
  readonly travel: Float64Array;
  readonly pins: readonly PlanningPin[];
  readonly requests: readonly PlanningRequest[];
  /** Series the planner pinned (kept through re-planning); absent = none. */
  readonly seriesPins?: readonly PlanningSeriesPin[];
  readonly params: PlanningParams;
  /** When given, new visits only on these dates; everything else stays as pinned (a repair). */
  readonly newVisitDates?: readonly IsoDate[];
}

export const minutesOf = (t: WallTime): number => {
  const [h = '0', m = '0'] = t.split(':');
  return Number(h) * 60 + Number(m);
};

export interface Candidate {
  readonly index: number;
  readonly venue: number;
  readonly date: IsoDate;
  /** Index of the date in the horizon, and of its ISO week (0 = the week of `from`). */
  readonly day: number;
  readonly week: number;
  readonly weekday: number;
  /** Block index, or −1 for a pinned visit at its own times. */
  readonly block: number;
  readonly start: number;
  readonly end: number;
  /** Advisors the visit needs. */
  readonly staff: number;
  readonly expectedContacts: number;
  /** Where `expectedContacts` comes from: the need in reach, or the venue's learned contacts. */
  readonly expectedFrom: ExpectedFrom;
  /** Advisors who could staff it (available, not absent, in their districts). */
  readonly eligible: readonly number[];
  /** Index into `pins`, or −1. */
  readonly pin: number;
  /** Index into `seriesPins` when a pinned series asks for this visit, or −1. */
  readonly series: number;
}

export type ExpectedFrom = 'need' | 'logs';

/** A weekly or fortnightly rhythm: one venue, weekday and block. */
export interface Pattern {
  readonly venue: number;
  readonly weekday: number;
  readonly block: number;
  readonly every: 1 | 2;
  readonly phase: number;
  readonly candidates: readonly number[];
}

export interface Prepared {
  readonly x: PlanningInstance;
  readonly dates: readonly IsoDate[];
  readonly weeks: number;
  readonly candidates: readonly Candidate[];
  readonly patterns: readonly Pattern[];
  /** Patterns each candidate belongs to. */
  readonly patternsOf: readonly (readonly number[])[];
  /** Weighted need of (area, group) key k = area × G + group. */
  readonly keyWeight: Float64Array;
  /** Keys each venue reaches. */
  readonly venueKeys: readonly Int32Array[];
  /** Language of each key's group ('' = none). */
  readonly keyLanguage: readonly string[];
  /** Per venue, the weighted need it reaches in each language. */
  readonly venueLanguages: readonly ReadonlyMap<string, number>[];
  /** Rules that cannot be met, found while preparing (pins that break a rule, districts with no venue). */
  readonly problems: readonly PlanningProblem[];
  /** Per district and week, how many visits the rule asks for after capping at what exists. */
  readonly fairnessTarget: readonly (readonly number[])[];
  readonly districtIndex: ReadonlyMap<string, number>;
  readonly venueDistrict: Int32Array;
  /** Minutes each advisor may spend on visits in each week. */
  readonly weeklyCap: readonly Float64Array[];
  /** Each district's share of the weighted need (sums to 1 when there is need). */
  readonly districtShare: Float64Array;
  /**
   * Series allowed per venue (0 = no limit): `maxSeriesPerVenue`, or more where published or
   * pinned series the plan must keep are more.
   */
  readonly seriesLimit: Int32Array;
}

export interface PlanningProblem {
  readonly rule: 'pin' | 'series-pin' | 'fairness' | 'advisors' | 'venues';
  readonly message: string;
  /** True when the plan cannot be made at all (a broken pin); false when the rule is relaxed and reported. */
  readonly fatal: boolean;
}

export function weekOf(from: IsoDate, date: IsoDate): number {
  // Weeks start on Monday; week 0 is the ISO week of `from`.
  const start = datesBetween(from, date).length - 1 + (isoWeekday(from) - 1);
  return Math.floor(start / 7);
}

export function isAbsentOn(a: PlanningAdvisor, date: IsoDate): boolean {
  return a.absences.some((r) => r.from <= date && date <= r.to);
}

export function isAvailable(a: PlanningAdvisor, weekday: number, start: number, end: number): boolean {
  return a.availability.some(
    (w) => w.weekday === weekday && minutesOf(w.start) <= start && end <= minutesOf(w.end),
  );
}

/** A visit's expected contacts, where they come from, and the advisors it needs. */
interface StaffNeed {
  readonly expected: number;
  readonly staff: number;
  readonly from: ExpectedFrom;
}

function venueOpen(v: PlanningVenue, date: IsoDate, start: number, end: number): boolean {
  return (v.hours[date] ?? []).some(([s, e]) => minutesOf(s) <= start && end <= minutesOf(e));
}

export function prepare(x: PlanningInstance): Prepared {
  const G = x.groups.length;
  const p = x.params;
  const dates = datesBetween(x.from, x.to);
  const closed = new Set(x.closedDates);
  const firstOffset = dates.length === 0 ? 0 : isoWeekday(x.from) - 1;
  const weekdayOf = new Map(dates.map((d, i) => [d, ((firstOffset + i) % 7) + 1]));
  const weekIndex = new Map(dates.map((d, i) => [d, Math.floor((firstOffset + i) / 7)]));
  const weekOfDate = (date: IsoDate) => weekIndex.get(date) ?? weekOf(x.from, date);
  const weekdayOfDate = (date: IsoDate) => weekdayOf.get(date) ?? isoWeekday(date);
  const weeks = dates.length === 0 ? 0 : weekOfDate(x.to) + 1;
  const keyWeight = new Float64Array(x.areas.length * G);
  const keyLanguage: string[] = [];
  for (const [a, area] of x.areas.entries()) {
    for (let g = 0; g < G; g++) {
      keyWeight[a * G + g] = (area.need[g] ?? 0) * (x.groups[g]?.weight ?? 0);
      keyLanguage[a * G + g] = x.groups[g]?.language ?? '';
    }
  }
  const venueKeys = x.venues.map((v) => {
    const keys: number[] = [];
    for (const r of v.reach)
      for (const g of r.groups) if ((keyWeight[r.area * G + g] ?? 0) > 0) keys.push(r.area * G + g);
    return Int32Array.from(new Set(keys)).sort();
  });
  const venueLanguages = venueKeys.map((keys) => {
    const m = new Map<string, number>();
    for (const k of keys) {
      const l = keyLanguage[k] ?? '';
      if (l) m.set(l, (m.get(l) ?? 0) + (keyWeight[k] ?? 0));
    }
    return m;
  });
  const reachedWeight = venueKeys.map((keys) => keys.reduce((s, k) => s + (keyWeight[k] ?? 0), 0));
  const districtIndex = new Map(x.districts.map((d, i) => [d.id, i]));
  const venueDistrict = Int32Array.from(x.venues, (v) => districtIndex.get(v.district) ?? -1);
  const problems: PlanningProblem[] = [];

  // Contacts learned from the log for a venue's exact time block win over the need-based estimate.
  const learned = x.venues.map((v) => {
    const m = new Map<string, number>();
    for (const l of v.learnedContacts ?? []) {
      const k = `${minutesOf(l.start)}|${minutesOf(l.end)}`;
      if (!m.has(k)) m.set(k, l.contactsPerVisit);
    }
    return m;
  });
  const staffFor = (venue: number, start: number, end: number): StaffNeed => {
    const fromLogs = learned[venue]?.get(`${start}|${end}`);
    const expected = fromLogs ?? (p.contactsPerThousand * (reachedWeight[venue] ?? 0)) / 1000;
    const capacity = p.contactsPerAdvisorHour * ((end - start) / 60);
    const staff = Math.min(
      p.maxAdvisorsPerVisit,
      Math.max(1, Math.ceil(expected / Math.max(1e-9, capacity) - 1e-9)),
    );
    return { expected, staff, from: fromLogs === undefined ? 'need' : 'logs' };
  };
  const eligibleFor = (venue: number, date: IsoDate, weekday: number, start: number, end: number) => {
    const out: number[] = [];
    const district = x.venues[venue]?.district ?? '';
    for (const [i, a] of x.advisors.entries()) {
      if (a.districts.length > 0 && !a.districts.includes(district)) continue;
      if (isAbsentOn(a, date) || !isAvailable(a, weekday, start, end)) continue;
      out.push(i);
    }
    return out;
  };

  const candidates: Candidate[] = [];
  const pinCandidate = new Map<string, number>();
  const onlyDates = x.newVisitDates ? new Set(x.newVisitDates) : null;
  for (const [d, date] of dates.entries()) {
    const weekday = weekdayOfDate(date);
    if (weekday > 5 || closed.has(date) || (onlyDates && !onlyDates.has(date))) continue;
    const week = weekOfDate(date);
    for (const [v, venue] of x.venues.entries()) {
      if (venue.nearFixedPoint) continue;
      for (const [b, block] of x.blocks.entries()) {
        const start = minutesOf(block.start);
        const end = minutesOf(block.end);
        if (!venueOpen(venue, date, start, end)) continue;
        const { expected, staff, from } = staffFor(v, start, end);
        const eligible = eligibleFor(v, date, weekday, start, end);
        if (eligible.length < staff) continue;
        pinCandidate.set(`${v}|${date}|${start}|${end}`, candidates.length);
        candidates.push({
          index: candidates.length,
          venue: v,
          date,
          day: d,
          week,
          weekday,
          block: b,
          start,
          end,
          staff,
          expectedContacts: expected,
          expectedFrom: from,
          eligible,
          pin: -1,
          series: -1,
        });
      }
    }
  }

  // Pins: published visits never move. One that breaks a rule makes the plan impossible.
  const pinned: Candidate[] = [...candidates];
  for (const [k, pin] of x.pins.entries()) {
    const venue = x.venues[pin.venue];
    const start = minutesOf(pin.start);
    const end = minutesOf(pin.end);
    const label = `pinned visit ${pin.visitId ?? `#${k + 1}`} (${venue?.id ?? '?'} ${pin.date} ${pin.start}–${pin.end})`;
    const broken: string[] = [];
    if (!venue) broken.push('its venue is unknown');
    if (pin.date < x.from || pin.date > x.to) broken.push('it is outside the horizon');
    if (isoWeekday(pin.date) > 5) broken.push('it falls on a weekend');
    if (closed.has(pin.date)) broken.push('it falls on a public holiday or closure day');
    if (venue && !venueOpen(venue, pin.date, start, end)) broken.push('the venue is not open then');
    if (pin.advisors.length === 0) broken.push('it has no advisor');
    for (const ai of pin.advisors) {
      const a = x.advisors[ai];
      if (!a) broken.push('an advisor is unknown');
      else if (isAbsentOn(a, pin.date)) broken.push(`advisor ${a.id} is absent`);
      else if (!isAvailable(a, isoWeekday(pin.date), start, end))
        broken.push(`advisor ${a.id} is not available then`);
    }
    if (broken.length > 0) {
      problems.push({ rule: 'pin', message: `${label} cannot stay: ${broken.join('; ')}`, fatal: true });
      continue;
    }
    const key = `${pin.venue}|${pin.date}|${start}|${end}`;
    const existing = pinCandidate.get(key);
    const need = staffFor(pin.venue, start, end);
    const base = {
      venue: pin.venue,
      date: pin.date,
      day: dates.indexOf(pin.date),
      week: weekOfDate(pin.date),
      weekday: weekdayOfDate(pin.date),
      start,
      end,
      staff: pin.advisors.length,
      expectedContacts: need.expected,
      expectedFrom: need.from,
      eligible: [...pin.advisors],
      pin: k,
      series: -1,
    };
    if (existing !== undefined && (pinned[existing]?.pin ?? -1) === -1) {
      pinned[existing] = { ...base, index: existing, block: pinned[existing]?.block ?? -1 };
    } else {
      pinned.push({ ...base, index: pinned.length, block: -1 });
    }
  }

  requireSeries(x, dates, pinned, problems, {
    weekOf: weekOfDate,
    weekdayOf: weekdayOfDate,
    closed,
    open: venueOpen,
    staffFor,
    eligibleFor,
  });

  // Patterns: the same venue, weekday and block every week or every other week, with at
  // least two dates (one when the horizon is a single week).
  const patterns: Pattern[] = [];
  const byKey = new Map<string, number[]>();
  for (const c of pinned) {
    if (c.block < 0) continue;
    const key = `${c.venue}|${c.weekday}|${c.block}`;
    const list = byKey.get(key) ?? [];
    list.push(c.index);
    byKey.set(key, list);
  }
  const minDates = weeks <= 1 ? 1 : 2;
  for (const list of byKey.values()) {
    const first = pinned[list[0] ?? 0] as Candidate;
    const variants: { every: 1 | 2; phase: number }[] = [{ every: 1, phase: 0 }];
    if (weeks >= 3) variants.push({ every: 2, phase: 0 }, { every: 2, phase: 1 });
    for (const { every, phase } of variants) {
      const members = list.filter((i) => ((pinned[i]?.week ?? 0) - phase) % every === 0);
      if (members.length >= minDates)
        patterns.push({
          venue: first.venue,
          weekday: first.weekday,
          block: first.block,
          every,
          phase,
          candidates: members,
        });
    }
  }
  const patternsOf: number[][] = pinned.map(() => []);
  for (const [q, pat] of patterns.entries()) for (const i of pat.candidates) patternsOf[i]?.push(q);

  // Fairness: at least K visits a week per district, capped at what can exist, reported.
  const fairnessTarget = x.districts.map((d) => {
    const target: number[] = [];
    for (let w = 0; w < weeks; w++) {
      const available = pinned.filter((c) => c.week === w && x.venues[c.venue]?.district === d.id).length;
      const want = d.minVisitsPerWeek;
      if (available < want) {
        problems.push({
          rule: 'fairness',
          message: `district ${d.id} cannot get ${want} visit${want === 1 ? '' : 's'} in week ${w + 1}: ${
            available === 0
              ? 'no venue there is open on a working day with an available advisor'
              : `only ${available} possible visit${available === 1 ? '' : 's'} exist`
          }`,
          fatal: false,
        });
      }
      target.push(Math.min(want, available));
    }
    return target;
  });
  if (x.advisors.length === 0)
    problems.push({ rule: 'advisors', message: 'there are no advisors to plan for', fatal: true });
  else if (pinned.length === 0)
    problems.push({
      rule: 'venues',
      message: 'no venue is open in any time block on a working day when an advisor is available',
      fatal: true,
    });

  // Weekly cap: a share of contracted minutes, in proportion to the working days present.
  const weeklyCap = x.advisors.map((a) => {
    const cap = new Float64Array(weeks);
    for (let w = 0; w < weeks; w++) {
      const days = dates.filter(
        (date) =>
          weekOfDate(date) === w && weekdayOfDate(date) <= 5 && !closed.has(date) && !isAbsentOn(a, date),
      ).length;
      cap[w] = (p.visitShare * a.minutesPerWeek * days) / 5;
    }
    return cap;
  });

  const districtShare = new Float64Array(x.districts.length);
  let needTotal = 0;
  for (const [a, area] of x.areas.entries()) {
    const d = districtIndex.get(area.district);
    let w = 0;
    for (let g = 0; g < G; g++) w += keyWeight[a * G + g] ?? 0;
    needTotal += w;
    if (d !== undefined) districtShare[d] = (districtShare[d] ?? 0) + w;
  }
  if (needTotal > 0)
    for (let d = 0; d < districtShare.length; d++) districtShare[d] = (districtShare[d] ?? 0) / needTotal;

  const kept = x.venues.map(() => new Set<string>());
  for (const c of pinned)
    if (c.pin >= 0 || c.series >= 0) kept[c.venue]?.add(seriesKey(c.venue, c.weekday, c.start, c.end));
  const seriesLimit = Int32Array.from(x.venues, (_, v) =>
    p.maxSeriesPerVenue > 0 ? Math.max(p.maxSeriesPerVenue, kept[v]?.size ?? 0) : 0,
  );

  return {
    x,
    dates,
    weeks,
    districtShare,
    seriesLimit,
    candidates: pinned,
    patterns,
    patternsOf,
    keyWeight,
    venueKeys,
    keyLanguage,
    venueLanguages,
    problems,
    fairnessTarget,
    districtIndex,
    venueDistrict,
    weeklyCap,
  };
}

/** The dates a pinned series asks for in the horizon: its weekday, from `since`, every week or every other. */
export function seriesPinDates(
  pin: PlanningSeriesPin,
  dates: readonly IsoDate[],
  weekdayOf: (d: IsoDate) => number,
): IsoDate[] {
  // Weeks counted Monday to Monday from the week of `since`.
  const sinceMonday = startOfIsoWeek(pin.since);
  return dates.filter((d) => {
    if (d < pin.since || weekdayOf(d) !== pin.weekday) return false;
    const weeks = (datesBetween(sinceMonday, startOfIsoWeek(d)).length - 1) / 7;
    return weeks % pin.every === 0;
  });
}

/**
 * Marks the visits pinned series ask for (`series` on the candidate; one is added where the
 * series' times are no time block). A date that is closed, or where the venue is closed, is
 * skipped like a holiday; a date no advisor could staff is reported, and the series goes on.
 */
function requireSeries(
  x: PlanningInstance,
  dates: readonly IsoDate[],
  candidates: Candidate[],
  problems: PlanningProblem[],
  h: {
    weekOf: (d: IsoDate) => number;
    weekdayOf: (d: IsoDate) => number;
    closed: ReadonlySet<IsoDate>;
    open: (v: PlanningVenue, d: IsoDate, start: number, end: number) => boolean;
    staffFor: (venue: number, start: number, end: number) => StaffNeed;
    eligibleFor: (venue: number, d: IsoDate, weekday: number, start: number, end: number) => number[];
  },
): void {
  const onlyDates = x.newVisitDates ? new Set(x.newVisitDates) : null;
  for (const [k, pin] of (x.seriesPins ?? []).entries()) {
    const venue = x.venues[pin.venue];
    const start = minutesOf(pin.start);
    const end = minutesOf(pin.end);
    const label = `pinned series ${pin.id} (${venue?.id ?? '?'}, weekday ${pin.weekday} ${pin.start}–${pin.end})`;
    if (!venue || !(end > start)) {
      problems.push({
        rule: 'series-pin',
        message: `${label} cannot be kept: unknown venue or times`,
        fatal: true,
      });
      continue;
    }
    for (const date of seriesPinDates(pin, dates, h.weekdayOf)) {
      if (h.weekdayOf(date) > 5 || h.closed.has(date) || !h.open(venue, date, start, end)) continue;
      const same = candidates.find(
        (c) => c.venue === pin.venue && c.date === date && c.start === start && c.end === end,
      );
      if (same) {
        if (same.pin < 0 && same.series < 0) candidates[same.index] = { ...same, series: k };
        continue;
      }
      // A repair changes only its own dates; a pinned series' visit elsewhere is a published one.
      if (onlyDates && !onlyDates.has(date)) continue;
      const { expected, staff, from } = h.staffFor(pin.venue, start, end);
      const eligible = h.eligibleFor(pin.venue, date, h.weekdayOf(date), start, end);
      if (eligible.length < staff) {
        problems.push({
          rule: 'series-pin',
          message: `${label} cannot be held on ${date}: ${eligible.length} of the ${staff} advisors it needs are available`,
          fatal: false,
        });
        continue;
      }
      const block = x.blocks.findIndex((b) => minutesOf(b.start) === start && minutesOf(b.end) === end);
      candidates.push({
        index: candidates.length,
        venue: pin.venue,
        date,
        day: dates.indexOf(date),
        week: h.weekOf(date),
        weekday: h.weekdayOf(date),
        block,
        start,
        end,
        staff,
        expectedContacts: expected,
        expectedFrom: from,
        eligible,
        pin: -1,
        series: k,
      });
    }
  }
}

/** Do two visits conflict for one advisor (overlap, or not enough time to travel between)? */
export function conflicts(
  x: PlanningInstance,
  a: { venue: number; start: number; end: number },
  b: { venue: number; start: number; end: number },
): boolean {
  const [first, second] = a.start <= b.start ? [a, b] : [b, a];
  if (second.start < first.end) return true;
  const travel =
    first.venue === second.venue ? 0 : (x.travel[first.venue * x.venues.length + second.venue] ?? Number.NaN);
  if (Number.isNaN(travel)) return true;
  return second.start - first.end < travel + (first.venue === second.venue ? 0 : x.params.bufferMinutes);
}
