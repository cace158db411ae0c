/**
 * What a new plan changes in the published schedule: the published visits it keeps, those it
 * keeps at the same place and time with other advisors, those it cancels, and its new visits.
 * The plan stores this with itself, and publishing applies exactly that, so residents' bookings
 * follow a visit that stays where and when it was.
 */
import type { CancelReason } from '../model/visit.ts';

/** A visit of a new plan; `pinnedVisitId` names the published visit it keeps, when it was pinned. */
export interface PlannedVisit {
  readonly venueId: string;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly advisorIds: readonly string[];
  readonly pinnedVisitId: string | null;
}

/** A visit of the published schedule. */
export interface PublishedVisit {
  readonly id: string;
  readonly venueId: string;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly advisorIds: readonly string[];
}

export interface PlanChanges {
  /** Published visits this plan keeps unchanged. */
  readonly kept: readonly string[];
  /** Published visits kept at the same place and time with other advisors. */
  readonly restaffed: readonly { visitId: string; advisorIds: string[]; previous: string[] }[];
  /** Published visits publishing cancels, with the reason residents are given. */
  readonly cancelled: readonly { visitId: string; reason: CancelReason }[];
  /** New visits (the plan's own). */
  readonly added: number;
}

/** The changes, and the plan's visits that are new (neither pinned nor taking over a published one). */
export interface PlanDiff<V extends PlannedVisit> {
  readonly changes: PlanChanges;
  readonly added: V[];
}

/** Venue, date and times: two visits in one slot are the same visit to residents. */
const slotOf = (v: { venueId: string; date: string; start: string; end: string }) =>
  `${v.venueId}|${v.date}|${v.start}|${v.end}`;

/**
 * Compares a plan's visits with the published ones it may change. A published visit is kept
 * when a planned visit was pinned to it; re-staffed when a new visit has its slot (the new one
 * takes over its id and bookings); else cancelled with `reason`.
 */
export function diffPlan<V extends PlannedVisit>(
  planned: readonly V[],
  published: readonly PublishedVisit[],
  reason: CancelReason,
): PlanDiff<V> {
  const kept = new Set(planned.flatMap((v) => (v.pinnedVisitId ? [v.pinnedVisitId] : [])));
  const fresh = new Map<string, V>();
  for (const v of planned) if (!v.pinnedVisitId) fresh.set(slotOf(v), v);
  const restaffed: PlanChanges['restaffed'][number][] = [];
  const cancelled: PlanChanges['cancelled'][number][] = [];
  for (const p of published) {
    if (kept.has(p.id)) continue;
    const same = fresh.get(slotOf(p));
    if (same) {
      fresh.delete(slotOf(p));
      restaffed.push({
        visitId: p.id,
        advisorIds: [...same.advisorIds].sort(),
        previous: [...p.advisorIds],
      });
    } else cancelled.push({ visitId: p.id, reason });
  }
  const added = [...fresh.values()];
  return {
    changes: { kept: [...kept], restaffed, cancelled, added: added.length },
    added,
  };
}

/** Whether the plan keeps this published visit (one of its visits was pinned to it). */
export function keepsVisit(planned: readonly PlannedVisit[], visitId: string): boolean {
  return planned.some((v) => v.pinnedVisitId === visitId);
}

/** A stored plan's changes; a plan stored without any changes nothing. */
export function changesOrNone(stored: PlanChanges | null): PlanChanges {
  return stored ?? { kept: [], restaffed: [], cancelled: [], added: 0 };
}
