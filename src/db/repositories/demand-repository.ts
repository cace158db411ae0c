/** Demand points: where residents are, below the area level. Replaced as a whole by an import. */
import { asc, eq } from 'drizzle-orm';
import type { DemandBasis, DemandBasisInfo, DemandPoint } from '../../core/model/demand-point.ts';
import { demandBasisInfoSchema, groupCountsSchema, readJsonColumn, toJsonColumn } from '../json-columns.ts';
import { demandPoints } from '../schema/network.ts';
import { settings } from '../schema/settings.ts';
import type { Db } from '../store.ts';
import { chunk } from './rows.ts';

/** The settings key that describes the loaded demand points. */
export const DEMAND_BASIS_SETTING = 'demand.basis';

export function createDemandRepository(db: Db) {
  return {
    async list(): Promise<DemandPoint[]> {
      const rows = await db.select().from(demandPoints).orderBy(asc(demandPoints.id));
      return rows.map((r) => ({
        id: r.id,
        areaId: r.areaId,
        location: { lat: r.lat, lon: r.lon },
        counts: readJsonColumn('demand_points.counts', groupCountsSchema, r.counts),
        basis: r.basis as DemandBasis,
      }));
    },

    /** What the loaded points rest on; undefined when none are loaded (area centroids). */
    async basis(): Promise<DemandBasisInfo | undefined> {
      const [row] = await db.select().from(settings).where(eq(settings.key, DEMAND_BASIS_SETTING));
      return row
        ? readJsonColumn(`settings.value (${DEMAND_BASIS_SETTING})`, demandBasisInfoSchema, row.value)
        : undefined;
    },

    /** Replaces every demand point (call inside a transaction, with `setBasis`). */
    async replacePoints(points: readonly DemandPoint[]): Promise<void> {
      await db.delete(demandPoints);
      for (const batch of chunk(points, 7)) {
        if (batch.length === 0) continue;
        await db.insert(demandPoints).values(
          batch.map((p) => ({
            id: p.id,
            areaId: p.areaId,
            lat: p.location.lat,
            lon: p.location.lon,
            counts: { ...p.counts },
            basis: p.basis,
          })),
        );
      }
    },

    async setBasis(info: DemandBasisInfo): Promise<void> {
      const value = toJsonColumn(`settings.value (${DEMAND_BASIS_SETTING})`, info);
      await db
        .insert(settings)
        .values({ key: DEMAND_BASIS_SETTING, value })
        .onConflictDoUpdate({ target: settings.key, set: { value } });
    },
  };
}
