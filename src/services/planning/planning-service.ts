/**
 * Planning as jobs, plan versions and publication.
 *
 * - A job (plan or repair) is queued in the database; any neuvo process claims it (FOR UPDATE
 *   SKIP LOCKED), solves it in a worker thread, writes progress and a heartbeat as it goes,
 *   and writes the plan and the job's end in one transaction: a plan is all there or not at all.
 * - A job whose process stopped (no heartbeat) is queued again once, then marked failed.
 * - A plan keeps every published visit it can (pins); what publishing it changes is stored with
 *   it: visits kept, re-staffed (same place and time, other advisors), cancelled (with reason)
 *   and added. Publishing applies exactly that, and refuses if the public schedule changed since.
 */
import { z } from 'zod';
import { isUuid, isValidId } from '../../core/ids.ts';
import type { CancelReason } from '../../core/model/visit.ts';
import type { PlanningInstance, PlanningPin, PlanningRequest } from '../../core/planning/instance.ts';
import { validatePlan } from '../../core/planning/validate.ts';
import { datesBetween, isIsoDate, startOfIsoWeek } from '../../core/time/civil-time.ts';
import type { PlanJobRow, PlanRow, StoredVisit } from '../../db/repositories/plan-repository.ts';
import { inTransaction, type ReadRepositories } from '../../db/repositories.ts';
import type { Store } from '../../db/store.ts';
import type { AccessService } from '../access-service.ts';
import { type Actor, writeAudit } from '../audit-service.ts';
import { cancelBookingsOfVisits } from '../booking/booking-cancellation.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.ts';
import { type PlanOutcome, runPlanInWorker, type SolvedPlan } from './plan-runner.ts';
import { PLAN_SOLVERS, type PlanProgress, relGap } from './planner.ts';
import { buildPlanningData, type PartnerRequestsUsed, type SeriesPinLeftOut } from './planning-data.ts';
import {
  type CityRules,
  type EffectiveRules,
  effectiveRules,
  jsonPath,
  loadCityRules,
  planningDataOf,
  planningRulesSchema,
  unknownVenues,
} from './planning-rules.ts';

const isoDate = z.string().refine(isIsoDate, 'expected a date as YYYY-MM-DD');
const id = z.string().refine(isValidId, 'expected an id (letters, digits, _ . -)');

export const planRequestSchema = z
  .object({
    kind: z.literal('plan'),
    from: isoDate,
    weeks: z.number().int().min(1).max(26),
    scenarioId: id.optional(),
    solver: z.enum(PLAN_SOLVERS).default('auto'),
    timeLimitSeconds: z.number().positive().max(3600).default(60),
    /** Keep the published visits in the horizon (pins); false: replan them too. */
    keepPublished: z.boolean().default(true),
    whatIfSeconds: z.number().min(0).max(30).default(1.5),
    /** Rhythm rules for this plan; each one left out takes the city's default. */
    rules: planningRulesSchema.optional(),
  })
  .strict();

export const repairEventSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('absence'),
      advisorId: id,
      from: isoDate,
      to: isoDate,
      absenceKind: z.enum(['leave', 'sick', 'training', 'other']).default('sick'),
    })
    .strict(),
  z.object({ type: z.literal('venue-closed'), venueId: id, date: isoDate }).strict(),
]);

export const repairRequestSchema = z
  .object({
    kind: z.literal('repair'),
    event: repairEventSchema,
    solver: z.enum(PLAN_SOLVERS).default('auto'),
    timeLimitSeconds: z.number().positive().max(600).default(10),
  })
  .strict();

export const planJobRequestSchema = z.discriminatedUnion('kind', [planRequestSchema, repairRequestSchema]);
export type PlanJobRequest = z.output<typeof planJobRequestSchema>;
export type PlanJobRequestInput = z.input<typeof planJobRequestSchema>;
export type RepairEvent = z.output<typeof repairEventSchema>;

export type { PlanJobRow, PlanRow, StoredVisit } from '../../db/repositories/plan-repository.ts';

