/**
 * The planning instance a job solves. A plan: the loaded data over its weeks with the city's
 * rules and the request's, the published visits it keeps as pins. A repair: the weeks around its
 * event with the city's rules, every published visit the event leaves alone pinned, new visits
 * only on the event's dates, and a preference for keeping the visits residents have booked.
 */
import type { CancelReason } from '../../core/model/visit.ts';
import type { PlanningInstance, PlanningPin, PlanningRequest } from '../../core/planning/instance.ts';
import { datesBetween, startOfIsoWeek } from '../../core/time/civil-time.ts';
import type { StoredVisit } from '../../db/repositories/plan-repository.ts';
import type { ReadRepositories } from '../../db/repositories.ts';
import type { AccessService } from '../access-service.ts';
import { InvalidInputError } from '../errors.ts';
import { isAffectedBy } from './plan-changes.ts';
import type { PlanJobRequest } from './plan-request.ts';
import { buildPlanningData, type PartnerRequestsUsed, type SeriesPinLeftOut } from './planning-data.ts';
import {
  type CityRules,
  type EffectiveRules,
  effectiveRules,
  loadCityRules,
  planningDataOf,
} from './planning-rules.ts';

/** The instance, the reason given to published visits it does not keep, and what it was made with. */
export interface JobInstance {
  readonly instance: PlanningInstance;
  readonly reason: CancelReason;
  readonly scenarioId: string | null;
  readonly rules: EffectiveRules;
  readonly seriesPinsLeftOut: readonly SeriesPinLeftOut[];
  readonly partnerRequests: PartnerRequestsUsed;
  readonly notes: readonly string[];
}

interface InstanceDeps {
  readonly repos: ReadRepositories;
  readonly access: AccessService;
}

type PlanRequest = Extract<PlanJobRequest, { kind: 'plan' }>;
type RepairRequest = Extract<PlanJobRequest, { kind: 'repair' }>;

export async function instanceForJob(deps: InstanceDeps, req: PlanJobRequest): Promise<JobInstance> {
  const city = await loadCityRules(deps.repos);
  const cityNotes = city.problem ? [city.problem] : [];
  return req.kind === 'plan'
    ? planInstance(deps, req, city.rules, cityNotes)
    : repairInstance(deps, req, city.rules, cityNotes);
}

async function planInstance(
  deps: InstanceDeps,
  req: PlanRequest,
  cityRules: CityRules['rules'],
  cityNotes: readonly string[],
): Promise<JobInstance> {
  const rules = effectiveRules(cityRules, req.rules);
  const data = await buildPlanningData(deps, {
    from: req.from,
    weeks: req.weeks,
    ...(req.scenarioId ? { scenarioId: req.scenarioId } : {}),
    ...planningDataOf(rules),
  });
  const x = data.instance;
  const published = req.keepPublished ? await deps.repos.plans.listScheduled(x.from, x.to) : [];
  return {
    instance: { ...x, pins: pinsOf(x, published) },
    reason: 'replanned',
    scenarioId: req.scenarioId ?? null,
    rules,
    seriesPinsLeftOut: data.seriesPinsLeftOut,
    partnerRequests: data.partnerRequests,
    notes: [...cityNotes, ...data.notes],
  };
}

