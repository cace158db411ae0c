/**
 * The residents' read side: where and when help is near, the week's schedule, a place's
 * visits and hours, the topic catalogue, timetables and calendar feeds. It reads only
 * published (and cancelled) visits and public fields of advisors: their languages and the
 * topics their skills cover, never who they are.
 */

import { weightedQuantile } from '../core/access/metrics.ts';
import { DEFAULT_WALKING, walkMinutesForMeters } from '../core/access/modes.ts';
import { geometryContains, haversineMeters, type LatLon, positionsOf } from '../core/geo/geo.ts';
import type { Lang } from '../core/i18n.ts';
import type { PublicAdvisor } from '../core/model/advisor.ts';
import type { Area } from '../core/model/area.ts';
import { CITY_CONTACT_SETTING, type CityContact } from '../core/model/city-contact.ts';
import { type Site, type SiteSummary, scheduleOf } from '../core/model/site.ts';
import type { Topic } from '../core/model/topic.ts';
import type { Visit } from '../core/model/visit.ts';
import { staffLanguages } from '../core/model/visit-series.ts';
import {
  addDays,
  datesBetween,
  type IsoDate,
  isoDateAt,
  startOfIsoWeek,
  wallTimeAt,
} from '../core/time/civil-time.ts';
import { type DayHours, hoursOn, isInService } from '../core/time/opening-hours.ts';
import type { ReadRepositories } from '../db/repositories.ts';
import type { AccessService } from './access-service.ts';
import { loadHolidayCalendar } from './catalog-service.ts';
import { NotFoundError } from './errors.ts';
import { cityContactSchema } from './import/contact-file.ts';

export interface PublicDeps {
  readonly repos: ReadRepositories;
  readonly access: AccessService;
  readonly now: () => number;
}

/** A published or cancelled visit as residents see it. */
export interface PublicVisit {
  readonly visit: Visit;
  readonly venue: SiteSummary;
  /** Languages the visit's own advisors speak (ISO 639-1), sorted. */
  readonly languages: readonly string[];
  /** Topics the visit's own advisors can help with, in catalogue order. */
  readonly topicIds: readonly string[];
  /** The same topics with their names. */
  readonly topics: readonly Topic[];
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
  readonly kind: 'postal-code' | 'district' | 'location' | 'site';
  /** The postal area travel times are measured from (the nearest one for a place outside). */
  readonly origin: Area;
  readonly district: Area | null;
  /** What was asked for: a postal code, a district, a position, or a place's id. */
  readonly label: string;
  /** Where the times start when that is one point: the resident's position, or the place asked for. */
  readonly point: LatLon | null;
  /** A position outside the city (kind `location`): the answer lists the nearest places. */
  readonly outside: boolean;
  /** The places the query names (kind `site`), the best match first: their visits come first. */
  readonly sites: readonly Site[];
  /** The street address asked for, as the data writes it (kind `site`, found by its address). */
  readonly street: string | null;
  /** Other places whose names or addresses match the query less well ("did you mean"). */
  readonly alternatives: readonly Site[];
}

export type PlaceQuery = { readonly q: string } | { readonly location: LatLon };

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

/** A position this far off the city's postal areas is in the city still (a shore, a border street). */
const EDGE_METERS = 1000;
/** A position further than this from the city is not answered with the city's nearest places. */
const OUTSIDE_REACH_METERS = 30_000;
/** How long a configured contact is reused before it is read again. */
const CONTACT_CACHE_MS = 5 * 60_000;

/** Normalised words of a text: "Sellon kirjasto" → ["sellon", "kirjasto"]. */
const wordsOf = (s: string) =>
  normalise(s)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/**
 * How well query words name a text: 0 the whole text, 1 its beginning, 2 words further on,
 * null not at all. Each query word may be the start of a word, so "Iso Omena" names "Ison
 * Omenan palvelutori" and "Sello" names "Sellon kirjasto".
 */
