import type { AdvisorId, SiteId } from '../ids.ts';
import type { IsoDate, IsoWeekday, WallTime } from '../time/civil-time.ts';

/**
 * A skill an advisor can have, a code from the city's skill list (its profile's `skills`);
 * topics name the skill they need.
 */
export type Skill = string;
/** What a skill code looks like: `digital-support`. */
export const SKILL_PATTERN = /^[a-z][a-z0-9-]*$/;

export interface AvailabilityWindow {
  readonly weekday: IsoWeekday;
  readonly start: WallTime;
  readonly end: WallTime;
}

export const ABSENCE_KINDS = ['leave', 'sick', 'training', 'other'] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];

/** An absence over whole days, both ends inclusive. No reason text: it would be personal data. */
export interface Absence {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly kind: AbsenceKind;
}

export interface Advisor {
  readonly id: AdvisorId;
  /** A work name shown to colleagues and, if the advisor agrees, to residents. */
  readonly displayName: string;
  /** ISO 639-1 codes, the advisor's working languages. */
  readonly languages: readonly string[];
  readonly skills: readonly Skill[];
  readonly contractedMinutesPerWeek: number;
  readonly maxVisitsPerDay: number;
  readonly homeSiteId: SiteId | null;
  readonly availability: readonly AvailabilityWindow[];
  readonly absences: readonly Absence[];
  readonly active: boolean;
  readonly illustrative: boolean;
}

export function isAbsent(advisor: Advisor, date: IsoDate): boolean {
  return advisor.absences.some((a) => a.from <= date && date <= a.to);
}

/** What residents may know of an advisor: languages and skills, never who. */
export type PublicAdvisor = Pick<Advisor, 'id' | 'languages' | 'skills' | 'active'>;
