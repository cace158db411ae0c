/**
 * What a planning job asks for, as the API and the command line send it: a new plan over some
 * weeks, or a repair after an event (an advisor's absence, a venue closed for a day). Parsed once
 * here, so a bad request is refused with its JSON path before it is queued.
 */
import { z } from 'zod';
import { isValidId } from '../../core/ids.ts';
import { isIsoDate } from '../../core/time/civil-time.ts';
import type { Actor } from '../audit-service.ts';
import { InvalidInputError } from '../errors.ts';
import { PLAN_SOLVERS } from './planner.ts';
import { jsonPath, planningRulesSchema } from './planning-rules.ts';

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

/** The request, checked; the first problem is refused with its JSON path. */
export function parsePlanJobRequest(raw: unknown): PlanJobRequest {
  const parsed = planJobRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = jsonPath(issue?.path ?? []) || 'request';
    throw new InvalidInputError(`${path}: ${issue?.message ?? 'invalid'}`, path);
  }
  return parsed.data;
}

/** Who asks for a job, a cancel or a publication (the audit log); none: the command line. */
export type ActorArg = Actor | { readonly id: string; readonly email: string } | null | undefined;

export const auditActor = (who: ActorArg): Actor | null =>
  who ? ('userId' in who ? who : { userId: who.id, email: who.email }) : null;
