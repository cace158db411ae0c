import { asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type AreaId, asAreaId } from '../../core/ids.ts';
import type { Area, AreaKind } from '../../core/model/area.ts';
import { areaGeometrySchema, groupCountsSchema, readJsonColumn } from '../json-columns.ts';
import { areas } from '../schema/network.ts';
import type { Db } from '../store.ts';
import { chunk, excludedSet } from './rows.ts';

type AreaRow = typeof areas.$inferSelect;

function toArea(r: AreaRow): Area {
  return {
    id: asAreaId(r.id),
    kind: r.kind as AreaKind,
    name: { fi: r.nameFi, sv: r.nameSv, en: r.nameEn },
    parentId: r.parentId === null ? null : asAreaId(r.parentId),
    centroid: { lat: r.centroidLat, lon: r.centroidLon },
    geometry: r.geometry === null ? null : readJsonColumn('areas.geometry', areaGeometrySchema, r.geometry),
    population: {
      total: r.population,
      age65to74: r.population65To74,
      age75plus: r.population75Plus,
      foreignLanguage: r.populationForeignLanguage,
      swedishSpeaking: r.populationSwedishSpeaking,
      extraGroups: readJsonColumn('areas.population_extra', groupCountsSchema, r.populationExtra),
    },
    dataYear: r.dataYear,
    source: r.source,
    estimatedFields: r.estimatedFields,
    notes: r.notes,
  };
}

function toRow(a: Area): typeof areas.$inferInsert {
  return {
    id: a.id,
    kind: a.kind,
    nameFi: a.name.fi,
    nameSv: a.name.sv,
    nameEn: a.name.en,
    parentId: a.parentId,
    centroidLat: a.centroid.lat,
    centroidLon: a.centroid.lon,
    geometry: a.geometry,
    population: a.population.total,
    population65To74: a.population.age65to74,
    population75Plus: a.population.age75plus,
    populationForeignLanguage: a.population.foreignLanguage,
    populationSwedishSpeaking: a.population.swedishSpeaking,
    populationExtra: { ...a.population.extraGroups },
    dataYear: a.dataYear,
    source: a.source,
    estimatedFields: [...a.estimatedFields],
    notes: a.notes,
  };
}

export interface AreaFilter {
  readonly kind?: AreaKind;
  readonly parentId?: AreaId;
  /** Leave out geometry (it is large) when only figures are needed. */
  readonly withGeometry?: boolean;
}

export function createAreaRepository(db: Db) {
  return {
    async list(filter: AreaFilter = {}): Promise<Area[]> {
      const where: SQL[] = [];
      if (filter.kind) where.push(eq(areas.kind, filter.kind));
      if (filter.parentId) where.push(eq(areas.parentId, filter.parentId));
      const rows = await db
        .select()
        .from(areas)
        .where(where.length ? sql.join(where, sql` and `) : undefined)
        .orderBy(asc(areas.id));
      return rows.map((r) => toArea(filter.withGeometry === false ? { ...r, geometry: null } : r));
    },

    async get(id: AreaId): Promise<Area | undefined> {
      const [row] = await db.select().from(areas).where(eq(areas.id, id));
      return row ? toArea(row) : undefined;
    },

    async existingIds(ids: readonly string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const found = new Set<string>();
      for (const part of chunk(ids, 1)) {
        const rows = await db.select({ id: areas.id }).from(areas).where(inArray(areas.id, part));
        for (const r of rows) found.add(r.id);
      }
      return found;
    },

    async count(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(areas);
      return row?.n ?? 0;
    },

    /**
     * Inserts or updates by id. Parents are written before their children, so a file may
     * list a postal area before its district. Call inside a transaction.
     */
    async upsert(list: readonly Area[]): Promise<void> {
      const ordered = parentsFirst(list);
      const rows = ordered.map(toRow);
      for (const part of chunk(rows, 20)) {
        await db
          .insert(areas)
          .values(part)
          .onConflictDoUpdate({ target: areas.id, set: excludedSet(areas) });
      }
    },
  };
}

export type AreaRepository = ReturnType<typeof createAreaRepository>;

/** Orders areas so that every parent in the list precedes its children (cycles keep input order). */
export function parentsFirst(list: readonly Area[]): Area[] {
  const byId = new Map(list.map((a) => [a.id as string, a]));
  const out: Area[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (a: Area) => {
    const s = state.get(a.id);
    if (s === 'done' || s === 'visiting') return;
    state.set(a.id, 'visiting');
    const parent = a.parentId ? byId.get(a.parentId) : undefined;
    if (parent) visit(parent);
    state.set(a.id, 'done');
    out.push(a);
  };
  for (const a of list) visit(a);
  return out;
}
