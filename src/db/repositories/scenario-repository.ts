import { asc, eq, inArray } from 'drizzle-orm';
import { asScenarioId, asSiteId, type ScenarioId } from '../../core/ids.ts';
import type { Scenario } from '../../core/model/scenario.ts';
import { scenarioSites, scenarios } from '../schema/network.ts';
import type { Db } from '../store.ts';
import { excludedSet } from './rows.ts';

export function createScenarioRepository(db: Db) {
  async function hydrate(rows: (typeof scenarios.$inferSelect)[]): Promise<Scenario[]> {
    if (rows.length === 0) return [];
    const links = await db
      .select()
      .from(scenarioSites)
      .where(
        inArray(
          scenarioSites.scenarioId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(scenarioSites.position), asc(scenarioSites.id));
    return rows.map((r) => ({
      id: asScenarioId(r.id),
      name: { fi: r.nameFi, sv: r.nameSv, en: r.nameEn },
      description: { fi: r.descriptionFi, sv: r.descriptionSv, en: r.descriptionEn },
      builtin: r.builtin,
      referenceDate: r.referenceDate,
      sites: links
        .filter((l) => l.scenarioId === r.id)
        .map((l) => ({ siteId: asSiteId(l.siteId), period: { from: l.openFrom, to: l.openUntil } })),
    }));
  }

  return {
    async list(): Promise<Scenario[]> {
      return hydrate(await db.select().from(scenarios).orderBy(asc(scenarios.id)));
    },

    async get(id: ScenarioId): Promise<Scenario | undefined> {
      return (await hydrate(await db.select().from(scenarios).where(eq(scenarios.id, id))))[0];
    },

    /** Inserts or updates by id and replaces the scenario's site list. Call inside a transaction. */
    async upsert(list: readonly Scenario[]): Promise<void> {
      if (list.length === 0) return;
      await db
        .insert(scenarios)
        .values(
          list.map((s) => ({
            id: s.id,
            nameFi: s.name.fi,
            nameSv: s.name.sv,
            nameEn: s.name.en,
            descriptionFi: s.description.fi,
            descriptionSv: s.description.sv,
            descriptionEn: s.description.en,
            builtin: s.builtin,
            referenceDate: s.referenceDate,
          })),
        )
        .onConflictDoUpdate({ target: scenarios.id, set: excludedSet(scenarios) });
      await db.delete(scenarioSites).where(
        inArray(
          scenarioSites.scenarioId,
          list.map((s) => s.id as string),
        ),
      );
      const links = list.flatMap((s) =>
        s.sites.map((x, position) => ({
          scenarioId: s.id,
          siteId: x.siteId,
          openFrom: x.period.from,
          openUntil: x.period.to,
          position,
        })),
      );
      if (links.length > 0) await db.insert(scenarioSites).values(links);
    },
  };
}

export type ScenarioRepository = ReturnType<typeof createScenarioRepository>;
