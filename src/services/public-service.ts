/**
 * The residents' read side: where and when help is near, the week's schedule, a place's
 * visits and hours, the topic catalogue, timetables and calendar feeds. It reads only
 * published (and cancelled) visits and public fields of advisors: their languages and the
 * topics their skills cover, never who they are.
 */

import { weightedQuantile } from '../core/access/metrics.ts';
import { DEFAULT_WALKING, walkMinutesForMeters } from '../core/access/modes.ts';
import { geometryContains, haversineMeters, type LatLon } from '../core/geo/geo.ts';
import type { Lang } from '../core/i18n.ts';
import type { PublicAdvisor } from '../core/model/advisor.ts';
import type { Area } from '../core/model/area.ts';
import { type Site, type SiteSummary, scheduleOf } from '../core/model/site.ts';
import type { Topic } from '../core/model/topic.ts';
import type { Visit } from '../core/model/visit.ts';
import { addDays, datesBetween, type IsoDate, isoDateAt, wallTimeAt } from '../core/time/civil-time.ts';
import { type DayHours, hoursOn, isInService } from '../core/time/opening-hours.ts';
import type { ReadRepositories } from '../db/repositories.ts';
import type { AccessService } from './access-service.ts';
import { loadHolidayCalendar } from './catalog-service.ts';
import { NotFoundError } from './errors.ts';

export interface PublicDeps {
  readonly repos: ReadRepositories;
  readonly access: AccessService;
  readonly now: () => number;
}

/** A published or cancelled visit as residents see it. */
export interface PublicVisit {
  readonly visit: Visit;
  readonly venue: SiteSummary;
  /** Languages the visit's advisors speak (ISO 639-1), sorted. */
  readonly languages: readonly string[];
  /** Topics the visit's advisors can help with. */
  readonly topicIds: readonly string[];
}

/** Places, advisors' public fields, topics, districts and spoken languages, by id where it helps. */
export interface PublicReference {
  readonly places: ReadonlyMap<string, SiteSummary>;
  readonly advisors: ReadonlyMap<string, PublicAdvisor>;
  readonly topics: readonly Topic[];
  readonly districts: readonly Area[];
  /** Languages the active advisors speak, for the schedule's filter. */
  readonly languages: readonly string[];
}

export interface NearPlace {
  readonly kind: 'postal-code' | 'district' | 'location';
  /** The postal area travel times are measured from. */
  readonly origin: Area;
  readonly district: Area | null;
  /** What was asked for: a postal code, a district, or a position. */
  readonly label: string;
}

export type PlaceQuery = { readonly q: string } | { readonly location: LatLon };

export interface NearAnswer {
  readonly place: NearPlace;
  readonly mode: 'pt' | 'pt-slow';
  readonly approximate: boolean;
  /**
   * Where the times start: the resident's own location, the area's demand points (the
   * population-weighted median: a typical resident), or the area's single point.
   */
  readonly from: 'location' | 'area-points' | 'area-centroid';
  /** True when the area's demand points are modelled rather than a population grid. */
  readonly modelledDemand: boolean;
  readonly visits: readonly (PublicVisit & { readonly minutes: number | null })[];
  readonly points: readonly { site: Site; hours: DayHours; minutes: number | null }[];
}

export type NearResult =
  | { readonly found: true; readonly answer: NearAnswer }
  | { readonly found: false; readonly query: string; readonly suggestions: readonly Area[] };

/** How far ahead residents see visits. */
export const PUBLIC_HORIZON_DAYS = 56;
/** Visits within this many minutes count as near. */
export const NEAR_MINUTES = 40;
export const MAX_NEAR_VISITS = 8;

const normalise = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ');