export function nameMatch(query: readonly string[], text: string): 0 | 1 | 2 | null {
  const words = wordsOf(text);
  let found: 2 | null = null;
  for (let i = 0; query.length > 0 && i + query.length <= words.length; i++) {
    if (!query.every((q, k) => words[i + k]?.startsWith(q))) continue;
    if (i > 0) found = 2;
    else return query.length === words.length && query.every((q, k) => words[k] === q) ? 0 : 1;
  }
  return found;
}

export interface SiteMatch {
  readonly site: Site;
  readonly rank: 0 | 1 | 2;
  /** Names (of fi, sv, en) that match at `rank`. */
  readonly names: number;
  readonly byStreet: boolean;
}

/**
 * Places a query names, best first: by name in any language (the whole name, its beginning,
 * then a later word), else by street address ("Leppävaarankatu 9"). Among equals, the place
 * named so in more languages, then the one with more visits ahead, then a service point.
 */
export function matchSites(
  query: string,
  sites: readonly Site[],
  visitsAt: ReadonlyMap<string, number> = new Map(),
): SiteMatch[] {
  const words = wordsOf(query);
  if (words.join('').length < 3) return [];
  // "Leppävaarankatu 9, 02600 Espoo": the street is the part before the comma.
  const street = wordsOf(query.split(',')[0] ?? '');
  const matches = sites.flatMap((site): SiteMatch[] => {
    const ranks = [site.name.fi, site.name.sv, site.name.en].flatMap((n) => nameMatch(words, n) ?? []);
    if (ranks.length > 0) {
      const rank = Math.min(...ranks) as SiteMatch['rank'];
      return [{ site, rank, names: ranks.filter((r) => r === rank).length, byStreet: false }];
    }
    // A street is named from its beginning: "Piispansilta 11", not "11".
    const s = site.address.street ? nameMatch(street, site.address.street) : null;
    return s === 0 || s === 1 ? [{ site, rank: s, names: 1, byStreet: true }] : [];
  });
  const visits = (m: SiteMatch) => visitsAt.get(m.site.id) ?? 0;
  return matches.sort(
    (a, b) =>
      a.rank - b.rank ||
      Number(a.byStreet) - Number(b.byStreet) ||
      b.names - a.names ||
      visits(b) - visits(a) ||
      Number(b.site.role === 'fixed-point') - Number(a.site.role === 'fixed-point') ||
      a.site.name.fi.localeCompare(b.site.name.fi, 'fi'),
  );
}

/** The postal area whose outline comes nearest a position, and how near (by its corners). */
function nearestOutline(areas: readonly Area[], p: LatLon): { area: Area; meters: number } | null {
  let best: { area: Area; meters: number } | null = null;
  for (const area of areas) {
    if (!area.geometry) continue;
    for (const [lon, lat] of positionsOf(area.geometry)) {
      if (lon === undefined || lat === undefined) continue;
      const meters = haversineMeters({ lat, lon }, p);
      if (best === null || meters < best.meters) best = { area, meters };
    }
  }
  return best;
}

