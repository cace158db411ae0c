/**
 * Series the planner pinned (migration 0007): a venue, weekday and time block, every week or
 * every other week from a date. At most one pin per series (venue, weekday, start, end).
 */
import { asc, eq } from 'drizzle-orm';
import { asSiteId, type SiteId } from '../../core/ids.ts';
import type { IsoDate, WallTime } from '../../core/time/civil-time.ts';
import { seriesPins } from '../schema/planning.ts';
import type { Db } from '../store.ts';
import { toWallTime } from './rows.ts';

export interface StoredSeriesPin {
  readonly id: string;
  readonly venueId: SiteId;
  /** ISO weekday, Monday = 1 (working days only). */
  readonly weekday: number;
  readonly start: WallTime;
  readonly end: WallTime;
  readonly every: 1 | 2;
  readonly since: IsoDate;
  readonly createdAtMs: number;
}

export type NewSeriesPin = Omit<StoredSeriesPin, 'id' | 'createdAtMs'>;

function pinOf(r: typeof seriesPins.$inferSelect): StoredSeriesPin {
  return {
    id: r.id,
    venueId: asSiteId(r.venueId),
    weekday: r.weekday,
    start: toWallTime(r.start),
    end: toWallTime(r.end),
    every: r.every === 2 ? 2 : 1,
    since: r.since,
    createdAtMs: r.createdAt.getTime(),
  };
}

export function createSeriesPinRepository(db: Db) {
  return {
    /** Every pin, by venue, weekday and time. */
    async list(): Promise<StoredSeriesPin[]> {
      const rows = await db
        .select()
        .from(seriesPins)
        .orderBy(
          asc(seriesPins.venueId),
          asc(seriesPins.weekday),
          asc(seriesPins.start),
          asc(seriesPins.end),
        );
      return rows.map(pinOf);
    },

    async get(id: string): Promise<StoredSeriesPin | null> {
      const [row] = await db.select().from(seriesPins).where(eq(seriesPins.id, id));
      return row ? pinOf(row) : null;
    },

    /** The new pin, or null when the series (venue, weekday, start, end) is pinned already. */
    async insertPin(pin: NewSeriesPin): Promise<StoredSeriesPin | null> {
      const [row] = await db
        .insert(seriesPins)
        .values({
          venueId: pin.venueId,
          weekday: pin.weekday,
          start: pin.start,
          end: pin.end,
          every: pin.every,
          since: pin.since,
        })
        .onConflictDoNothing({
          target: [seriesPins.venueId, seriesPins.weekday, seriesPins.start, seriesPins.end],
        })
        .returning();
      return row ? pinOf(row) : null;
    },

    /** Whether there was such a pin. */
    async deletePin(id: string): Promise<boolean> {
      const deleted = await db
        .delete(seriesPins)
        .where(eq(seriesPins.id, id))
        .returning({ id: seriesPins.id });
      return deleted.length > 0;
    },
  };
}