export function createPublicService({ repos, access, now }: PublicDeps) {
  const today = () => isoDateAt(now());

  const calendar = () => loadHolidayCalendar(repos);

  async function districts(): Promise<Area[]> {
    return repos.areas.list({ kind: 'district', withGeometry: false });
  }

  function topicsOf(advisors: readonly PublicAdvisor[], topics: readonly Topic[]): string[] {
    const skills = new Set(advisors.flatMap((a) => a.skills));
    return topics
      .filter((t) => t.atMobileVisit && (t.requiredSkill === null || skills.has(t.requiredSkill)))
      .map((t) => t.id);
  }

  /** What every list of visits needs besides the visits, read once per page. */
  async function reference(): Promise<PublicReference> {
    const [places, advisors, topics, districtList] = await Promise.all([
      repos.sites.listPlaces(),
      repos.advisors.listPublic(),
      repos.topics.list(),
      districts(),
    ]);
    return {
      places: new Map(places.map((s) => [s.id as string, s])),
      advisors: new Map(advisors.map((a) => [a.id as string, a])),
      topics,
      districts: districtList,
      languages: [...new Set(advisors.filter((a) => a.active).flatMap((a) => a.languages))].sort(),
    };
  }

  /** Visits with their venue, their advisors' languages and the topics those cover. */
  function decorate(visits: readonly Visit[], ref: PublicReference): PublicVisit[] {
    return visits.flatMap((visit) => {
      const venue = ref.places.get(visit.venueId);
      if (!venue) return [];
      const staff = visit.advisorIds.flatMap((id) => ref.advisors.get(id) ?? []);
      const topics = ref.topics;
      return [
        {
          visit,
          venue,
          languages: [...new Set(staff.flatMap((a) => a.languages))].sort(),
          topicIds: topicsOf(staff, topics),
        },
      ];
    });
  }

  /** Published and cancelled visits dated in [from, to]. */
  async function visitsBetween(from: IsoDate, to: IsoDate, ref?: PublicReference): Promise<PublicVisit[]> {
    const [visits, r] = await Promise.all([
      repos.plans.listScheduled(from, to, ['published', 'cancelled']),
      ref ?? reference(),
    ]);
    return decorate(visits, r);
  }

  async function resolve(query: PlaceQuery): Promise<NearPlace | { unknown: string; suggestions: Area[] }> {
    const areas = await repos.areas.list({ withGeometry: 'location' in query });
    const postal = areas.filter((a) => a.kind === 'postal-code');
    const byId = new Map(areas.map((a) => [a.id as string, a]));
    const districtOf = (a: Area) => {
      const parent = a.parentId ? byId.get(a.parentId) : undefined;
      return parent?.kind === 'district' ? parent : null;
    };
    const nearestPostal = (p: LatLon, within: readonly Area[] = postal) =>
      within.reduce<Area | null>(
        (best, a) =>
          best === null || haversineMeters(a.centroid, p) < haversineMeters(best.centroid, p) ? a : best,
        null,
      );
    if ('location' in query) {
      const p = query.location;
      const origin = postal.find((a) => a.geometry && geometryContains(a.geometry, p)) ?? null;
      // Outside every postal area of the city (or without polygons): the nearest one within 5 km.
      const near = origin ?? nearestPostal(p);
      if (!near || haversineMeters(near.centroid, p) > 5000 * (origin ? 10 : 1))
        return { unknown: `${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}`, suggestions: [] };
      return { kind: 'location', origin: near, district: districtOf(near), label: near.id };
    }
    const q = query.q.trim();
    const code = q.replace(/\s/g, '');
    if (/^\d{5}$/.test(code)) {
      const area = byId.get(code);
      if (area?.kind === 'postal-code')
        return { kind: 'postal-code', origin: area, district: districtOf(area), label: code };
      // Suggest the postal areas with the nearest codes (a typo of one digit is common).
      const suggestions = [...postal]
        .sort((a, b) => Math.abs(Number(a.id) - Number(code)) - Math.abs(Number(b.id) - Number(code)))
        .slice(0, 5);
      return { unknown: q, suggestions };
    }
    const wanted = normalise(q);
    const named = (a: Area) => [a.id, a.name.fi, a.name.sv, a.name.en].map(normalise);
    const district =
      areas.find((a) => a.kind === 'district' && named(a).includes(wanted)) ??
      areas.find(
        (a) => a.kind === 'district' && wanted.length >= 3 && named(a).some((n) => n.includes(wanted)),
      );
    if (district) {
      const inside = postal.filter((a) => a.parentId === district.id);
      const origin = nearestPostal(district.centroid, inside.length > 0 ? inside : postal);
      if (origin) return { kind: 'district', origin, district, label: district.id };
    }
    const byName =
      wanted.length >= 3
        ? (postal.find((a) => named(a).some((n) => n === wanted)) ??
          postal.find((a) => named(a).some((n) => n.startsWith(wanted))))
        : undefined;
    if (byName)
      return { kind: 'postal-code', origin: byName, district: districtOf(byName), label: byName.id };
    return {
      unknown: q,
      suggestions: areas
        .filter((a) => a.kind === 'district')
        .sort((a, b) => a.name.fi.localeCompare(b.name.fi, 'fi')),
    };
  }

  return {
    today,
    districts,
    reference,

    /** One area with its outline (null when unknown), for the map. */
    async areaShape(id: string): Promise<Area | null> {
      return (await repos.areas.get(id as Area['id'])) ?? null;
    },

    /** Districts with their outlines, for the map. */
    async districtShapes(): Promise<Area[]> {
      return repos.areas.list({ kind: 'district', withGeometry: true });
    },

    async topics(): Promise<Topic[]> {
      return repos.topics.list();
    },

    /** When the public schedule last changed (for cache validators). */
    async scheduleVersion(): Promise<string> {
      const plans = await repos.plans.listPlans(20);
      const published = plans.find((p) => p.status === 'published');
      return `${published?.id ?? 'none'}:${published?.publishedAtMs ?? 0}`;
    },

    async near(query: PlaceQuery, slow: boolean): Promise<NearResult> {
      const place = await resolve(query);
      if ('unknown' in place) return { found: false, query: place.unknown, suggestions: place.suggestions };
      const mode = slow ? 'pt-slow' : 'pt';
      const day = today();
      const [sites, cal, upcoming] = await Promise.all([
        repos.sites.list(),
        calendar(),
        visitsBetween(day, addDays(day, PUBLIC_HORIZON_DAYS - 1)),
      ]);
      const points = sites.filter((s) => s.role === 'fixed-point' && isInService(s.validity, day));
      const venueIds = new Set(upcoming.map((v) => v.venue.id as string));
      const destinations = sites.filter((s) => venueIds.has(s.id) || points.includes(s));
      const { engine } = await access.engineFor(mode, day);
      // From where the resident is: their own location, else the area's demand points (the
      // typical resident: the population-weighted median over them), else its centroid.
      const districtId = place.district?.id ?? null;
      const areaPoints =
        'location' in query ? [] : (await repos.demand.list()).filter((p) => p.areaId === place.origin.id);
      const origins =
        'location' in query
          ? [{ id: 'here', location: query.location, districtId, weight: 1 }]
          : areaPoints.length > 0
            ? areaPoints.map((p) => ({
                id: p.id,
                location: p.location,
                districtId,
                weight: p.counts.all ?? 0,
              }))
            : [{ id: place.origin.id, location: place.origin.centroid, districtId, weight: 1 }];
      const matrix = await engine.travelTimes(
        origins,
        destinations.map((s) => ({ id: s.id, location: s.location, districtId: s.districtId })),
        mode,
      );
      const weights = origins.map((o) => o.weight);
      const minutes = new Map<string, number | null>(
        matrix.destinationIds.map((id, j) => {
          const column = origins.map((_, i) => {
            const m = matrix.minutes[i * matrix.destinationIds.length + j];
            return m === undefined || Number.isNaN(m) ? Number.POSITIVE_INFINITY : m;
          });
          const m = weightedQuantile(column, weights, 0.5);
          return [id, Number.isFinite(m) ? Math.round(m) : null];
        }),
      );
      const by = (m: number | null | undefined) => m ?? Number.POSITIVE_INFINITY;
      // Visits still ahead: today's only until they end.
      const nowTime = wallTimeAt(now());
      const scheduled = upcoming.filter(
        (v) => v.visit.status === 'published' && (v.visit.date > day || v.visit.end > nowTime),
      );
      let near = scheduled.filter((v) => by(minutes.get(v.venue.id)) <= NEAR_MINUTES);
      if (near.length === 0) {
        // Nothing within reach: the visits at the three nearest venues.
        const nearest = [...new Set(scheduled.map((v) => v.venue.id as string))]
          .sort((a, b) => by(minutes.get(a)) - by(minutes.get(b)))
          .slice(0, 3);
        near = scheduled.filter((v) => nearest.includes(v.venue.id));
      }
      return {
        found: true,
        answer: {
          place,
          mode,
          approximate: matrix.approximate,
          from: 'location' in query ? 'location' : areaPoints.length > 0 ? 'area-points' : 'area-centroid',
          modelledDemand: 'location' in query ? false : areaPoints.some((p) => p.basis === 'modelled'),
          visits: near
            .slice(0, MAX_NEAR_VISITS)
            .map((v) => ({ ...v, minutes: minutes.get(v.venue.id) ?? null })),
          points: points
            .map((site) => ({
              site,
              hours: hoursOn(scheduleOf(site), day, cal),
              minutes: minutes.get(site.id) ?? null,
            }))
            .sort((a, b) => by(a.minutes) - by(b.minutes)),
        },
      };
    },

    /** The visits of the ISO week starting `monday`, each day listed (also days without visits). */
    async week(
      monday: IsoDate,
      filter: { districtId?: string; language?: string; topicId?: string },
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

    /** A venue or fixed point: hours for two weeks, upcoming visits, nearest stations. */
    async place(id: string) {
      const site = await repos.sites.get(id as Site['id']);
      if (!site) throw new NotFoundError(`no place with id "${id}"`);
      const day = today();
      const [cal, visits, stations, district] = await Promise.all([
        calendar(),
        visitsBetween(day, addDays(day, PUBLIC_HORIZON_DAYS - 1)),
        repos.access.listStations(),
        site.districtId ? repos.areas.get(site.districtId) : Promise.resolve(undefined),
      ]);
      const hours = datesBetween(day, addDays(day, 13)).map((d) => hoursOn(scheduleOf(site), d, cal));
      const nearestStations = stations
        .filter((s) => s.opened === null || s.opened <= day)
        .map((s) => ({ station: s, meters: haversineMeters(s.location, site.location) }))
        .filter((s) => s.meters <= 1500)
        .sort((a, b) => a.meters - b.meters)
        .slice(0, 2)
        // Minutes at the slow walking speed, over the usual detour (core/access/modes.ts).
        .map((s) => ({
          ...s,
          walkMinutes: Math.max(1, Math.round(walkMinutesForMeters(s.meters, DEFAULT_WALKING, true))),
        }));
      return {
        site,
        district: district ?? null,
        hours,
        visits: visits.filter((v) => v.venue.id === site.id),
        nearestStations,
      };
    },

    /** Places with a public page: fixed points in service and every venue. */
    async places(): Promise<Site[]> {
      const day = today();
      return (await repos.sites.list()).filter((s) => s.role === 'venue' || isInService(s.validity, day));
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

export type PublicService = ReturnType<typeof createPublicService>;

const languageNames = new Map<string, Intl.DisplayNames>();

/** Label of a language code in a language: "ruotsi", "svenska", "Swedish". */
export function languageName(lang: Lang, code: string): string {
  try {
    let names = languageNames.get(lang);
    if (!names) {
      names = new Intl.DisplayNames([lang], { type: 'language' });
      languageNames.set(lang, names);
    }
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
