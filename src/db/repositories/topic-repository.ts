import { asc, sql } from 'drizzle-orm';
import { asTopicId } from '../../core/ids.ts';
import type { Skill } from '../../core/model/advisor.ts';
import type { Topic } from '../../core/model/topic.ts';
import { topics } from '../schema/network.ts';
import type { Db } from '../store.ts';
import { excludedSet } from './rows.ts';

export function createTopicRepository(db: Db) {
  return {
    async list(): Promise<Topic[]> {
      const rows = await db.select().from(topics).orderBy(asc(topics.sortOrder), asc(topics.id));
      return rows.map((r) => ({
        id: asTopicId(r.id),
        name: { fi: r.nameFi, sv: r.nameSv, en: r.nameEn },
        description: { fi: r.descriptionFi, sv: r.descriptionSv, en: r.descriptionEn },
        atFixedPoint: r.atFixedPoint,
        atMobileVisit: r.atMobileVisit,
        online: r.online,
        selfServiceUrl: { fi: r.selfServiceUrlFi, sv: r.selfServiceUrlSv, en: r.selfServiceUrlEn },
        requiredSkill: r.requiredSkill as Skill | null,
        sortOrder: r.sortOrder,
        illustrative: r.illustrative,
      }));
    },

    async count(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(topics);
      return row?.n ?? 0;
    },

    async upsert(list: readonly Topic[]): Promise<void> {
      if (list.length === 0) return;
      await db
        .insert(topics)
        .values(
          list.map((t) => ({
            id: t.id,
            nameFi: t.name.fi,
            nameSv: t.name.sv,
            nameEn: t.name.en,
            descriptionFi: t.description.fi,
            descriptionSv: t.description.sv,
            descriptionEn: t.description.en,
            atFixedPoint: t.atFixedPoint,
            atMobileVisit: t.atMobileVisit,
            online: t.online,
            selfServiceUrlFi: t.selfServiceUrl.fi,
            selfServiceUrlSv: t.selfServiceUrl.sv,
            selfServiceUrlEn: t.selfServiceUrl.en,
            requiredSkill: t.requiredSkill,
            sortOrder: t.sortOrder,
            illustrative: t.illustrative,
          })),
        )
        .onConflictDoUpdate({ target: topics.id, set: excludedSet(topics) });
    },
  };
}

export type TopicRepository = ReturnType<typeof createTopicRepository>;
