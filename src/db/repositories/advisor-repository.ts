import { asc, eq, inArray, sql } from 'drizzle-orm';
import { type AdvisorId, asAdvisorId, asSiteId } from '../../core/ids.ts';
import type { AbsenceKind, Advisor, PublicAdvisor, Skill } from '../../core/model/advisor.ts';
import type { IsoWeekday } from '../../core/time/civil-time.ts';
import { advisorAbsences, advisorAvailability, advisors } from '../schema/advisors.ts';
import type { Db } from '../store.ts';
import { chunk, excludedSet, toWallTime } from './rows.ts';

type AdvisorRow = typeof advisors.$inferSelect;

export function createAdvisorRepository(db: Db) {
  async function hydrate(rows: AdvisorRow[]): Promise<Advisor[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [availability, absences] = await Promise.all([
      db
        .select()
        .from(advisorAvailability)
        .where(inArray(advisorAvailability.advisorId, ids))
        .orderBy(asc(advisorAvailability.weekday), asc(advisorAvailability.start)),
      db
        .select()
        .from(advisorAbsences)
        .where(inArray(advisorAbsences.advisorId, ids))
        .orderBy(asc(advisorAbsences.fromDate)),
    ]);
    return rows.map((r) => ({
      id: asAdvisorId(r.id),
      displayName: r.displayName,
      languages: r.languages,
      skills: r.skills as Skill[],
      contractedMinutesPerWeek: r.contractedMinutesPerWeek,
      maxVisitsPerDay: r.maxVisitsPerDay,
      homeSiteId: r.homeSiteId === null ? null : asSiteId(r.homeSiteId),
      availability: availability
        .filter((a) => a.advisorId === r.id)
        .map((a) => ({
          weekday: a.weekday as IsoWeekday,
          start: toWallTime(a.start),
          end: toWallTime(a.end),
        })),
      absences: absences
        .filter((a) => a.advisorId === r.id)
        .map((a) => ({ from: a.fromDate, to: a.toDate, kind: a.kind as AbsenceKind })),
      active: r.active,
      illustrative: r.illustrative,
    }));
  }

  return {
    async list(): Promise<Advisor[]> {
      return hydrate(await db.select().from(advisors).orderBy(asc(advisors.id)));
    },

    /** What residents may know of advisors: languages and skills (one query, for public pages). */
    async listPublic(): Promise<PublicAdvisor[]> {
      const rows = await db
        .select({
          id: advisors.id,
          languages: advisors.languages,
          skills: advisors.skills,
          active: advisors.active,
        })
        .from(advisors)
        .orderBy(asc(advisors.id));
      return rows.map((r) => ({
        id: asAdvisorId(r.id),
        languages: r.languages,
        skills: r.skills as Skill[],
        active: r.active,
      }));
    },

    async get(id: AdvisorId): Promise<Advisor | undefined> {
      return (await hydrate(await db.select().from(advisors).where(eq(advisors.id, id))))[0];
    },

    async count(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(advisors);
      return row?.n ?? 0;
    },

    /** Records an absence (whole days, both ends included). */
    async insertAbsence(advisorId: string, from: string, to: string, kind: AbsenceKind): Promise<void> {
      await db.insert(advisorAbsences).values({ advisorId, fromDate: from, toDate: to, kind });
    },

    /** Inserts or updates by id and replaces availability and absences. Call inside a transaction. */
    async upsert(list: readonly Advisor[]): Promise<void> {
      if (list.length === 0) return;
      const rows = list.map((a) => ({
        id: a.id,
        displayName: a.displayName,
        languages: [...a.languages],
        skills: [...a.skills],
        contractedMinutesPerWeek: a.contractedMinutesPerWeek,
        maxVisitsPerDay: a.maxVisitsPerDay,
        homeSiteId: a.homeSiteId,
        active: a.active,
        illustrative: a.illustrative,
      }));
      for (const part of chunk(rows, 10)) {
        await db
          .insert(advisors)
          .values(part)
          .onConflictDoUpdate({ target: advisors.id, set: excludedSet(advisors) });
      }
      const ids = list.map((a) => a.id as string);
      await db.delete(advisorAvailability).where(inArray(advisorAvailability.advisorId, ids));
      await db.delete(advisorAbsences).where(inArray(advisorAbsences.advisorId, ids));
      const availability = list.flatMap((a) => a.availability.map((w) => ({ advisorId: a.id, ...w })));
      const absences = list.flatMap((a) =>
        a.absences.map((x) => ({ advisorId: a.id, fromDate: x.from, toDate: x.to, kind: x.kind })),
      );
      for (const part of chunk(availability, 4)) await db.insert(advisorAvailability).values(part);
      for (const part of chunk(absences, 4)) await db.insert(advisorAbsences).values(part);
    },
  };
}

export type AdvisorRepository = ReturnType<typeof createAdvisorRepository>;
