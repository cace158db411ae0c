/**
 * Read-side use cases over the network's reference data: areas, sites with their hours,
 * advisors (public fields), topics, scenarios and the holiday calendar.
 */

import type { AreaId, SiteId } from '../core/ids.ts';
import type { Area, AreaKind } from '../core/model/area.ts';
import { type Site, type SiteKind, type SiteRole, scheduleOf } from '../core/model/site.ts';
import { addDays, compareDates, datesBetween, type IsoDate, isoDateAt } from '../core/time/civil-time.ts';
import { createHolidayCalendar, type HolidayCalendar } from '../core/time/holidays.ts';
import { type DayHours, hoursOn, isInService } from '../core/time/opening-hours.ts';
import type { ReadRepositories } from '../db/repositories.ts';
import { InvalidInputError, NotFoundError } from './errors.ts';

export const MAX_HOURS_RANGE_DAYS = 366;

export interface CatalogDeps {
  readonly repos: ReadRepositories;
  /** Milliseconds since the epoch; injected so tests can fix "today". */
  readonly now: () => number;
}

/** Finnish holidays and the city's closure days, from the stored rules. */
export async function loadHolidayCalendar(repos: ReadRepositories): Promise<HolidayCalendar> {
  const made = createHolidayCalendar(await repos.closureRules.list());
  // Rules are validated on import, so a bad one here means the database was edited by hand.
  if (!made.ok) throw new Error(`stored closure rules are invalid: ${made.error}`);
  return made.value;
}

export function createCatalogService({ repos, now }: CatalogDeps) {
  const calendar = () => loadHolidayCalendar(repos);

  async function requireDistrict(id: string, parameter: string): Promise<Area> {
    const area = await repos.areas.get(id as AreaId);
    if (area?.kind !== 'district') {
      const known = (await repos.areas.list({ kind: 'district', withGeometry: false })).map((a) => a.id);
      throw new InvalidInputError(`unknown district "${id}"; expected one of ${known.join(', ')}`, parameter);
    }
    return area;
  }

  return {
    today(): IsoDate {
      return isoDateAt(now());
    },

    calendar,

    async listAreas(filter: { kind?: AreaKind; parentId?: string; withGeometry?: boolean }): Promise<Area[]> {
      if (filter.parentId !== undefined && !(await repos.areas.get(filter.parentId as AreaId))) {
        throw new InvalidInputError(`unknown area "${filter.parentId}"`, 'parent');
      }
      return repos.areas.list({
        ...(filter.kind ? { kind: filter.kind } : {}),
        ...(filter.parentId ? { parentId: filter.parentId as AreaId } : {}),
        withGeometry: filter.withGeometry ?? false,
      });
    },

    async getArea(id: string): Promise<Area> {
      const area = await repos.areas.get(id as AreaId);
      if (!area) throw new NotFoundError(`no area with id "${id}"`);
      return area;
    },

    /** Sites, optionally only those in service on `inServiceOn`, each with its hours on `hoursDate`. */
    async listSites(filter: {
      role?: SiteRole;
      kind?: SiteKind;
      districtId?: string;
      inServiceOn?: IsoDate;
      hoursDate?: IsoDate;
    }): Promise<{ site: Site; hours: DayHours | null }[]> {
      if (filter.districtId) await requireDistrict(filter.districtId, 'district');
      const list = await repos.sites.list({
        ...(filter.role ? { role: filter.role } : {}),
        ...(filter.kind ? { kind: filter.kind } : {}),
        ...(filter.districtId ? { districtId: filter.districtId as AreaId } : {}),
      });
      const cal = filter.hoursDate ? await calendar() : null;
      const { inServiceOn, hoursDate } = filter;
      return list
        .filter((s) => inServiceOn === undefined || isInService(s.validity, inServiceOn))
        .map((site) => ({
          site,
          hours: cal && hoursDate ? hoursOn(scheduleOf(site), hoursDate, cal) : null,
        }));
    },

    async getSite(id: string): Promise<Site> {
      const site = await repos.sites.get(id as SiteId);
      if (!site) throw new NotFoundError(`no site with id "${id}"`);
      return site;
    },

    /** Opening hours of a site for each date of [from, to], holidays and exceptions applied. */
    async siteHours(id: string, from: IsoDate, to: IsoDate): Promise<DayHours[]> {
      if (compareDates(from, to) > 0)
        throw new InvalidInputError(`"to" (${to}) is before "from" (${from})`, 'to');
      if (compareDates(addDays(from, MAX_HOURS_RANGE_DAYS - 1), to) < 0) {
        throw new InvalidInputError(`at most ${MAX_HOURS_RANGE_DAYS} days at a time`, 'to');
      }
      const site = await this.getSite(id);
      const cal = await calendar();
      return datesBetween(from, to).map((d) => hoursOn(scheduleOf(site), d, cal));
    },

    async listAdvisors() {
      return (await repos.advisors.list()).filter((a) => a.active);
    },

    async listTopics() {
      return repos.topics.list();
    },

    async listScenarios() {
      return repos.scenarios.list();
    },

    async specialDays(year: number) {
      return (await calendar()).specialDaysOfYear(year);
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
