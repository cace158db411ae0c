/**
 * neuvo's planning instance in JSON (docs/planning-model.md, "Instance format"): everything a
 * plan needs, by id, so that benchmarks and outside tests need no database. Every problem is
 * reported with its JSON path and what was expected.
 */
import { z } from 'zod';
import { DEFAULT_PARAMS, type PlanningInstance, type PlanningParams } from '../../core/planning/instance.ts';
import { datesBetween, isIsoDate, isoWeekday, isWallTime } from '../../core/time/civil-time.ts';
import { parseCompactHours } from '../../core/time/opening-hours.ts';
import { type ImportIssue, IssueList } from '../import/issues.ts';
import { parseWith } from '../import/json-formats.ts';
import { parseJson, type SourceFile } from '../import/text.ts';

const date = z.string().refine(isIsoDate, 'expected a date as YYYY-MM-DD');
const time = z.string().refine(isWallTime, 'expected a time as HH:MM');
const id = z.string().min(1, 'expected a non-empty id');

const hours = z.union([
  z.string().describe('weekly hours, e.g. "Mo-Fr 09:00-16:00"'),
  z.object({ weekly: z.string(), closed: z.array(date).optional() }).strict(),
  z.record(date, z.array(z.tuple([time, time]))),
]);

const schema = z
  .object({
    name: z.string().optional(),
    from: date,
    to: date,
    closedDates: z.array(date).optional(),
    groups: z
      .array(
        z
          .object({ id, weight: z.number().min(0), language: z.string().min(2).max(3).nullable().optional() })
          .strict(),
      )
      .min(1),
    districts: z.array(z.object({ id, minVisitsPerWeek: z.number().int().min(0).optional() }).strict()),
    areas: z.array(
      z.object({ id, district: z.string(), need: z.record(z.string(), z.number().min(0)) }).strict(),
    ),
    venues: z
      .array(
        z
          .object({
            id,
            district: z.string(),
            hours,
            reach: z.record(z.string(), z.array(z.string())),
            nearFixedPoint: z.string().nullable().optional(),
            learnedContacts: z
              .array(
                z
                  .object({
                    start: time,
                    end: time,
                    contactsPerVisit: z.number().min(0),
                    visits: z.number().int().min(1),
                  })
                  .strict(),
              )
              .optional()
              .describe('mean contacts per delivered visit at these times, from the contact log'),
          })
          .strict(),
      )
      .min(1),
    blocks: z.array(z.object({ id, start: time, end: time }).strict()).min(1),
    advisors: z.array(
      z
        .object({
          id,
          languages: z.array(z.string().min(2).max(3)),
          hoursPerWeek: z.number().min(0).max(80),
          maxVisitsPerDay: z.number().int().min(1).max(10),
          availability: z.string().describe('e.g. "Mo-Fr 08:00-16:00"'),
          absences: z.array(z.object({ from: date, to: date }).strict()).optional(),
          districts: z.array(z.string()).optional(),
        })
        .strict(),
    ),
    travel: z.record(z.string(), z.record(z.string(), z.number().min(0))).optional(),
    pins: z
      .array(
        z
          .object({
            venue: z.string(),
            date,
            start: time,
            end: time,
            advisors: z.array(z.string()),
            visitId: z.string().optional(),
          })
          .strict(),
      )
      .optional(),
    seriesPins: z
      .array(
        z
          .object({
            id,
            venue: z.string(),
            weekday: z.number().int().min(1).max(5),
            start: time,
            end: time,
            every: z.union([z.literal(1), z.literal(2)]),
            since: date,
          })
          .strict(),
      )
      .optional()
      .describe('series the planner pinned: kept through re-planning'),
    newVisitDates: z.array(date).optional().describe('new visits only on these dates (a repair)'),
    requests: z
      .array(
        z
          .object({
            id,
            venue: z.string(),
            date: date.nullable().optional(),
            weekday: z.number().int().min(1).max(5).nullable().optional(),
            block: z.string().nullable().optional(),
            priority: z.number().min(0),
            from: date.optional().describe('met only on dates from this one on'),
            to: date.optional().describe('met only on dates up to this one'),
            weekdays: z
              .array(z.number().int().min(1).max(5))
              .max(5)
              .optional()
              .describe('met on any of these ISO weekdays (empty: any)'),
          })
          .strict(),
      )
      .optional(),
    parameters: z
      .object({
        repeatFactor: z.number().min(0).max(1),
        maxRepeats: z.number().int().min(1).max(10),
        languageBonus: z.number().min(0),
        oneOffCost: z.number().min(0),
        fairnessPenalty: z.number().min(0),
        requestValue: z.number().min(0),
        visitShare: z.number().min(0).max(1),
        bufferMinutes: z.number().min(0),
        contactsPerThousand: z.number().min(0),
        contactsPerAdvisorHour: z.number().positive(),
        maxAdvisorsPerVisit: z.number().int().min(1).max(5),
        maxSeriesPerVenue: z.number().int().min(0).max(2),
        allowOneOffs: z.boolean(),
        maxDistrictShareFactor: z.number().min(0),
        maxVenueMinutesPerWeek: z.number().min(0),
        continuityCost: z.number().min(0),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

export type PlanningInstanceJson = z.input<typeof schema>;

export type ParsedPlanningInstance =
  | { ok: true; instance: PlanningInstance }
  | { ok: false; issues: ImportIssue[] };

export function parsePlanningInstance(file: SourceFile): ParsedPlanningInstance {
  const issues = new IssueList(file.name);
  const raw = parseJson(file, issues);
  if (raw === undefined) return { ok: false, issues: issues.issues };
  return planningInstanceFromJson(raw, issues);
}

export function planningInstanceFromJson(
  raw: unknown,
  issues: IssueList = new IssueList('instance'),
): ParsedPlanningInstance {
  const doc = parseWith(schema, raw, issues);
  if (!doc) return { ok: false, issues: issues.issues };
  // Each step reports its problems in the order of the document, and all of them are reported.
  const dates = horizonDates(doc, issues);
  const ix = indexIds(doc, issues);
  for (const [i, b] of doc.blocks.entries())
    if (b.end <= b.start)
      issues.add({ path: `blocks[${i}].end`, message: `expected a time after ${b.start}` });
  const areas = areasOf(doc, ix);
  const venues = venuesOf(doc, ix, dates);
  const advisors = advisorsOf(doc, ix);
  const travel = travelOf(doc, ix);
  const pins = pinsOf(doc, ix);
  const seriesPins = seriesPinsOf(doc, ix);
  const requests = requestsOf(doc, ix);

  if (!issues.ok) return { ok: false, issues: issues.issues };
  const params: PlanningParams = { ...DEFAULT_PARAMS, ...(doc.parameters ?? {}) };
  return {
    ok: true,
    instance: {
      name: doc.name ?? 'instance',
      from: doc.from,
      to: doc.to,
      closedDates: doc.closedDates ?? [],
      groups: doc.groups.map((g) => ({ id: g.id, weight: g.weight, language: g.language ?? null })),
      areas,
      districts: doc.districts.map((d) => ({ id: d.id, minVisitsPerWeek: d.minVisitsPerWeek ?? 1 })),
      venues,
      blocks: doc.blocks,
      advisors,
      travel,
      pins,
      requests,
      ...(seriesPins.length > 0 ? { seriesPins } : {}),
      params,
      ...(doc.newVisitDates ? { newVisitDates: doc.newVisitDates } : {}),
    },
  };
}

type InstanceDoc = z.output<typeof schema>;
type Venue = PlanningInstance['venues'][number];

/** The dates of the horizon: `to` on or after `from`, at most 26 weeks. */
function horizonDates(doc: InstanceDoc, issues: IssueList): string[] {
  if (doc.to < doc.from)
    issues.add({ path: 'to', message: `expected a date on or after "from" (${doc.from})` });
  const dates = doc.to >= doc.from ? datesBetween(doc.from, doc.to) : [];
  if (dates.length > 7 * 26) issues.add({ path: 'to', message: 'the horizon is longer than 26 weeks' });
  return dates;
}

/** The document's ids by list (each unique), and the check every district reference makes. */
interface IdIndexes {
  readonly issues: IssueList;
  readonly group: ReadonlyMap<string, number>;
  readonly district: ReadonlyMap<string, number>;
  readonly area: ReadonlyMap<string, number>;
  readonly venue: ReadonlyMap<string, number>;
  readonly block: ReadonlyMap<string, number>;
  readonly advisor: ReadonlyMap<string, number>;
  knownDistrict(d: string, path: string): void;
}

function indexIds(doc: InstanceDoc, issues: IssueList): IdIndexes {
  const unique = (list: readonly { id: string }[], path: string) => {
    const index = new Map<string, number>();
    for (const [i, item] of list.entries()) {
      if (index.has(item.id)) issues.add({ path: `${path}[${i}].id`, message: `duplicate id "${item.id}"` });
      index.set(item.id, i);
    }
    return index;
  };
  const group = unique(doc.groups, 'groups');
  const district = unique(doc.districts, 'districts');
  const area = unique(doc.areas, 'areas');
  const venue = unique(doc.venues, 'venues');
  const block = unique(doc.blocks, 'blocks');
  const advisor = unique(doc.advisors, 'advisors');
  return {
    issues,
    group,
    district,
    area,
    venue,
    block,
    advisor,
    knownDistrict(d, path) {
      if (!district.has(d))
        issues.add({
          path,
          message: `unknown district "${d}"; expected one of ${[...district.keys()].join(', ')}`,
        });
    },
  };
}

function areasOf(doc: InstanceDoc, ix: IdIndexes): PlanningInstance['areas'] {
  return doc.areas.map((a, i) => {
    ix.knownDistrict(a.district, `areas[${i}].district`);
    const need = doc.groups.map(() => 0);
    for (const [g, n] of Object.entries(a.need)) {
      const gi = ix.group.get(g);
      if (gi === undefined) ix.issues.add({ path: `areas[${i}].need.${g}`, message: `unknown group "${g}"` });
      else need[gi] = n;
    }
    return { id: a.id, district: a.district, need };
  });
}

function venuesOf(doc: InstanceDoc, ix: IdIndexes, dates: readonly string[]): Venue[] {
  return doc.venues.map((v, i) => {
    ix.knownDistrict(v.district, `venues[${i}].district`);
    const hours = venueHours(v.hours, `venues[${i}].hours`, dates, ix.issues);
    const reach = venueReach(v.reach, `venues[${i}].reach`, ix);
    checkLearnedContacts(v.learnedContacts ?? [], `venues[${i}].learnedContacts`, ix.issues);
    return {
      id: v.id,
      district: v.district,
      hours,
      reach,
      nearFixedPoint: v.nearFixedPoint ?? null,
      ...(v.learnedContacts?.length ? { learnedContacts: v.learnedContacts.map((l) => ({ ...l })) } : {}),
    };
  });
}

/** A venue's opening hours on each date of the horizon: weekly hours (less closed dates), or per date. */
function venueHours(
  given: InstanceDoc['venues'][number]['hours'],
  path: string,
  dates: readonly string[],
  issues: IssueList,
): Record<string, [string, string][]> {
  const perDate: Record<string, [string, string][]> = {};
  if (typeof given === 'string' || 'weekly' in given) {
    const text = typeof given === 'string' ? given : (given.weekly as string);
    const closedHere = new Set(
      typeof given === 'string' ? [] : ((given.closed as string[] | undefined) ?? []),
    );
    const rules = parseCompactHours(text);
    if (!rules.ok) issues.add({ path, message: rules.error });
    else {
      for (const d of dates) {
        if (closedHere.has(d)) continue;
        const wd = isoWeekday(d);
        const list = rules.value
          .filter((r) => r.weekday === wd)
          .map((r) => [r.opens, r.closes] as [string, string]);
        if (list.length > 0) perDate[d] = list;
      }
    }
  } else {
    for (const [d, list] of Object.entries(given as Record<string, [string, string][]>)) {
      for (const [k, [s, e]] of list.entries())
        if (e <= s)
          issues.add({
            path: `${path}.${d}[${k}]`,
            message: `expected the closing time after ${s}`,
          });
      perDate[d] = list;
    }
  }
  return perDate;
}

/** The areas a venue reaches, with the groups it reaches there, by index. */
function venueReach(reachById: Record<string, string[]>, path: string, ix: IdIndexes): Venue['reach'] {
  const reach: { area: number; groups: number[] }[] = [];
  for (const [areaId, groups] of Object.entries(reachById)) {
    const a = ix.area.get(areaId);
    if (a === undefined) {
      ix.issues.add({ path: `${path}.${areaId}`, message: `unknown area "${areaId}"` });
      continue;
    }
    const gs: number[] = [];
    for (const [k, g] of groups.entries()) {
      const gi = ix.group.get(g);
      if (gi === undefined)
        ix.issues.add({ path: `${path}.${areaId}[${k}]`, message: `unknown group "${g}"` });
      else gs.push(gi);
    }
    reach.push({ area: a, groups: gs });
  }
  return reach;
}

/** Learned contacts: each time block ends after it starts, and appears once. */
function checkLearnedContacts(
  learned: readonly { start: string; end: string }[],
  path: string,
  issues: IssueList,
): void {
  const learnedTimes = new Set<string>();
  for (const [k, l] of learned.entries()) {
    if (l.end <= l.start)
      issues.add({
        path: `${path}[${k}].end`,
        message: `expected a time after ${l.start}`,
      });
    if (learnedTimes.has(`${l.start}-${l.end}`))
      issues.add({
        path: `${path}[${k}]`,
        message: `duplicate time block ${l.start}–${l.end}`,
      });
    learnedTimes.add(`${l.start}-${l.end}`);
  }
}

function advisorsOf(doc: InstanceDoc, ix: IdIndexes): PlanningInstance['advisors'] {
  return doc.advisors.map((a, i) => {
    const availability = parseCompactHours(a.availability);
    if (!availability.ok) ix.issues.add({ path: `advisors[${i}].availability`, message: availability.error });
    for (const [k, d] of (a.districts ?? []).entries()) ix.knownDistrict(d, `advisors[${i}].districts[${k}]`);
    for (const [k, r] of (a.absences ?? []).entries())
      if (r.to < r.from)
        ix.issues.add({
          path: `advisors[${i}].absences[${k}].to`,
          message: `expected a date on or after ${r.from}`,
        });
    return {
      id: a.id,
      languages: a.languages,
      minutesPerWeek: a.hoursPerWeek * 60,
      maxVisitsPerDay: a.maxVisitsPerDay,
      availability: availability.ok
        ? availability.value.map((r) => ({ weekday: r.weekday, start: r.opens, end: r.closes }))
        : [],
      absences: a.absences ?? [],
      districts: a.districts ?? [],
    };
  });
}

/** Travel minutes between venues, row-major by venue index; NaN where none is given. */
function travelOf(doc: InstanceDoc, ix: IdIndexes): Float64Array {
  const n = doc.venues.length;
  const travel = new Float64Array(n * n).fill(Number.NaN);
  for (let v = 0; v < n; v++) travel[v * n + v] = 0;
  for (const [fromId, row] of Object.entries(doc.travel ?? {})) {
    const f = ix.venue.get(fromId);
    if (f === undefined) {
      ix.issues.add({ path: `travel.${fromId}`, message: `unknown venue "${fromId}"` });
      continue;
    }
    for (const [toId, minutes] of Object.entries(row)) {
      const t = ix.venue.get(toId);
      if (t === undefined)
        ix.issues.add({ path: `travel.${fromId}.${toId}`, message: `unknown venue "${toId}"` });
      else travel[f * n + t] = minutes;
    }
  }
  return travel;
}

function pinsOf(doc: InstanceDoc, ix: IdIndexes): PlanningInstance['pins'] {
  return (doc.pins ?? []).map((p, i) => {
    const venue = ix.venue.get(p.venue);
    if (venue === undefined)
      ix.issues.add({ path: `pins[${i}].venue`, message: `unknown venue "${p.venue}"` });
    const advisorsOfPin = p.advisors.map((a, k) => {
      const ai = ix.advisor.get(a);
      if (ai === undefined)
        ix.issues.add({ path: `pins[${i}].advisors[${k}]`, message: `unknown advisor "${a}"` });
      return ai ?? -1;
    });
    if (p.end <= p.start)
      ix.issues.add({ path: `pins[${i}].end`, message: `expected a time after ${p.start}` });
    return {
      venue: venue ?? -1,
      date: p.date,
      start: p.start,
      end: p.end,
      advisors: advisorsOfPin,
      visitId: p.visitId ?? null,
    };
  });
}

function seriesPinsOf(doc: InstanceDoc, ix: IdIndexes) {
  return (doc.seriesPins ?? []).map((p, i) => {
    const venue = ix.venue.get(p.venue);
    if (venue === undefined)
      ix.issues.add({ path: `seriesPins[${i}].venue`, message: `unknown venue "${p.venue}"` });
    if (p.end <= p.start)
      ix.issues.add({ path: `seriesPins[${i}].end`, message: `expected a time after ${p.start}` });
    return { ...p, venue: venue ?? -1 };
  });
}

function requestsOf(doc: InstanceDoc, ix: IdIndexes): PlanningInstance['requests'] {
  return (doc.requests ?? []).map((r, i) => {
    const venue = ix.venue.get(r.venue);
    if (venue === undefined)
      ix.issues.add({ path: `requests[${i}].venue`, message: `unknown venue "${r.venue}"` });
    const block = r.block ? ix.block.get(r.block) : null;
    if (r.block && block === undefined)
      ix.issues.add({ path: `requests[${i}].block`, message: `unknown block "${r.block}"` });
    if (r.from && r.to && r.to < r.from)
      ix.issues.add({ path: `requests[${i}].to`, message: `expected a date on or after ${r.from}` });
    return {
      id: r.id,
      venue: venue ?? -1,
      date: r.date ?? null,
      weekday: r.weekday ?? null,
      block: block ?? null,
      priority: r.priority,
      ...(r.from ? { from: r.from } : {}),
      ...(r.to ? { to: r.to } : {}),
      ...(r.weekdays?.length ? { weekdays: [...new Set(r.weekdays)].sort((a, b) => a - b) } : {}),
    };
  });
}

/** The instance back as JSON (what `planningInstanceFromJson` reads), e.g. to save a product instance. */
export function planningInstanceToJson(x: PlanningInstance): PlanningInstanceJson {
  const n = x.venues.length;
  const travel: Record<string, Record<string, number>> = {};
  for (let f = 0; f < n; f++) {
    const row: Record<string, number> = {};
    for (let t = 0; t < n; t++) {
      const v = x.travel[f * n + t] ?? Number.NaN;
      if (f !== t && !Number.isNaN(v)) row[x.venues[t]?.id ?? ''] = Math.round(v * 10) / 10;
    }
    travel[x.venues[f]?.id ?? ''] = row;
  }
  const day = (w: number) => ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'][w - 1] ?? 'Mo';
  return {
    name: x.name,
    from: x.from,
    to: x.to,
    closedDates: [...x.closedDates],
    groups: x.groups.map((g) => ({ id: g.id, weight: g.weight, language: g.language })),
    districts: x.districts.map((d) => ({ id: d.id, minVisitsPerWeek: d.minVisitsPerWeek })),
    areas: x.areas.map((a) => ({
      id: a.id,
      district: a.district,
      need: Object.fromEntries(
        x.groups.map((g, i) => [g.id, a.need[i] ?? 0]).filter(([, v]) => (v as number) > 0),
      ),
    })),
    venues: x.venues.map((v) => ({
      id: v.id,
      district: v.district,
      hours: Object.fromEntries(
        Object.entries(v.hours).map(([d, list]) => [d, list.map(([s, e]) => [s, e] as [string, string])]),
      ),
      reach: Object.fromEntries(
        v.reach.map((r) => [x.areas[r.area]?.id ?? '', r.groups.map((g) => x.groups[g]?.id ?? '')]),
      ),
      ...(v.nearFixedPoint ? { nearFixedPoint: v.nearFixedPoint } : {}),
      ...(v.learnedContacts?.length ? { learnedContacts: v.learnedContacts.map((l) => ({ ...l })) } : {}),
    })),
    blocks: x.blocks.map((b) => ({ ...b })),
    advisors: x.advisors.map((a) => ({
      id: a.id,
      languages: [...a.languages],
      hoursPerWeek: a.minutesPerWeek / 60,
      maxVisitsPerDay: a.maxVisitsPerDay,
      availability: a.availability.map((w) => `${day(w.weekday)} ${w.start}-${w.end}`).join('; '),
      absences: a.absences.map((r) => ({ ...r })),
      districts: [...a.districts],
    })),
    travel,
    pins: x.pins.map((p) => ({
      venue: x.venues[p.venue]?.id ?? '',
      date: p.date,
      start: p.start,
      end: p.end,
      advisors: p.advisors.map((a) => x.advisors[a]?.id ?? ''),
      ...(p.visitId ? { visitId: p.visitId } : {}),
    })),
    requests: x.requests.map((r) => ({
      id: r.id,
      venue: x.venues[r.venue]?.id ?? '',
      date: r.date,
      weekday: r.weekday,
      block: r.block === null ? null : (x.blocks[r.block]?.id ?? null),
      priority: r.priority,
      ...(r.from ? { from: r.from } : {}),
      ...(r.to ? { to: r.to } : {}),
      ...(r.weekdays?.length ? { weekdays: [...r.weekdays] } : {}),
    })),
    ...(x.seriesPins?.length
      ? { seriesPins: x.seriesPins.map((p) => ({ ...p, venue: x.venues[p.venue]?.id ?? '' })) }
      : {}),
    parameters: { ...x.params },
    ...(x.newVisitDates ? { newVisitDates: [...x.newVisitDates] } : {}),
  };
}