export function createPublicService({ repos, access, now }: PublicDeps) {
  const today = () => isoDateAt(now());

  const calendar = () => loadHolidayCalendar(repos);

  async function districts(): Promise<Area[]> {
    return repos.areas.list({ kind: 'district', withGeometry: false });
  }

  function topicsOf(advisors: readonly PublicAdvisor[], topics: readonly Topic[]): Topic[] {
    const skills = new Set(advisors.flatMap((a) => a.skills));
    return topics.filter((t) => t.atMobileVisit && (t.requiredSkill === null || skills.has(t.requiredSkill)));
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

  /**
   * Visits with their venue, and the languages and topics of the advisors staffed on each visit
   * itself (never of a series it belongs to: another date may have other advisors).
   */
  function decorate(visits: readonly Visit[], ref: PublicReference): PublicVisit[] {
    return visits.flatMap((visit) => {
      const venue = ref.places.get(visit.venueId);
      if (!venue) return [];
      const staff = visit.advisorIds.flatMap((id) => ref.advisors.get(id) ?? []);
      const topics = topicsOf(staff, ref.topics);
      return [{ visit, venue, languages: staffLanguages(staff), topicIds: topics.map((t) => t.id), topics }];
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

  let contactCache: { value: CityContact; until: number } | null = null;

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

  type Unknown = { unknown: string; suggestions: Area[]; districts: Area[] };

  /**
   * What a query asks about: a postal code (also without its leading zero), a district, a
   * postal area by name, a place by name or street address, or a position (in the city, or
   * outside it within reach).
   */
  async function resolve(
    query: PlaceQuery,
    sites: readonly Site[],
    visitsAt: ReadonlyMap<string, number>,
  ): Promise<NearPlace | Unknown> {
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
    const unknown = (label: string, suggestions: Area[] = []): Unknown => ({
      unknown: label,
      suggestions,
      districts: areas
        .filter((a) => a.kind === 'district')
        .sort((a, b) => a.name.fi.localeCompare(b.name.fi, 'fi')),
    });
    const answer = (
      kind: NearPlace['kind'],
      origin: Area,
      label: string,
      more: Partial<Omit<NearPlace, 'kind' | 'origin' | 'label'>> = {},
    ): NearPlace => ({
      kind,
      origin,
      district: districtOf(origin),
      label,
      point: null,
      outside: false,
      sites: [],
      street: null,
      alternatives: [],
      ...more,
    });
    if ('location' in query) {
      const p = query.location;
      const label = `${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}`;
      const inside = postal.find((a) => a.geometry && geometryContains(a.geometry, p));
      if (inside) return answer('location', inside, inside.id, { point: p });
      // Off every outline: by a little is still the city; without outlines, 5 km from an area's centre.
      const edge = nearestOutline(postal, p);
      const centre = nearestPostal(p);
      const near = edge ?? (centre ? { area: centre, meters: haversineMeters(centre.centroid, p) } : null);
      if (!near) return unknown(label);
      if (near.meters <= (edge ? EDGE_METERS : 5000))
        return answer('location', near.area, near.area.id, { point: p });
      if (near.meters > OUTSIDE_REACH_METERS) return unknown(label);
      return answer('location', near.area, near.area.id, { point: p, outside: true, district: null });
    }
    const q = query.q.trim();
    const code = q.replace(/\s/g, '');
    if (/^\d{4,5}$/.test(code)) {
      // "2970" is 02970: every postal code of the capital region starts with 0.
      const padded = code.padStart(5, '0');
      const area = byId.get(padded);
      if (area?.kind === 'postal-code') return answer('postal-code', area, padded);
      // Suggest the postal areas with the nearest codes (a typo of one digit is common).
      const suggestions = [...postal]
        .sort((a, b) => Math.abs(Number(a.id) - Number(padded)) - Math.abs(Number(b.id) - Number(padded)))
        .slice(0, 5);
      return unknown(q, suggestions);
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
      if (origin) return answer('district', origin, district.id, { district });
    }
    const byName =
      wanted.length >= 3
        ? (postal.find((a) => named(a).some((n) => n === wanted)) ??
          postal.find((a) => named(a).some((n) => n.startsWith(wanted))))
        : undefined;
    if (byName) return answer('postal-code', byName, byName.id);
    // A place by name or street address: the times start at the best match.
    const matches = matchSites(q, sites, visitsAt);
    const best = matches[0];
    const origin = best
      ? ((best.site.areaId ? byId.get(best.site.areaId) : undefined) ?? nearestPostal(best.site.location))
      : null;
    if (!best || !origin) return unknown(q);
    const siteDistrict = best.site.districtId ? byId.get(best.site.districtId) : undefined;
    return answer('site', origin, best.site.id, {
      district: siteDistrict?.kind === 'district' ? siteDistrict : districtOf(origin),
      point: best.site.location,
      sites: matches.filter((m) => m.rank === best.rank && m.byStreet === best.byStreet).map((m) => m.site),
      street: best.byStreet ? best.site.address.street : null,
      alternatives: matches.slice(1, 7).map((m) => m.site),
    });
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

    /** The city's customer-service contact for the pages' footer; null when none is configured. */
    async contact(): Promise<CityContact | null> {
      const at = now();
      if (contactCache && contactCache.until > at) return contactCache.value;
      const parsed = cityContactSchema.safeParse(await repos.access.getSetting(CITY_CONTACT_SETTING));
      if (!parsed.success) return null;
      // A configured contact is reused for a while; a missing one is looked for on every page.
      contactCache = { value: parsed.data, until: at + CONTACT_CACHE_MS };
      return parsed.data;
    },

    /** The last date with a published visit, today or later (null when there is none). */
    lastPublished,

    /**
     * Why the week from `monday` lists nothing for `filter`: not published yet (after the last
     * published visit), and, within the published schedule, the nearest other week with visits
     * for the same choices and the districts with visits this week.
     */
    async emptyWeekHint(
      monday: IsoDate,
      filter: { districtId?: string; language?: string; topicId?: string },
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

    async near(query: PlaceQuery, slow: boolean): Promise<NearResult> {
      const mode = slow ? 'pt-slow' : 'pt';
      const day = today();
      const [sites, cal, upcoming] = await Promise.all([
        repos.sites.list(),
        calendar(),
        visitsBetween(day, addDays(day, PUBLIC_HORIZON_DAYS - 1)),
      ]);
      const visitsAt = new Map<string, number>();
      for (const v of upcoming) visitsAt.set(v.venue.id, (visitsAt.get(v.venue.id) ?? 0) + 1);
      // Places with a public page: every venue, and the service points in service.
      const open = sites.filter((s) => s.role === 'venue' || isInService(s.validity, day));
      const place = await resolve(query, open, visitsAt);
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
      // From where the resident is: their own location or the place they named, else the area's
      // demand points (the typical resident: the population-weighted median), else its centroid.
      const districtId = place.district?.id ?? null;
      const areaPoints = place.point
        ? []
        : (await repos.demand.list()).filter((p) => p.areaId === place.origin.id);
      const origins = place.point
        ? [{ id: 'here', location: place.point, districtId, weight: 1 }]
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
      // Equal times (or none, from outside the city) are ordered by distance.
      const start = place.point ?? place.origin.centroid;
      const meters = (l: LatLon) => haversineMeters(start, l);
      // Visits still ahead: today's only until they end.
      const nowTime = wallTimeAt(now());
      const scheduled = upcoming.filter(
        (v) => v.visit.status === 'published' && (v.visit.date > day || v.visit.end > nowTime),
      );
      // The places asked for by name come first, then the visits within reach.
      const named = new Set<string>(place.sites.map((s) => s.id));
      const own = scheduled.filter((v) => named.has(v.venue.id));
      let near = scheduled.filter(
        (v) => !named.has(v.venue.id) && by(minutes.get(v.venue.id)) <= NEAR_MINUTES,
      );
      if (own.length + near.length === 0) {
        // Nothing within reach: the visits at the three nearest venues.
        const nearest = [...new Map(scheduled.map((v) => [v.venue.id as string, v.venue])).values()]
          .sort(
            (a, b) =>
              by(minutes.get(a.id)) - by(minutes.get(b.id)) || meters(a.location) - meters(b.location),
          )
          .slice(0, 3)
          .map((v) => v.id as string);
        near = scheduled.filter((v) => nearest.includes(v.venue.id));
      }
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
          visits: [...own, ...near]
            .slice(0, MAX_NEAR_VISITS)
            .map((v) => ({ ...v, minutes: minutes.get(v.venue.id) ?? null })),
          points: points
            .map((site) => ({
              site,
              hours: hoursOn(scheduleOf(site), day, cal),
              minutes: minutes.get(site.id) ?? null,
            }))
            .sort(
              (a, b) => by(a.minutes) - by(b.minutes) || meters(a.site.location) - meters(b.site.location),
            ),
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
