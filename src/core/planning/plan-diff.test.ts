import { describe, expect, it } from 'vitest';
import { changesOrNone, diffPlan, keepsVisit, type PlannedVisit, type PublishedVisit } from './plan-diff.ts';

const published = (id: string, venueId: string, date: string, advisorIds: string[]): PublishedVisit => ({
  id,
  venueId,
  date,
  start: '09:30',
  end: '12:00',
  advisorIds,
});

const planned = (
  venueId: string,
  date: string,
  advisorIds: string[],
  pinnedVisitId: string | null = null,
): PlannedVisit => ({ venueId, date, start: '09:30', end: '12:00', advisorIds, pinnedVisitId });

describe('diffPlan', () => {
  const schedule = [
    published('v-kept', 'library', '2026-03-02', ['anna']),
    published('v-restaffed', 'mall', '2026-03-03', ['ben']),
    published('v-cancelled', 'school', '2026-03-04', ['anna']),
  ];

  it('keeps pinned visits, re-staffs a new visit in a published slot, cancels the rest and counts the new ones', () => {
    const plan = [
      planned('library', '2026-03-02', ['anna'], 'v-kept'),
      planned('mall', '2026-03-03', ['dora', 'carl']),
      planned('church', '2026-03-05', ['ben']),
    ];
    const { changes, added } = diffPlan(plan, schedule, 'advisor-absent');
    expect(changes.kept).toEqual(['v-kept']);
    expect(changes.restaffed).toEqual([
      { visitId: 'v-restaffed', advisorIds: ['carl', 'dora'], previous: ['ben'] },
    ]);
    expect(changes.cancelled).toEqual([{ visitId: 'v-cancelled', reason: 'advisor-absent' }]);
    expect(changes.added).toBe(1);
    expect(added).toEqual([plan[2]]);
  });

  it('treats a visit at another time of the same venue and day as a cancellation and a new visit', () => {
    const moved = { ...planned('school', '2026-03-04', ['anna']), start: '13:00', end: '15:00' };
    const { changes, added } = diffPlan([moved], [schedule[2] as PublishedVisit], 'replanned');
    expect(changes.restaffed).toEqual([]);
    expect(changes.cancelled).toEqual([{ visitId: 'v-cancelled', reason: 'replanned' }]);
    expect(added).toEqual([moved]);
  });

  it('changes nothing when the plan keeps the whole schedule', () => {
    const plan = schedule.map((v) => planned(v.venueId, v.date, [...v.advisorIds], v.id));
    const { changes, added } = diffPlan(plan, schedule, 'replanned');
    expect(changes).toEqual({
      kept: ['v-kept', 'v-restaffed', 'v-cancelled'],
      restaffed: [],
      cancelled: [],
      added: 0,
    });
    expect(added).toEqual([]);
  });

  it('cancels every published visit of an empty plan', () => {
    const { changes } = diffPlan([], schedule, 'venue-closed');
    expect(changes.cancelled.map((c) => c.visitId)).toEqual(['v-kept', 'v-restaffed', 'v-cancelled']);
    expect(changes.kept).toEqual([]);
  });
});

describe('keepsVisit and changesOrNone', () => {
  it('finds the published visit a plan was pinned to', () => {
    const plan = [
      planned('library', '2026-03-02', ['anna'], 'v-kept'),
      planned('mall', '2026-03-03', ['ben']),
    ];
    expect(keepsVisit(plan, 'v-kept')).toBe(true);
    expect(keepsVisit(plan, 'v-other')).toBe(false);
  });

  it('reads a plan stored without changes as no changes', () => {
    expect(changesOrNone(null)).toEqual({ kept: [], restaffed: [], cancelled: [], added: 0 });
    const stored = { kept: ['a'], restaffed: [], cancelled: [], added: 2 };
    expect(changesOrNone(stored)).toBe(stored);
  });
});
