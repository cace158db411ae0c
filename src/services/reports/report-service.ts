/**
 * The planners' reports: contacts by any dimension, reach of the target groups against the
 * residual need per district, capacity (contacts per advisor-hour, planned and delivered
 * visits), bookings (fill rate, no-shows), the weekly trend per channel with a forecast, and a
 * before/after comparison of chosen districts. Every figure counted from the contact log or the
 * bookings goes through small-count suppression (src/core/reports/suppression.ts) here, so the
 * pages, the API and the exports cannot show what this service does not hand out.
 */

import { asSiteId } from '../../core/ids.ts';
import type { ContactDimension, ReportFilter } from '../../core/reports/dimensions.ts';
import { shown } from '../../core/reports/suppression.ts';
import {
  addDays,
  compareDates,
  isIsoDate,
  isoDateAt,
  isoWeekOf,
  startOfIsoWeek,
  wallClockToEpochMs,
} from '../../core/time/civil-time.ts';
import type { ReadRepositories } from '../../db/repositories.ts';
import { InvalidInputError } from '../errors.ts';
import { contacts, districts, reach } from './contact-reports.ts';
import { contactExportCsv } from './report-csv.ts';
import { type Dashboard, type DistrictNeed, MAX_REPORT_DAYS, type ReportContext } from './report-types.ts';
import { beforeAfter, trend } from './trend-reports.ts';
import { bookings, capacity } from './visit-reports.ts';

export * from './report-types.ts';

export interface ReportServiceDeps {
  readonly repos: ReadRepositories;
  readonly now: () => number;
  /** The suppression threshold (default 5). */
  readonly threshold?: number;
  /** Residual need per district on a date, or null when it cannot be computed. */
  readonly need: (date: string) => Promise<DistrictNeed | null>;
}

export function createReportService(deps: ReportServiceDeps) {
  const { repos } = deps;
  const threshold = deps.threshold ?? 5;

  const today = () => isoDateAt(deps.now());

  /**
   * A filter from query parameters: `from` and `to` (YYYY-MM-DD, default the last 12 whole
   * weeks), `district` and `venue` (ids; empty = all). Throws InvalidInputError naming the field.
   */
  async function parseFilter(q: {
    readonly from?: string | undefined;
    readonly to?: string | undefined;
    readonly district?: string | undefined;
    readonly venue?: string | undefined;
  }): Promise<ReportFilter> {
    const thisMonday = startOfIsoWeek(today());
    const from = q.from?.trim() || addDays(thisMonday, -84);
    const to = q.to?.trim() || addDays(thisMonday, -1);
    if (!isIsoDate(from))
      throw new InvalidInputError(`from: expected a date as YYYY-MM-DD, got "${from}"`, 'from');
    if (!isIsoDate(to)) throw new InvalidInputError(`to: expected a date as YYYY-MM-DD, got "${to}"`, 'to');
    if (compareDates(to, from) < 0)
      throw new InvalidInputError(`to: expected ${from} or later, got ${to}`, 'to');
    if (compareDates(to, addDays(from, MAX_REPORT_DAYS - 1)) > 0)
      throw new InvalidInputError(`to: expected at most ${MAX_REPORT_DAYS} days from ${from}`, 'to');
    const district = q.district?.trim() || null;
    const venue = q.venue?.trim() || null;
    if (district) {
      const area = (await repos.areas.list({ withGeometry: false })).find((a) => a.id === district);
      if (area?.kind !== 'district')
        throw new InvalidInputError(`district: unknown district "${district}"`, 'district');
    }
    if (venue && !(await repos.sites.get(asSiteId(venue))))
      throw new InvalidInputError(`venue: unknown venue or service point "${venue}"`, 'venue');
    return { from, to, district, venue };
  }

  const countFilter = (f: ReportFilter) => ({
    fromMs: wallClockToEpochMs(f.from, '00:00'),
    toMs: wallClockToEpochMs(addDays(f.to, 1), '00:00'),
    district: f.district,
    venue: f.venue,
  });

  /** The ISO weeks a filter's dates touch, in order. */
  const weeksOf = (f: ReportFilter): string[] => {
    const out: string[] = [];
    for (let d = startOfIsoWeek(f.from); compareDates(d, f.to) <= 0; d = addDays(d, 7))
      out.push(isoWeekOf(d));
    return out;
  };

  const ctx: ReportContext = { repos, threshold, need: deps.need, today, countFilter, weeksOf };

  async function dashboard(f: ReportFilter): Promise<Dashboard> {
    const [
      all,
      trendReport,
      topic,
      language,
      ageBand,
      group,
      reachReport,
      capacityReport,
      bookingsReport,
      figures,
    ] = await Promise.all([
      repos.reports.countContacts(countFilter(f), []),
      trend(ctx, f),
      contacts(ctx, f, 'topic'),
      contacts(ctx, f, 'language'),
      contacts(ctx, f, 'ageBand'),
      contacts(ctx, f, 'group'),
      reach(ctx, f),
      capacity(ctx, f),
      bookings(ctx, f),
      districts(ctx, f),
    ]);
    return {
      filter: f,
      threshold,
      total: shown(all[0]?.contacts ?? 0, threshold),
      trend: trendReport,
      by: { topic, language, ageBand, group },
      reach: reachReport,
      capacity: capacityReport,
      bookings: bookingsReport,
      districts: figures,
    };
  }

  /** Names and district shapes for the pages (districts, sites, topics). */
  async function reference() {
    const [areas, sites, topics] = await Promise.all([
      repos.areas.list({ kind: 'district' }),
      repos.sites.list({}),
      repos.topics.list(),
    ]);
    return {
      districts: areas.map((a) => ({ id: a.id as string, name: a.name, geometry: a.geometry })),
      sites: sites.map((x) => ({ id: x.id as string, name: x.name, role: x.role })),
      topics: topics.map((x) => ({ id: x.id as string, name: x.name })),
    };
  }

  return {
    threshold,
    parseFilter,
    dashboard,
    reference,
    districts: (f: ReportFilter) => districts(ctx, f),
    contacts: (f: ReportFilter, groupBy: ContactDimension, by: ContactDimension | null = null) =>
      contacts(ctx, f, groupBy, by),
    reach: (f: ReportFilter) => reach(ctx, f),
    capacity: (f: ReportFilter) => capacity(ctx, f),
    bookings: (f: ReportFilter) => bookings(ctx, f),
    trend: (f: ReportFilter, horizon?: number) => trend(ctx, f, horizon),
    beforeAfter: (q: Parameters<typeof beforeAfter>[1]) => beforeAfter(ctx, q),
    /** The contact export: one CSV row per contact, codes only (src/services/reports/report-csv.ts). */
    async exportContacts(f: ReportFilter): Promise<string> {
      return contactExportCsv(await repos.reports.exportContacts(countFilter(f)), threshold);
    },
    /** The setting that labels generated history as synthetic, if any. */
    async syntheticHistory(): Promise<unknown> {
      return repos.access.getSetting('reports.syntheticHistory');
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