export interface PlanChanges {
  /** Published visits this plan keeps unchanged. */
  readonly kept: readonly string[];
  /** Published visits kept at the same place and time with other advisors. */
  readonly restaffed: readonly { visitId: string; advisorIds: string[]; previous: string[] }[];
  /** Published visits publishing cancels, with the reason residents are given. */
  readonly cancelled: readonly { visitId: string; reason: CancelReason }[];
  /** New visits (the plan's own). */
  readonly added: number;
}

export interface PlanSummary {
  readonly request: PlanJobRequest;
  /** The rules the plan was made with: product defaults ← city defaults ← the request's (absent in older plans). */
  readonly rules?: EffectiveRules;
  /** Series pins the plan kept, and those left out with the reason (absent in older plans). */
  readonly seriesPins?: { readonly kept: readonly string[]; readonly leftOut: readonly SeriesPinLeftOut[] };
  /** Accepted partner requests the plan was made with, by reference code (absent in older plans). */
  readonly partnerRequests?: PartnerRequestsUsed;
  readonly breakdown: SolvedPlan['breakdown'];
  readonly notes: readonly string[];
  readonly problems: SolvedPlan['problems'];
  readonly perDistrictWeek: SolvedPlan['perDistrictWeek'];
  readonly advisorMinutes: SolvedPlan['advisorMinutes'];
  readonly whatIfs: SolvedPlan['whatIfs'];
  readonly visits: number;
}

export interface PlanDetail {
  readonly plan: PlanRow;
  /** The whole schedule of the plan: its new visits and the published ones it keeps. */
  readonly visits: readonly (StoredVisit & { readonly change: 'added' | 'kept' | 'restaffed' })[];
  /** Published visits publishing would cancel (for a draft) or did cancel. */
  readonly cancelled: readonly (StoredVisit & { readonly reason: CancelReason })[];
  readonly changes: PlanChanges;
  readonly summary: PlanSummary | null;
}

/** What residents are told when a visit is cancelled. */
export const CANCEL_NOTES: Record<CancelReason, { fi: string; sv: string; en: string }> = {
  'advisor-absent': {
    fi: 'Neuvoja on estynyt.',
    sv: 'Rådgivaren är förhindrad.',
    en: 'The advisor cannot come.',
  },
  'venue-closed': {
    fi: 'Paikka on suljettu tänä päivänä.',
    sv: 'Platsen är stängd denna dag.',
    en: 'The venue is closed on this day.',
  },
  replanned: {
    fi: 'Aikataulua on muutettu.',
    sv: 'Tidtabellen har ändrats.',
    en: 'The schedule has changed.',
  },
  'low-demand': {
    fi: 'Käynti on peruttu vähäisen kysynnän vuoksi.',
    sv: 'Besöket är inställt på grund av låg efterfrågan.',
    en: 'The visit is cancelled because of low demand.',
  },
  other: { fi: 'Käynti on peruttu.', sv: 'Besöket är inställt.', en: 'The visit is cancelled.' },
};

export interface JobProgress extends PlanProgress {
  readonly gap: number | null;
}

export interface PlanningServiceDeps {
  readonly store: Store;
  readonly repos: ReadRepositories;
  readonly access: AccessService;
  /** How long a running job may go without a heartbeat before it counts as interrupted. */
  readonly staleSeconds?: number;
  readonly maxAttempts?: number;
  /** Clock of the audit log's entries (epoch ms); default the system's. */
  readonly now?: () => number;
}

/** Who asks for a job, a cancel or a publication (the audit log); none: the command line. */
type ActorArg = Actor | { readonly id: string; readonly email: string } | null | undefined;
const auditActor = (who: ActorArg): Actor | null =>
  who ? ('userId' in who ? who : { userId: who.id, email: who.email }) : null;

const keyOf = (v: { venueId: string; date: string; start: string; end: string }) =>
  `${v.venueId}|${v.date}|${v.start}|${v.end}`;
const gapOf = (incumbent: number | null, bound: number | null) =>
  incumbent === null || bound === null ? null : relGap(incumbent, bound);

