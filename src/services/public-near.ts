/**
 * "Where is help near me": the next visits within reach of what a resident named (a named
 * place's own visits first) and the service points by travel time, measured from the resident's
 * position, the place named, or the typical resident of the area (the population-weighted
 * median over its demand points).
 */
import type { TravelTimeMatrix } from '../core/access/engine.ts';
import { weightedQuantile } from '../core/access/metrics.ts';
import { haversineMeters, type LatLon } from '../core/geo/geo.ts';
import type { Area } from '../core/model/area.ts';
import type { DemandPoint } from '../core/model/demand-point.ts';
import { type Site, scheduleOf } from '../core/model/site.ts';
import { addDays, type IsoDate, isoDateAt, wallTimeAt } from '../core/time/civil-time.ts';
import { type DayHours, hoursOn, isInService } from '../core/time/opening-hours.ts';
import type { ReadRepositories } from '../db/repositories.ts';
import type { AccessService } from './access-service.ts';
import { loadHolidayCalendar } from './catalog-service.ts';
import { type NearPlace, type PlaceQuery, resolvePlace } from './place-search.ts';
import { PUBLIC_HORIZON_DAYS, type PublicVisit, type PublicVisits } from './public-visits.ts';

export interface NearAnswer {
  readonly place: NearPlace;
  readonly mode: 'pt' | 'pt-slow';
  readonly approximate: boolean;
  /**
   * Where the times start: the resident's own location, the place asked for, the area's demand
   * points (the population-weighted median: a typical resident), or the area's single point.
   */
  readonly from: 'location' | 'site' | 'area-points' | 'area-centroid';
  /** True when the area's demand points are modelled rather than a population grid. */
  readonly modelledDemand: boolean;
  readonly visits: readonly (PublicVisit & { readonly minutes: number | null })[];
  readonly points: readonly { site: Site; hours: DayHours; minutes: number | null }[];
}

export type NearResult =
  | { readonly found: true; readonly answer: NearAnswer }
  | {
      readonly found: false;
      readonly query: string;
      /** Postal areas the query may have meant (the nearest codes to a mistyped one). */
      readonly suggestions: readonly Area[];
      /** The city's districts, to choose from. */
      readonly districts: readonly Area[];
    };

/** Visits within this many minutes count as near. */
export const NEAR_MINUTES = 40;
export const MAX_NEAR_VISITS = 8;

interface Origin {
  readonly id: string;
  readonly location: LatLon;
  readonly districtId: string | null;
  readonly weight: number;
}

/**
 * From where the resident is: their own location or the place they named, else the area's
 * demand points (the typical resident: the population-weighted median), else its centroid.
 */
function originsOf(place: NearPlace, areaPoints: readonly DemandPoint[]): Origin[] {
  const districtId = place.district?.id ?? null;
  if (place.point) return [{ id: 'here', location: place.point, districtId, weight: 1 }];
  if (areaPoints.length > 0)
    return areaPoints.map((p) => ({ id: p.id, location: p.location, districtId, weight: p.counts.all ?? 0 }));
  return [{ id: place.origin.id, location: place.origin.centroid, districtId, weight: 1 }];
}

/** Per destination, the weighted median of the origins' minutes (null: none reaches it). */
function medianMinutes(matrix: TravelTimeMatrix, origins: readonly Origin[]): Map<string, number | null> {
  const weights = origins.map((o) => o.weight);
  return new Map<string, number | null>(
    matrix.destinationIds.map((id, j) => {
      const column = origins.map((_, i) => {
        const m = matrix.minutes[i * matrix.destinationIds.length + j];
        return m === undefined || Number.isNaN(m) ? Number.POSITIVE_INFINITY : m;
      });
      const m = weightedQuantile(column, weights, 0.5);
      return [id, Number.isFinite(m) ? Math.round(m) : null];
    }),
  );
}

/**
 * The visits to show: the places asked for by name first, then the visits within reach; with
 * nothing within reach, the visits at the three nearest venues.
 */
