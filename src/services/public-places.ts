/**
 * The residents' pages of places and districts: a venue's or service point's hours, visits and
 * nearest stations; the places with a public page; area and district outlines for the maps; the
 * topic catalogue; the city's customer-service contact for the pages' footer.
 */
import { DEFAULT_WALKING, walkMinutesForMeters } from '../core/access/modes.ts';
import { haversineMeters } from '../core/geo/geo.ts';
import type { Area } from '../core/model/area.ts';
import { CITY_CONTACT_SETTING, type CityContact } from '../core/model/city-contact.ts';
import { type Site, scheduleOf } from '../core/model/site.ts';
import type { Topic } from '../core/model/topic.ts';
import { addDays, datesBetween, isoDateAt } from '../core/time/civil-time.ts';
import { hoursOn, isInService } from '../core/time/opening-hours.ts';
import type { ReadRepositories } from '../db/repositories.ts';
import { loadHolidayCalendar } from './catalog-service.ts';
import { NotFoundError } from './errors.ts';
import { cityContactSchema } from './import/contact-file.ts';
import { PUBLIC_HORIZON_DAYS, type PublicVisits } from './public-visits.ts';

/** How long a configured contact is reused before it is read again. */
const CONTACT_CACHE_MS = 5 * 60_000;

export function createPublicPlaces(deps: {
  readonly repos: ReadRepositories;
  readonly now: () => number;
  readonly visits: PublicVisits;
}) {
  const { repos, now } = deps;
  const today = () => isoDateAt(now());
  let contactCache: { value: CityContact; until: number } | null = null;

  return {
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

    /** A venue or fixed point: hours for two weeks, upcoming visits, nearest stations. */
    async place(id: string) {
      const site = await repos.sites.get(id as Site['id']);
      if (!site) throw new NotFoundError(`no place with id "${id}"`);
      const day = today();
      const [cal, visits, stations, district] = await Promise.all([
        loadHolidayCalendar(repos),
        deps.visits.visitsBetween(day, addDays(day, PUBLIC_HORIZON_DAYS - 1)),
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
  };
}