export function createPlanningService(deps: PlanningServiceDeps) {
  const { store, repos } = deps;
  const clock = deps.now ?? (() => Date.now());
  const staleSeconds = deps.staleSeconds ?? 60;
  const maxAttempts = deps.maxAttempts ?? 2;

  function parseRequest(raw: unknown): PlanJobRequest {
    const parsed = planJobRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = jsonPath(issue?.path ?? []) || 'request';
      throw new InvalidInputError(`${path}: ${issue?.message ?? 'invalid'}`, path);
    }
    return parsed.data;
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

  function affects(event: RepairEvent, v: StoredVisit): boolean {
    if (event.type === 'absence')
      return v.date >= event.from && v.date <= event.to && v.advisorIds.includes(event.advisorId as never);
    return v.venueId === event.venueId && v.date === event.date;
  }

  /**
   * The instance a job solves, the reason given to published visits it does not keep, and what
   * it was made with: the effective rules, and the series pins kept and left out.
   */
  async function instanceFor(req: PlanJobRequest): Promise<{
    instance: PlanningInstance;
    reason: CancelReason;
    scenarioId: string | null;
    rules: EffectiveRules;
    seriesPinsLeftOut: readonly SeriesPinLeftOut[];
    partnerRequests: PartnerRequestsUsed;
    notes: readonly string[];
  }> {
    const city = await loadCityRules(repos);
    const cityNotes = city.problem ? [city.problem] : [];
    if (req.kind === 'plan') {
      const rules = effectiveRules(city.rules, req.rules);
      const data = await buildPlanningData(deps, {
        from: req.from,
        weeks: req.weeks,
        ...(req.scenarioId ? { scenarioId: req.scenarioId } : {}),
        ...planningDataOf(rules),
      });
      const x = data.instance;
      const published = req.keepPublished ? await repos.plans.listScheduled(x.from, x.to) : [];
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
    const e = req.event;
    const first = e.type === 'absence' ? e.from : e.date;
    const last = e.type === 'absence' ? e.to : e.date;
    const from = startOfIsoWeek(first);
    const weeks = Math.floor(datesBetween(from, last).length / 7) + 1;
    // A repair keeps the published visits (pinned series among them) and fills gaps on the
    // affected dates only: the city's rules apply, series pins are for new plans.
    const rules = effectiveRules(city.rules, undefined);
    const data = await buildPlanningData(deps, {
      from,
      weeks: Math.min(26, weeks),
      ...planningDataOf(rules),
      withSeriesPins: false,
    });
    const x = data.instance;
    const published = await repos.plans.listScheduled(x.from, x.to);
    const kept = published.filter((v) => !affects(e, v));
    const booked = await bookedVisitRequests(
      x,
      published.filter((v) => affects(e, v)),
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

  /**
   * A repair prefers keeping the visits residents have booked: for each affected visit with open
   * bookings, a soft request for a visit at its venue, date and time (worth more the more
   * bookings it has). A visit the repair makes there keeps the published one's id and its
   * bookings ("re-staffed"); one it cannot make (the venue closed, nobody free) is cancelled
   * with its bookings when the repair is published.
   */
  async function bookedVisitRequests(
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

  /** Compares a solved plan with the published schedule now. */
  function changesOf(
    plan: SolvedPlan,
    published: readonly StoredVisit[],
    reason: CancelReason,
  ): { changes: PlanChanges; added: SolvedPlan['visits'] } {
    const kept = new Set(plan.visits.flatMap((v) => (v.pinnedVisitId ? [v.pinnedVisitId] : [])));
    const fresh = new Map<string, SolvedPlan['visits'][number]>();
    for (const v of plan.visits) if (!v.pinnedVisitId) fresh.set(keyOf(v), v);
    const restaffed: PlanChanges['restaffed'][number][] = [];
    const cancelled: PlanChanges['cancelled'][number][] = [];
    for (const p of published) {
      if (kept.has(p.id)) continue;
      const same = fresh.get(keyOf(p));
      if (same) {
        fresh.delete(keyOf(p));
        restaffed.push({
          visitId: p.id,
          advisorIds: [...same.advisorIds].sort(),
          previous: [...p.advisorIds],
        });
      } else cancelled.push({ visitId: p.id, reason });
    }
    const added = [...fresh.values()];
    return {
      changes: { kept: [...kept], restaffed, cancelled, added: added.length },
      added,
    };
  }

  async function runJob(
    job: PlanJobRow,
    options: { onProgress?: (p: JobProgress) => void } = {},
  ): Promise<PlanJobRow> {
    let req: PlanJobRequest;
    let built: Awaited<ReturnType<typeof instanceFor>>;
    try {
      req = parseRequest(job.request);
      built = await instanceFor(req);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      await inTransaction(store, (tx) => tx.plans.setJobFinished(job.id, { status: 'failed', error }));
      return (await repos.plans.getJob(job.id)) as PlanJobRow;
    }

    let latest: JobProgress = {
      elapsedSeconds: 0,
      incumbent: null,
      bound: null,
      phase: 'starting',
      gap: null,
    };
    let written = 0;
    let cancelled = false;
    const running = runPlanInWorker(
      {
        instance: built.instance,
        solver: req.solver,
        timeLimitSeconds: req.timeLimitSeconds,
        whatIfSeconds: req.kind === 'plan' ? req.whatIfSeconds : 0,
      },
      (p) => {
        latest = { ...p, gap: gapOf(p.incumbent, p.bound) };
        options.onProgress?.(latest);
        if (performance.now() - written > 1000) void beat();
      },
    );
    // Progress and heartbeat at most once a second; the answer says whether to stop.
    let beating = false;
    const beat = async () => {
      if (beating) return;
      beating = true;
      written = performance.now();
      try {
        const { cancelRequested } = await inTransaction(store, (tx) =>
          tx.plans.setJobProgress(job.id, latest),
        );
        if (cancelRequested && !cancelled) {
          cancelled = true;
          running.cancel();
        }
      } finally {
        beating = false;
      }
    };
    const heart = setInterval(() => void beat(), 2000);
    let outcome: PlanOutcome;
    try {
      outcome = await running.outcome;
    } finally {
      clearInterval(heart);
    }

    if (!outcome.ok) {
      const status = outcome.reason === 'cancelled' ? 'cancelled' : 'failed';
      await inTransaction(store, (tx) =>
        tx.plans.setJobFinished(job.id, { status, error: outcome.message, progress: latest }),
      );
      return (await repos.plans.getJob(job.id)) as PlanJobRow;
    }
    const solved = outcome.plan;
    const x = built.instance;
    // Every plan is re-checked by the independent validator before it is written.
    const violations = validatePlan(x, solved.visits);
    if (violations.length > 0) {
      const error = `the plan breaks ${violations.length} rule(s), e.g. ${violations[0]?.rule}: ${violations[0]?.message}; this is a bug, please report it`;
      await inTransaction(store, (tx) =>
        tx.plans.setJobFinished(job.id, { status: 'failed', error, progress: latest }),
      );
      return (await repos.plans.getJob(job.id)) as PlanJobRow;
    }
    await inTransaction(store, async (tx) => {
      // Compare with the schedule as it is now, inside the transaction that writes the plan.
      const published = await tx.plans.listScheduled(x.from, x.to);
      const relevant =
        req.kind === 'repair'
          ? published.filter((v) => affects(req.event, v) || solvedKeeps(solved, v.id))
          : published;
      const { changes, added } = changesOf(solved, relevant, built.reason);
      const summary: PlanSummary = {
        request: req,
        rules: built.rules,
        seriesPins: {
          kept: (x.seriesPins ?? []).map((p) => p.id),
          leftOut: built.seriesPinsLeftOut,
        },
        partnerRequests: built.partnerRequests,
        breakdown: solved.breakdown,
        notes: [...built.notes, ...solved.notes],
        problems: solved.problems,
        perDistrictWeek: solved.perDistrictWeek,
        advisorMinutes: solved.advisorMinutes,
        whatIfs: solved.whatIfs,
        visits: solved.visits.length,
      };
      const planId = await tx.plans.insertPlan(
        {
          kind: req.kind,
          horizonFrom: x.from,
          horizonTo: x.to,
          solver: solved.solver,
          objective: solved.objective,
          bound: solved.bound,
          gap: solved.gap,
          optimal: solved.optimal,
          seconds: solved.seconds,
          scenarioId: built.scenarioId,
          summary,
          changes,
          createdBy: job.createdBy,
        },
        added.map((v) => ({
          venueId: v.venueId,
          date: v.date,
          start: v.start,
          end: v.end,
          advisorIds: v.advisorIds,
          explanation: v.explanation,
        })),
      );
      await tx.plans.setJobFinished(job.id, {
        status: 'succeeded',
        planId,
        progress: {
          elapsedSeconds: solved.seconds,
          incumbent: solved.objective,
          bound: solved.bound,
          phase: 'done',
          gap: solved.gap,
        },
      });
    });
    return (await repos.plans.getJob(job.id)) as PlanJobRow;
  }

  const solvedKeeps = (plan: SolvedPlan, visitId: string) =>
    plan.visits.some((v) => v.pinnedVisitId === visitId);

  return {
    parseRequest,

    /** The city's default rules, filled in with the product's, and where they come from. */
    async cityRules(): Promise<{
      rules: EffectiveRules;
      source: CityRules['source'];
      problem: string | null;
    }> {
      const city = await loadCityRules(repos);
      return { rules: effectiveRules(city.rules, undefined), source: city.source, problem: city.problem };
    },

    /** Queues a job. A repair first records its event (the absence, the closed day) with it. */
    async enqueue(raw: unknown, createdBy: string | null, actor?: ActorArg): Promise<PlanJobRow> {
      const req = parseRequest(raw);
      if (req.kind === 'repair') {
        const e = req.event;
        if (e.type === 'absence') {
          if (e.to < e.from)
            throw new InvalidInputError('event.to: expected a date on or after event.from', 'event.to');
          const advisor = (await repos.advisors.list()).find((a) => a.id === e.advisorId);
          if (!advisor) throw new NotFoundError(`no advisor "${e.advisorId}"`, 'event.advisorId');
        } else {
          const site = (await repos.sites.list({})).find((s) => s.id === e.venueId);
          if (!site) throw new NotFoundError(`no venue "${e.venueId}"`, 'event.venueId');
        }
      } else if (req.rules?.allowNearFixedPoint?.length) {
        const venues = new Set<string>((await repos.sites.list({ role: 'venue' })).map((s) => s.id));
        const [unknown] = unknownVenues(req.rules, venues, 'rules.');
        if (unknown) throw new InvalidInputError(`${unknown.path}: no venue "${unknown.id}"`, unknown.path);
      }
      return inTransaction(store, async (tx) => {
        if (req.kind === 'repair') {
          const e = req.event;
          if (e.type === 'absence') await tx.advisors.insertAbsence(e.advisorId, e.from, e.to, e.absenceKind);
          else await tx.sites.replaceDayClosed(e.venueId, e.date, CANCEL_NOTES['venue-closed']);
        }
        const job = await tx.plans.insertJob({ kind: req.kind, request: req, createdBy });
        await writeAudit(tx, clock(), {
          actor: auditActor(actor),
          action: 'plan-job.create',
          targetType: 'plan-job',
          targetId: job.id,
          details: { kind: req.kind, ...(req.kind === 'repair' ? { event: req.event.type } : {}) },
        });
        return job;
      });
    },

    async getJob(jobId: string): Promise<PlanJobRow> {
      const job = isUuid(jobId) ? await repos.plans.getJob(jobId) : null;
      if (!job) throw new NotFoundError(`no planning job "${jobId}"`, 'id');
      return job;
    },
    listJobs: (limit?: number) => repos.plans.listJobs(limit),

    async cancelJob(jobId: string, actor?: ActorArg): Promise<PlanJobRow> {
      const job = isUuid(jobId)
        ? await inTransaction(store, async (tx) => {
            const cancelled = await tx.plans.setJobCancelRequested(jobId);
            if (cancelled)
              await writeAudit(tx, clock(), {
                actor: auditActor(actor),
                action: 'plan-job.cancel',
                targetType: 'plan-job',
                targetId: jobId,
                details: { status: cancelled.status },
              });
            return cancelled;
          })
        : null;
      if (!job) throw new NotFoundError(`no planning job "${jobId}"`, 'id');
      return job;
    },

    /** Jobs of processes that stopped: queued again once, then failed. */
    recoverStale: () =>
      inTransaction(store, (tx) => tx.plans.setStaleJobsRecovered(staleSeconds, maxAttempts)),

    /** Claims the oldest queued job and runs it to its end; null when none is queued. */
    async runNextJob(options: { onProgress?: (p: JobProgress) => void } = {}): Promise<PlanJobRow | null> {
      const job = await inTransaction(store, (tx) => tx.plans.setJobClaimed());
      return job ? runJob(job, options) : null;
    },

    /** Runs this queued job here and now (the CLI); null if another process has it. */
    async runJobNow(
      jobId: string,
      options: { onProgress?: (p: JobProgress) => void } = {},
    ): Promise<PlanJobRow | null> {
      const job = await inTransaction(store, (tx) => tx.plans.setJobClaimed(jobId));
      return job ? runJob(job, options) : null;
    },

    listPlans: (limit?: number) => repos.plans.listPlans(limit),

    async getPlan(planId: string): Promise<PlanDetail> {
      const plan = isUuid(planId) ? await repos.plans.getPlan(planId) : null;
      if (!plan) throw new NotFoundError(`no plan "${planId}"`, 'id');
      const changes = (plan.changes as PlanChanges | null) ?? {
        kept: [],
        restaffed: [],
        cancelled: [],
        added: 0,
      };
      const own = await repos.plans.listVisitsOfPlan(plan.id);
      const others = await repos.plans.listVisitsById([
        ...changes.kept,
        ...changes.restaffed.map((r) => r.visitId),
        ...changes.cancelled.map((c) => c.visitId),
      ]);
      const byId = new Map(others.map((v) => [v.id as string, v]));
      const restaffed = new Map(changes.restaffed.map((r) => [r.visitId, r]));
      const visits: PlanDetail['visits'][number][] = [
        ...own.map((v) => ({ ...v, change: 'added' as const })),
        ...changes.kept.flatMap((k) => {
          const v = byId.get(k);
          return v ? [{ ...v, change: 'kept' as const }] : [];
        }),
        ...[...restaffed.values()].flatMap((r) => {
          const v = byId.get(r.visitId);
          return v ? [{ ...v, advisorIds: r.advisorIds as never, change: 'restaffed' as const }] : [];
        }),
      ].sort(
        (a, b) =>
          a.date.localeCompare(b.date) ||
          a.start.localeCompare(b.start) ||
          a.venueId.localeCompare(b.venueId),
      );
      const cancelled = changes.cancelled.flatMap((c) => {
        const v = byId.get(c.visitId);
        return v ? [{ ...v, reason: c.reason }] : [];
      });
      return { plan, visits, cancelled, changes, summary: plan.summary as PlanSummary | null };
    },

    /** The plan on a map: areas with the number of its visits that reach them, venues with their visits. */
    async planGeoJson(planId: string) {
      const detail = await this.getPlan(planId);
      const [areas, sites] = await Promise.all([
        repos.areas.list({ withGeometry: true }),
        repos.sites.list({ role: 'venue' }),
      ]);
      const reached = new Map<string, number>();
      const visited = new Map<string, number>();
      for (const v of detail.visits) {
        visited.set(v.venueId, (visited.get(v.venueId) ?? 0) + 1);
        const e = v.explanation as { reached?: { areaId: string }[] } | null;
        for (const r of e?.reached ?? []) reached.set(r.areaId, (reached.get(r.areaId) ?? 0) + 1);
      }
      return {
        type: 'FeatureCollection' as const,
        features: [
          ...areas
            .filter((a) => a.kind !== 'district' && a.geometry)
            .map((a) => ({
              type: 'Feature' as const,
              id: a.id,
              geometry: a.geometry,
              properties: { kind: 'area', areaId: a.id, name: a.name, visits: reached.get(a.id) ?? 0 },
            })),
          ...sites
            .filter((s) => visited.has(s.id))
            .map((s) => ({
              type: 'Feature' as const,
              id: s.id,
              geometry: { type: 'Point' as const, coordinates: [s.location.lon, s.location.lat] },
              properties: { kind: 'venue', siteId: s.id, name: s.name, visits: visited.get(s.id) ?? 0 },
            })),
        ],
      };
    },

    /**
     * Makes a draft the public schedule: its visits published, re-staffed visits updated,
     * cancelled visits marked with their reason (never deleted). Refused when the published
     * schedule changed after the plan was made.
     */
    async publish(planId: string, actor?: ActorArg): Promise<PlanRow> {
      return inTransaction(store, async (tx) => {
        const plan = isUuid(planId) ? await tx.plans.getPlanForUpdate(planId) : null;
        if (!plan) throw new NotFoundError(`no plan "${planId}"`, 'id');
        if (plan.status !== 'draft')
          throw new ConflictError(`plan ${planId} is already ${plan.status}`, 'id');
        const changes = (plan.changes as PlanChanges | null) ?? {
          kept: [],
          restaffed: [],
          cancelled: [],
          added: 0,
        };
        const expected = new Set([
          ...changes.kept,
          ...changes.restaffed.map((r) => r.visitId),
          ...changes.cancelled.map((c) => c.visitId),
        ]);
        const now = await tx.plans.listScheduled(plan.horizonFrom, plan.horizonTo);
        const nowIds = new Set(now.map((v) => v.id as string));
        const gone = [...expected].filter((v) => !nowIds.has(v));
        const arrived =
          plan.kind === 'plan' ? now.filter((v) => !expected.has(v.id)).map((v) => v.id as string) : [];
        if (gone.length > 0 || arrived.length > 0)
          throw new ConflictError(
            `the public schedule changed after this plan was made (${gone.length + arrived.length} visit(s) differ, e.g. ${[...gone, ...arrived][0]}); make a new plan`,
            'id',
          );
        await tx.plans.setVisitsPublished(plan.id);
        for (const r of changes.restaffed) await tx.plans.replaceVisitAdvisors(r.visitId, r.advisorIds);
        const cancelledNow: string[] = [];
        for (const c of changes.cancelled)
          if (await tx.plans.setVisitCancelled(c.visitId, c.reason, CANCEL_NOTES[c.reason]))
            cancelledNow.push(c.visitId);
        // Their open bookings go with them, and the bookers who left a contact are told.
        const bookingsCancelled = await cancelBookingsOfVisits(tx, cancelledNow);
        await tx.plans.setPlanPublished(plan.id);
        await writeAudit(tx, clock(), {
          actor: auditActor(actor),
          action: 'plan.publish',
          targetType: 'plan',
          targetId: plan.id,
          details: {
            kind: plan.kind,
            from: plan.horizonFrom,
            to: plan.horizonTo,
            restaffed: changes.restaffed.length,
            cancelled: changes.cancelled.length,
            bookingsCancelled,
          },
        });
        return (await tx.plans.getPlan(plan.id)) as PlanRow;
      });
    },
  };
}

export type PlanningService = ReturnType<typeof createPlanningService>;

/**
 * The job loop every server process runs: recover interrupted jobs, then claim and run queued
 * ones one at a time. Several processes can run it against one database.
 */
export function startPlanWorker(
  service: PlanningService,
  options: { pollMs?: number; log?: (message: string) => void } = {},
): { stop(): Promise<void> } {
  let busy: Promise<unknown> | null = null;
  let stopped = false;
  let lastRecovery = Number.NEGATIVE_INFINITY;
  const tick = () => {
    if (busy || stopped) return;
    busy = (async () => {
      try {
        if (performance.now() - lastRecovery > 30_000) {
          lastRecovery = performance.now();
          const r = await service.recoverStale();
          if (r.requeued.length + r.failed.length > 0)
            options.log?.(
              `planning jobs interrupted: ${r.requeued.length} queued again, ${r.failed.length} failed\n`,
            );
        }
        while (!stopped && (await service.runNextJob())) {
          // run queued jobs back to back
        }
      } catch (e) {
        options.log?.(`planning worker: ${e instanceof Error ? e.message : String(e)}\n`);
      } finally {
        busy = null;
      }
    })();
  };
  const timer = setInterval(tick, options.pollMs ?? 1000);
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await busy;
    },
  };
}
