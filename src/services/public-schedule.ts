/**
 * The published schedule as residents browse it: a week's visits with filters and, for an empty
 * week, why; the visits ahead for a timetable or a calendar feed; one visit; the schedule's
 * version for cache validators.
 */
import type { Area } from '../core/model/area.ts';
import { addDays, datesBetween, type IsoDate, isoDateAt, startOfIsoWeek } from '../core/time/civil-time.ts';
import type { ReadRepositories } from '../db/repositories.ts';
import { NotFoundError } from './errors.ts';
import {
  PUBLIC_HORIZON_DAYS,
  type PublicReference,
  type PublicVisit,
  type PublicVisits,
} from './public-visits.ts';

/** Why a week of the schedule lists nothing, and where the nearest match is. */
export interface EmptyWeekHint {
  /** The week lies after the last published visit (or nothing is published from today on). */
  readonly notPublished: boolean;
  /** The last date with a published visit, today or later (null when there is none). */
  readonly lastPublished: IsoDate | null;
  /** Monday of the nearest other week with visits for the same choices, within the published schedule. */
  readonly nearestWeek: IsoDate | null;
  /** Districts with visits this week for the other choices (when a district is chosen), most first. */
  readonly districts: readonly Area[];
}

/** The schedule's filters: a district, a language the advisors speak, a topic. */
export interface ScheduleFilter {
  districtId?: string;
  language?: string;
  topicId?: string;
}

export function createPublicSchedule(deps: {
  readonly repos: ReadRepositories;
  readonly now: () => number;
  readonly visits: PublicVisits;
}) {
  const { repos, now } = deps;
  const { reference, decorate, visitsBetween } = deps.visits;
  const today = () => isoDateAt(now());

  /** The last date with a published visit, today or later (null when there is none). */
  async function lastPublished(): Promise<IsoDate | null> {
    const day = today();
    // Published visits lie within the horizons of published plans (repairs included).
    const horizon = (await repos.plans.listPlans(100))
      .filter((p) => p.status === 'published')
      .reduce<IsoDate | null>((to, p) => (to === null || p.horizonTo > to ? p.horizonTo : to), null);
    if (horizon === null || horizon < day) return null;
    return (await repos.plans.listScheduled(day, horizon, ['published'])).at(-1)?.date ?? null;
  }

  return {
    /** When the public schedule last changed (for cache validators). */
    async scheduleVersion(): Promise<string> {
      const plans = await repos.plans.listPlans(20);
      const published = plans.find((p) => p.status === 'published');
      return `${published?.id ?? 'none'}:${published?.publishedAtMs ?? 0}`;
    },

    lastPublished,

    /**
     * Why the week from `monday` lists nothing for `filter`: not published yet (after the last
     * published visit), and, within the published schedule, the nearest other week with visits
     * for the same choices and the districts with visits this week.
     */
    async emptyWeekHint(
      monday: IsoDate,
      filter: ScheduleFilter,
      ref?: PublicReference,
    ): Promise<EmptyWeekHint> {
      const last = await lastPublished();
      const sunday = addDays(monday, 6);
      const notPublished = sunday >= today() && (last === null || monday > last);
      if (last === null || (!filter.districtId && !filter.language && !filter.topicId))
        return { notPublished, lastPublished: last, nearestWeek: null, districts: [] };
      const r = ref ?? (await reference());
      const from = startOfIsoWeek(today());
      const visits = (
        await visitsBetween([from, monday].sort()[0] ?? monday, [last, sunday].sort()[1] ?? sunday, r)
      ).filter(
        (v) =>
          v.visit.status === 'published' &&
          (!filter.language || v.languages.includes(filter.language)) &&
          (!filter.topicId || v.topicIds.includes(filter.topicId)),
      );
      const distance = (d: IsoDate) => Math.abs(Date.parse(d) - Date.parse(monday));
      const weeks = [
        ...new Set(
          visits
            .filter(
              (v) => (!filter.districtId || v.venue.districtId === filter.districtId) && v.visit.date >= from,
            )
            .map((v) => startOfIsoWeek(v.visit.date)),
        ),
      ]
        .filter((m) => m !== monday)
        .sort((a, b) => distance(a) - distance(b) || a.localeCompare(b));
      const counts = new Map<string, number>();
      for (const v of visits)
        if (
          v.visit.date >= monday &&
          v.visit.date <= sunday &&
          v.venue.districtId &&
          v.venue.districtId !== filter.districtId
        )
          counts.set(v.venue.districtId, (counts.get(v.venue.districtId) ?? 0) + 1);
      const districts = filter.districtId
        ? r.districts
            .filter((d) => counts.has(d.id))
            .sort(
              (a, b) =>
                (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0) || a.name.fi.localeCompare(b.name.fi, 'fi'),
            )
        : [];
      return { notPublished, lastPublished: last, nearestWeek: weeks[0] ?? null, districts };
    },

    /** The visits of the ISO week starting `monday`, each day listed (also days without visits). */
    async week(
      monday: IsoDate,
      filter: ScheduleFilter,
      ref?: PublicReference,
    ): Promise<{ days: { date: IsoDate; visits: PublicVisit[] }[] }> {
      const sunday = addDays(monday, 6);
      const visits = (await visitsBetween(monday, sunday, ref)).filter(
        (v) =>
          (!filter.districtId || v.venue.districtId === filter.districtId) &&
          (!filter.language || v.languages.includes(filter.language)) &&
          (!filter.topicId || v.topicIds.includes(filter.topicId)),
      );
      return {
        days: datesBetween(monday, sunday).map((date) => ({
          date,
          visits: visits.filter((v) => v.visit.date === date),
        })),
      };
    },

    /** Visits ahead (for a timetable or a feed), optionally of one district or one place. */
    async upcoming(
      filter: { districtId?: string; placeId?: string },
      days = PUBLIC_HORIZON_DAYS,
      from?: IsoDate,
    ): Promise<PublicVisit[]> {
      const start = from ?? today();
      return (await visitsBetween(start, addDays(start, days - 1))).filter(
        (v) =>
          (!filter.districtId || v.venue.districtId === filter.districtId) &&
          (!filter.placeId || v.venue.id === filter.placeId),
      );
    },

    async visit(id: string): Promise<PublicVisit> {
      const [found] = await repos.plans.listVisitsById([id]);
      const [v] =
        found && (found.status === 'published' || found.status === 'cancelled')
          ? decorate([found], await reference())
          : [];
      if (!v) throw new NotFoundError(`no published visit with id "${id}"`);
      return v;
    },
  };
}
