/** Transit stations, settings, and stored travel-time matrices. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { TravelMode } from '../../core/access/modes.ts';
import type { StationMode, TransitStation } from '../../core/model/transit-station.ts';
import { toJsonColumn } from '../json-columns.ts';
import { settings } from '../schema/settings.ts';
import { transitStations, travelTimeMatrices, travelTimes } from '../schema/travel.ts';
import type { Db } from '../store.ts';
import { chunk, excludedSet } from './rows.ts';

export interface StoredMatrix {
  readonly id: string;
  readonly description: string;
  readonly source: string;
  readonly approximate: boolean;
  readonly modes: readonly TravelMode[];
  readonly createdAtMs: number;
}

export interface TravelTimeRow {
  readonly mode: TravelMode;
  readonly originId: string;
  readonly destinationId: string;
  /** Null: unreachable. */
  readonly minutes: number | null;
}

export function createAccessRepository(db: Db) {
  return {
    async listStations(): Promise<TransitStation[]> {
      const rows = await db.select().from(transitStations).orderBy(asc(transitStations.id));
      return rows.map((r) => ({
        id: r.id,
        name: { fi: r.nameFi, sv: r.nameSv },
        mode: r.mode as StationMode,
        opened: r.opened,
        location: { lat: r.lat, lon: r.lon },
        source: r.source,
      }));
    },

    async upsertStations(list: readonly TransitStation[]): Promise<void> {
      if (list.length === 0) return;
      await db
        .insert(transitStations)
        .values(
          list.map((s) => ({
            id: s.id,
            nameFi: s.name.fi,
            nameSv: s.name.sv,
            mode: s.mode,
            opened: s.opened,
            lat: s.location.lat,
            lon: s.location.lon,
            source: s.source,
          })),
        )
        .onConflictDoUpdate({ target: transitStations.id, set: excludedSet(transitStations) });
    },

    async getSetting(key: string): Promise<unknown> {
      const [row] = await db.select().from(settings).where(eq(settings.key, key));
      return row?.value;
    },

    async setSetting(key: string, setting: unknown): Promise<void> {
      const value = toJsonColumn(`settings.value (${key})`, setting);
      await db
        .insert(settings)
        .values({ key, value })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
    },

    async listMatrices(): Promise<StoredMatrix[]> {
      const rows = await db
        .select()
        .from(travelTimeMatrices)
        .orderBy(desc(travelTimeMatrices.createdAt), asc(travelTimeMatrices.id));
      return rows.map((r) => ({
        id: r.id,
        description: r.description,
        source: r.source,
        approximate: r.approximate,
        modes: r.modes as TravelMode[],
        createdAtMs: r.createdAt.getTime(),
      }));
    },

    /** Replaces a matrix (by id) and all its rows. Call inside a transaction. */
    async replaceMatrix(
      meta: Omit<StoredMatrix, 'createdAtMs'>,
      rows: readonly TravelTimeRow[],
    ): Promise<void> {
      await db.delete(travelTimeMatrices).where(eq(travelTimeMatrices.id, meta.id));
      await db.insert(travelTimeMatrices).values({
        id: meta.id,
        description: meta.description,
        source: meta.source,
        approximate: meta.approximate,
        modes: [...meta.modes],
      });
      for (const part of chunk(rows, 5)) {
        await db.insert(travelTimes).values(part.map((r) => ({ matrixId: meta.id, ...r })));
      }
    },

    async deleteMatrix(id: string): Promise<boolean> {
      const deleted = await db
        .delete(travelTimeMatrices)
        .where(eq(travelTimeMatrices.id, id))
        .returning({ id: travelTimeMatrices.id });
      return deleted.length > 0;
    },

    async loadTravelTimes(
      matrixId: string,
      mode: TravelMode,
      originIds: readonly string[],
    ): Promise<TravelTimeRow[]> {
      const out: TravelTimeRow[] = [];
      for (const part of chunk(originIds, 1)) {
        if (part.length === 0) continue;
        const rows = await db
          .select()
          .from(travelTimes)
          .where(
            and(
              eq(travelTimes.matrixId, matrixId),
              eq(travelTimes.mode, mode),
              inArray(travelTimes.originId, part),
            ),
          );
        for (const r of rows)
          out.push({ mode, originId: r.originId, destinationId: r.destinationId, minutes: r.minutes });
      }
      return out;
    },
  };
}

export type AccessRepository = ReturnType<typeof createAccessRepository>;