async function repairInstance(
  deps: InstanceDeps,
  req: RepairRequest,
  cityRules: CityRules['rules'],
  cityNotes: readonly string[],
): Promise<JobInstance> {
  const e = req.event;
  const first = e.type === 'absence' ? e.from : e.date;
  const last = e.type === 'absence' ? e.to : e.date;
  const from = startOfIsoWeek(first);
  const weeks = Math.floor(datesBetween(from, last).length / 7) + 1;
  // A repair keeps the published visits (pinned series among them) and fills gaps on the
  // affected dates only: the city's rules apply, series pins are for new plans.
  const rules = effectiveRules(cityRules, undefined);
  const data = await buildPlanningData(deps, {
    from,
    weeks: Math.min(26, weeks),
    ...planningDataOf(rules),
    withSeriesPins: false,
  });
  const x = data.instance;
  const published = await deps.repos.plans.listScheduled(x.from, x.to);
  const kept = published.filter((v) => !isAffectedBy(e, v));
  const booked = await bookedVisitRequests(
    deps.repos,
    x,
    published.filter((v) => isAffectedBy(e, v)),
  );
  return {
    instance: {
      ...x,
      pins: pinsOf(x, kept),
      newVisitDates: datesBetween(first, last),
      requests: [...x.requests, ...booked.requests],
    },
    reason: e.type === 'absence' ? 'advisor-absent' : 'venue-closed',
    scenarioId: null,
    rules,
    seriesPinsLeftOut: [],
    partnerRequests: data.partnerRequests,
    notes: [...cityNotes, ...data.notes, ...booked.notes],
  };
}

/** Published visits as pins, by the instance's venue and advisor indexes. */
function pinsOf(x: PlanningInstance, visits: readonly StoredVisit[]): PlanningPin[] {
  const venueIndex = new Map(x.venues.map((v, i) => [v.id, i]));
  const advisorIndex = new Map(x.advisors.map((a, i) => [a.id, i]));
  return visits.map((v) => {
    const venue = venueIndex.get(v.venueId);
    if (venue === undefined)
      throw new InvalidInputError(
        `published visit ${v.id} (${v.venueId} ${v.date} ${v.start}–${v.end}) cannot stay: the venue is not in service; cancel it or plan without keeping published visits`,
        'keepPublished',
      );
    return {
      venue,
      date: v.date,
      start: v.start,
      end: v.end,
      advisors: v.advisorIds.map((a) => {
        const i = advisorIndex.get(a);
        if (i === undefined)
          throw new InvalidInputError(
            `published visit ${v.id} (${v.venueId} ${v.date}) cannot stay: advisor ${a} is no longer active`,
            'keepPublished',
          );
        return i;
      }),
      visitId: v.id,
    };
  });
}

/**
 * A repair prefers keeping the visits residents have booked: for each affected visit with open
 * bookings, a soft request for a visit at its venue, date and time (worth more the more
 * bookings it has). A visit the repair makes there keeps the published one's id and its
 * bookings ("re-staffed"); one it cannot make (the venue closed, nobody free) is cancelled
 * with its bookings when the repair is published.
 */
async function bookedVisitRequests(
  repos: ReadRepositories,
  x: PlanningInstance,
  affected: readonly StoredVisit[],
): Promise<{ requests: PlanningRequest[]; notes: string[] }> {
  const counts = await repos.bookings.countsByVisit(affected.map((v) => v.id));
  const open = new Map(counts.filter((c) => c.booked > 0).map((c) => [c.visitId as string, c.booked]));
  const requests: PlanningRequest[] = [];
  const notes: string[] = [];
  for (const v of affected) {
    const n = open.get(v.id);
    if (!n) continue;
    const venue = x.venues.findIndex((s) => s.id === v.venueId);
    const block = x.blocks.findIndex((b) => b.start === v.start && b.end === v.end);
    // Only where a visit can be made again: the venue open that day, the time one of the blocks.
    if (venue < 0 || block < 0 || !x.venues[venue]?.hours[v.date]) {
      notes.push(
        `visit ${v.id} (${v.venueId} ${v.date} ${v.start}–${v.end}) has ${n} booking(s) but cannot be kept: its venue is closed that day or its time is not one of the plan's blocks`,
      );
      continue;
    }
    requests.push({
      id: `booked:${v.id}`,
      venue,
      date: v.date,
      weekday: null,
      block,
      priority: Math.min(5, n),
    });
  }
  if (requests.length > 0)
    notes.push(
      `${requests.length} affected visit(s) with bookings are preferred kept at their place and time`,
    );
  return { requests, notes };
}
