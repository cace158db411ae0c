import { asc } from 'drizzle-orm';
import type { ClosureRule } from '../../core/time/holidays.ts';
import { closureRules } from '../schema/network.ts';
import type { Db } from '../store.ts';
import { excludedSet } from './rows.ts';

/** The city's own closure days, on top of Finnish public holidays. */
export function createClosureRuleRepository(db: Db) {
  return {
    async list(): Promise<ClosureRule[]> {
      const rows = await db.select().from(closureRules).orderBy(asc(closureRules.id));
      return rows.map((r) => ({ rule: r.rule, name: { fi: r.nameFi, sv: r.nameSv, en: r.nameEn } }));
    },

    async upsert(list: readonly ClosureRule[]): Promise<void> {
      if (list.length === 0) return;
      await db
        .insert(closureRules)
        .values(list.map((c) => ({ rule: c.rule, nameFi: c.name.fi, nameSv: c.name.sv, nameEn: c.name.en })))
        .onConflictDoUpdate({ target: closureRules.rule, set: excludedSet(closureRules, ['id', 'rule']) });
    },
  };
}
