import { and, asc, gte, inArray, lte } from 'drizzle-orm';
import { asAdvisorId, asPlanId, asSiteId, asVisitId } from '../../core/ids.ts';
import type { CancelReason, Visit, VisitStatus } from '../../core/model/visit.ts';
import type { IsoDate } from '../../core/time/civil-time.ts';
import { visitAdvisors, visits } from '../schema/planning.ts';
import type { Db } from '../store.ts';
import { localizedOrNull, toWallTime } from './rows.ts';

export function createVisitRepository(db: Db) {
  return {
    /** Visits dated in [from, to], optionally only some statuses, by date and start. */
    async list(filter: { from: IsoDate; to: IsoDate; statuses?: readonly VisitStatus[] }): Promise<Visit[]> {
      const where = [gte(visits.date, filter.from), lte(visits.date, filter.to)];
      if (filter.statuses) where.push(inArray(visits.status, [...filter.statuses]));
      const rows = await db
        .select()
        .from(visits)
        .where(and(...where))
        .orderBy(asc(visits.date), asc(visits.start), asc(visits.venueId));
      if (rows.length === 0) return [];
      const staff = await db
        .select()
        .from(visitAdvisors)
        .where(
          inArray(
            visitAdvisors.visitId,
            rows.map((r) => r.id),
          ),
        );
      return rows.map((r) => ({
        id: asVisitId(r.id),
        planId: asPlanId(r.planId),
        venueId: asSiteId(r.venueId),
        date: r.date,
        start: toWallTime(r.start),
        end: toWallTime(r.end),
        advisorIds: staff
          .filter((s) => s.visitId === r.id)
          .map((s) => asAdvisorId(s.advisorId))
          .sort(),
        status: r.status as VisitStatus,
        cancelReason: r.cancelReason as CancelReason | null,
        cancelNote: localizedOrNull(r.cancelNoteFi, r.cancelNoteSv, r.cancelNoteEn),
      }));
    },
  };
}
