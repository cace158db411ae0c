/**
 * Planning as jobs, plan versions and publication: the service the API, the pages and the
 * command line use. Each part lives in its own module:
 *
 * - `plan-request.ts` — what a job asks for (a plan, or a repair after an event), parsed once.
 * - `plan-jobs.ts` — the job queue (enqueue, cancel, claim, recover) and the worker loop;
 *   `plan-job-run.ts` runs one job (instance from `plan-job-instance.ts`, solve with heartbeat,
 *   validator, plan and job's end in one transaction).
 * - `plan-changes.ts` — what a plan changes in the public schedule: kept, re-staffed, cancelled
 *   with a reason, added (the comparison is `core/planning/plan-diff.ts`).
 * - `plan-read-model.ts`, `plan-geojson.ts` — plans as the planner reads them, and on a map.
 * - `plan-publish.ts` — publishing applies exactly the stored changes, and refuses if the public
 *   schedule changed since.
 */
import type { ReadRepositories } from '../../db/repositories.ts';
import type { Store } from '../../db/store.ts';
import type { AccessService } from '../access-service.ts';
import { geoJsonOfPlan } from './plan-geojson.ts';
import { createPlanJobs } from './plan-jobs.ts';
import { publishPlan } from './plan-publish.ts';
import { createPlanReadModel } from './plan-read-model.ts';
import { type ActorArg, parsePlanJobRequest } from './plan-request.ts';
import { type CityRules, type EffectiveRules, effectiveRules, loadCityRules } from './planning-rules.ts';

export type { PlanChanges } from '../../core/planning/plan-diff.ts';
export type { PlanJob, PlanVersion, StoredVisit } from '../../db/repositories/plan-repository.ts';
export { CANCEL_NOTES } from './plan-changes.ts';
export type { JobProgress } from './plan-job-run.ts';
export { startPlanWorker } from './plan-jobs.ts';
export type { PlanDetail, PlanSummary } from './plan-read-model.ts';
export {
  type PlanJobRequest,
  type PlanJobRequestInput,
  planJobRequestSchema,
  planRequestSchema,
  type RepairEvent,
  repairEventSchema,
  repairRequestSchema,
} from './plan-request.ts';

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

export function createPlanningService(deps: PlanningServiceDeps) {
  const { store, repos, access } = deps;
  const now = deps.now ?? (() => Date.now());
  const jobs = createPlanJobs({
    store,
    repos,
    access,
    staleSeconds: deps.staleSeconds ?? 60,
    maxAttempts: deps.maxAttempts ?? 2,
    now,
  });
  const plans = createPlanReadModel(repos);

  return {
    parseRequest: parsePlanJobRequest,

    /** The city's default rules, filled in with the product's, and where they come from. */
    async cityRules(): Promise<{
      rules: EffectiveRules;
      source: CityRules['source'];
      problem: string | null;
    }> {
      const city = await loadCityRules(repos);
      return { rules: effectiveRules(city.rules, undefined), source: city.source, problem: city.problem };
    },

    enqueue: jobs.enqueue,
    getJob: jobs.getJob,
    listJobs: jobs.listJobs,
    cancelJob: jobs.cancelJob,
    recoverStale: jobs.recoverStale,
    runNextJob: jobs.runNextJob,
    runJobNow: jobs.runJobNow,

    listPlans: plans.listPlans,
    getPlan: plans.getPlan,
    /** The plan on a map: areas with the number of its visits that reach them, venues with their visits. */
    planGeoJson: async (planId: string) => geoJsonOfPlan(repos, await plans.getPlan(planId)),

    publish: (planId: string, actor?: ActorArg) => publishPlan({ store, now }, planId, actor),
  };
}

export type PlanningService = ReturnType<typeof createPlanningService>;
