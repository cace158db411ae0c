/**
 * Series pins: the planner keeps a series (a venue, weekday and time block, every week or every
 * other week from a date) through re-planning. Every new plan gets the pinned series' visits on
 * each matching working day the venue is open (docs/planning-model.md); the solver picks the
 * advisors. One pin per series.
 */
import { z } from 'zod';
import { asSiteId, isUuid, isValidId } from '../../core/ids.ts';
import type { StaffUser } from '../../core/model/staff.ts';
import { isIsoDate, isoWeekday, isWallTime } from '../../core/time/civil-time.ts';
import type { StoredSeriesPin } from '../../db/repositories/series-pin-repository.ts';
import { inTransaction, type ReadRepositories } from '../../db/repositories.ts';
import type { Store } from '../../db/store.ts';
import { type Actor, writeAudit } from '../audit-service.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.ts';
import { jsonPath } from './planning-rules.ts';

export type { StoredSeriesPin } from '../../db/repositories/series-pin-repository.ts';

const wallTime = z
  .string()
  .regex(/^\d{2}:\d{2}$/, 'expected a time as HH:MM')
  .refine((v) => isWallTime(v) && v < '24:00', 'expected a time as HH:MM, 00:00 to 23:59');

export const seriesPinInputSchema = z
  .object({
    venueId: z
      .string()
      .refine(isValidId, 'expected a venue id')
      .describe('The venue (a site with role "venue").'),
    weekday: z.number().int().min(1).max(5).describe('ISO weekday, Monday = 1; working days only.'),
    start: wallTime.describe('Start, HH:MM (Europe/Helsinki).'),
    end: wallTime.describe('End, HH:MM, after the start.'),
    every: z.literal([1, 2]).describe('1: every week; 2: every other week, counted from `since`.'),
    since: z
      .string()
      .refine(isIsoDate, 'expected a date as YYYY-MM-DD')
      .describe('The series’ first date (on its weekday): plans keep it from this date on.'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (isWallTime(v.start) && isWallTime(v.end) && v.end <= v.start)
      ctx.addIssue({ code: 'custom', path: ['end'], message: `expected a time after the start ${v.start}` });
    if (isIsoDate(v.since) && isoWeekday(v.since) !== v.weekday)
      ctx.addIssue({
        code: 'custom',
        path: ['since'],
        message: `expected a date on weekday ${v.weekday} (ISO, Monday = 1); ${v.since} is on weekday ${isoWeekday(v.since)}`,
      });
  });

export type SeriesPinInput = z.output<typeof seriesPinInputSchema>;

export function createSeriesPinService(deps: {
  readonly store: Store;
  readonly repos: ReadRepositories;
  /** Clock of the audit log's entries (epoch ms); default the system's. */
  readonly now?: () => number;
}) {
  const { store, repos } = deps;
  const now = deps.now ?? (() => Date.now());
  return {
    list: (): Promise<StoredSeriesPin[]> => repos.seriesPins.list(),

    /** Pins a series; 400 for bad input or an unknown venue, 409 when the series is pinned already. */
    async create(raw: unknown, actor?: Actor | StaffUser | null): Promise<StoredSeriesPin> {
      const parsed = seriesPinInputSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const path = jsonPath(issue?.path ?? []) || 'body';
        throw new InvalidInputError(`${path}: ${issue?.message ?? 'invalid'}`, path);
      }
      const pin = parsed.data;
      const venue = await repos.sites.get(asSiteId(pin.venueId));
      if (venue?.role !== 'venue')
        throw new InvalidInputError(`venueId: no venue "${pin.venueId}"`, 'venueId');
      const created = await inTransaction(store, async (tx) => {
        const inserted = await tx.seriesPins.insertPin({ ...pin, venueId: venue.id });
        if (inserted)
          await writeAudit(tx, now(), {
            actor,
            action: 'series-pin.create',
            targetType: 'series-pin',
            targetId: inserted.id,
            details: {
              venueId: inserted.venueId,
              weekday: inserted.weekday,
              start: inserted.start,
              end: inserted.end,
              every: inserted.every,
              since: inserted.since,
            },
          });
        return inserted;
      });
      if (!created)
        throw new ConflictError(
          `the series ${pin.venueId} weekday ${pin.weekday} ${pin.start}–${pin.end} is pinned already`,
          'venueId',
        );
      return created;
    },

    /** Unpins; 404 when there is no such pin. */
    async remove(id: string, actor?: Actor | StaffUser | null): Promise<void> {
      const deleted = isUuid(id)
        ? await inTransaction(store, async (tx) => {
            const gone = await tx.seriesPins.deletePin(id);
            if (gone)
              await writeAudit(tx, now(), {
                actor,
                action: 'series-pin.delete',
                targetType: 'series-pin',
                targetId: id,
              });
            return gone;
          })
        : false;
      if (!deleted) throw new NotFoundError(`no series pin "${id}"`, 'id');
    },
  };
}

export type SeriesPinService = ReturnType<typeof createSeriesPinService>;