function nearVisits(
  scheduled: readonly PublicVisit[],
  place: NearPlace,
  minutes: ReadonlyMap<string, number | null>,
  meters: (l: LatLon) => number,
): PublicVisit[] {
  const by = (m: number | null | undefined) => m ?? Number.POSITIVE_INFINITY;
  const named = new Set<string>(place.sites.map((s) => s.id));
  const own = scheduled.filter((v) => named.has(v.venue.id));
  let near = scheduled.filter((v) => !named.has(v.venue.id) && by(minutes.get(v.venue.id)) <= NEAR_MINUTES);
  if (own.length + near.length === 0) {
    const nearest = [...new Map(scheduled.map((v) => [v.venue.id as string, v.venue])).values()]
      .sort(
        (a, b) => by(minutes.get(a.id)) - by(minutes.get(b.id)) || meters(a.location) - meters(b.location),
      )
      .slice(0, 3)
      .map((v) => v.id as string);
    near = scheduled.filter((v) => nearest.includes(v.venue.id));
  }
  return [...own, ...near];
}

export function createNearSearch(deps: {
  readonly repos: ReadRepositories;
  readonly access: AccessService;
  readonly now: () => number;
  readonly visits: PublicVisits;
}) {
  const { repos, access, now } = deps;

  return async function near(query: PlaceQuery, slow: boolean): Promise<NearResult> {
    const mode = slow ? 'pt-slow' : 'pt';
    const day: IsoDate = isoDateAt(now());
    const [sites, cal, upcoming] = await Promise.all([
      repos.sites.list(),
      loadHolidayCalendar(repos),
      deps.visits.visitsBetween(day, addDays(day, PUBLIC_HORIZON_DAYS - 1)),
    ]);
    const visitsAt = new Map<string, number>();
    for (const v of upcoming) visitsAt.set(v.venue.id, (visitsAt.get(v.venue.id) ?? 0) + 1);
    // Places with a public page: every venue, and the service points in service.
    const open = sites.filter((s) => s.role === 'venue' || isInService(s.validity, day));
    const place = await resolvePlace(repos, query, open, visitsAt);
    if ('unknown' in place)
      return {
        found: false,
        query: place.unknown,
        suggestions: place.suggestions,
        districts: place.districts,
      };
    const points = sites.filter((s) => s.role === 'fixed-point' && isInService(s.validity, day));
    const venueIds = new Set(upcoming.map((v) => v.venue.id as string));
    const destinations = sites.filter((s) => venueIds.has(s.id) || points.includes(s));
    const { engine } = await access.engineFor(mode, day);
    const areaPoints = place.point
      ? []
      : (await repos.demand.list()).filter((p) => p.areaId === place.origin.id);
    const origins = originsOf(place, areaPoints);
    const matrix = await engine.travelTimes(
      origins,
      destinations.map((s) => ({ id: s.id, location: s.location, districtId: s.districtId })),
      mode,
    );
    const minutes = medianMinutes(matrix, origins);
    const by = (m: number | null | undefined) => m ?? Number.POSITIVE_INFINITY;
    // Equal times (or none, from outside the city) are ordered by distance.
    const start = place.point ?? place.origin.centroid;
    const meters = (l: LatLon) => haversineMeters(start, l);
    // Visits still ahead: today's only until they end.
    const nowTime = wallTimeAt(now());
    const scheduled = upcoming.filter(
      (v) => v.visit.status === 'published' && (v.visit.date > day || v.visit.end > nowTime),
    );
    return {
      found: true,
      answer: {
        place,
        mode,
        approximate: matrix.approximate,
        from:
          'location' in query
            ? 'location'
            : place.kind === 'site'
              ? 'site'
              : areaPoints.length > 0
                ? 'area-points'
                : 'area-centroid',
        modelledDemand: place.point ? false : areaPoints.some((p) => p.basis === 'modelled'),
        visits: nearVisits(scheduled, place, minutes, meters)
          .slice(0, MAX_NEAR_VISITS)
          .map((v) => ({ ...v, minutes: minutes.get(v.venue.id) ?? null })),
        points: points
          .map((site) => ({
            site,
            hours: hoursOn(scheduleOf(site), day, cal),
            minutes: minutes.get(site.id) ?? null,
          }))
          .sort((a, b) => by(a.minutes) - by(b.minutes) || meters(a.site.location) - meters(b.site.location)),
      },
    };
  };
}
