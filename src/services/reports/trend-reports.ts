/**
 * The weekly trend per channel with a forecast (src/core/reports/forecast.ts), and the
 * before/after comparison of chosen districts against the rest of the city
 * (src/core/reports/before-after.ts). A forecast or mean resting on fewer contacts than the
 * threshold is not shown.
 */
import { beforeAfter as compareBeforeAfter } from '../../core/reports/before-after.ts';
import { REPORT_CHANNELS, type ReportChannel, type ReportFilter } from '../../core/reports/dimensions.ts';
import { forecastSeries } from '../../core/reports/forecast.ts';
import { isSmall, shown } from '../../core/reports/suppression.ts';
import {
  addDays,
  compareDates,
  isIsoDate,
  isoWeekOf,
  mondayOfIsoWeek,
  startOfIsoWeek,
} from '../../core/time/civil-time.ts';
import { InvalidInputError } from '../errors.ts';
import type {
  BeforeAfterReport,
  ForecastRow,
  ReportContext,
  TrendPoint,
  TrendReport,
} from './report-types.ts';
import { round } from './report-types.ts';

/**
 * Weeks of history a forecast learns from, ending with the filter's last whole week: two years,
 * so that a season can be seen, whatever period the page shows.
 */
export const FORECAST_HISTORY_WEEKS = 104;

export async function trend(ctx: ReportContext, f: ReportFilter, horizon = 8): Promise<TrendReport> {
  const weeks = ctx.weeksOf(f);
  const lastMonday = mondayOfIsoWeek(weeks.at(-1) ?? '') ?? startOfIsoWeek(f.to);
  // The last week may be partial (the filter ends mid-week): the model stops before it.
  const lastWhole = compareDates(addDays(lastMonday, 6), f.to) <= 0 ? lastMonday : addDays(lastMonday, -7);
  const history: ReportFilter = {
    ...f,
    from: addDays(lastWhole, -7 * (FORECAST_HISTORY_WEEKS - 1)),
    to: addDays(lastWhole, 6),
  };
  const [counted, learned] = await Promise.all([
    ctx.repos.reports.countContacts(ctx.countFilter(f), ['week', 'channel']),
    ctx.repos.reports.countContacts(ctx.countFilter(history), ['week', 'channel']),
  ]);
  const value = new Map(counted.map((r) => [`${r.keys[0]}|${r.keys[1]}`, r.contacts]));
  const past = new Map(learned.map((r) => [`${r.keys[0]}|${r.keys[1]}`, r.contacts]));
  const historyWeeks = ctx.weeksOf(history);
  const points: TrendPoint[] = [];
  const forecast: ForecastRow[] = [];
  const methods: Partial<Record<ReportChannel, string>> = {};
  for (const channel of REPORT_CHANNELS) {
    const series = weeks.map((w) => value.get(`${w}|${channel}`) ?? 0);
    if (series.every((x) => x === 0)) continue;
    for (const [i, w] of weeks.entries()) {
      const n = series[i] ?? 0;
      points.push({
        week: w,
        channel,
        contacts: shown(n, ctx.threshold),
        suppressed: isSmall(n, ctx.threshold),
      });
    }
    // Weeks before a channel's first contact are before it existed, not weeks without anyone.
    const all = historyWeeks.map((w) => past.get(`${w}|${channel}`) ?? 0);
    const first = all.findIndex((x) => x > 0);
    const modelled = first < 0 ? [] : all.slice(first);
    if (modelled.length < 2) continue;
    const { model, points: ahead } = forecastSeries(modelled, { horizon, period: 52 });
    methods[channel] = model.method;
    for (const p of ahead) {
      const small = p.mean < ctx.threshold;
      const r = (x: number) => (small ? null : round(x, 1));
      forecast.push({
        week: isoWeekOf(addDays(lastWhole, 7 * p.step)),
        channel,
        mean: r(p.mean),
        lower80: r(p.lower80),
        upper80: r(p.upper80),
        lower95: r(p.lower95),
        upper95: r(p.upper95),
        suppressed: small,
      });
    }
  }
  return { filter: f, threshold: ctx.threshold, points, forecast, methods };
}

/**
 * Weekly contacts in `districts` for `weeks` whole weeks before and after the week of
 * `change`, against the rest of the city over the same weeks (difference in differences).
 */
export async function beforeAfter(
  ctx: ReportContext,
  q: {
    readonly districts: readonly string[];
    readonly change: string;
    readonly weeks: number;
  },
): Promise<BeforeAfterReport> {
  if (!isIsoDate(q.change)) throw new InvalidInputError('change: expected a date as YYYY-MM-DD', 'change');
  if (!Number.isInteger(q.weeks) || q.weeks < 2 || q.weeks > 52)
    throw new InvalidInputError('weeks: expected a whole number from 2 to 52', 'weeks');
  if (q.districts.length === 0)
    throw new InvalidInputError('districts: expected at least one district', 'districts');
  const known = new Set(
    (await ctx.repos.areas.list({ withGeometry: false }))
      .filter((a) => a.kind === 'district')
      .map((a) => a.id as string),
  );
  for (const d of q.districts)
    if (!known.has(d)) throw new InvalidInputError(`districts: unknown district "${d}"`, 'districts');
  const changeMonday = startOfIsoWeek(q.change);
  const from = addDays(changeMonday, -7 * q.weeks);
  const to = addDays(changeMonday, 7 * q.weeks - 1);
  const counted = await ctx.repos.reports.countContacts(
    ctx.countFilter({ from, to, district: null, venue: null }),
    ['week', 'district'],
  );
  const weeks = ctx.weeksOf({ from, to, district: null, venue: null });
  const chosen = new Set(q.districts);
  const treated = weeks.map(() => 0);
  const control = weeks.map(() => 0);
  const index = new Map(weeks.map((w, i) => [w, i]));
  for (const r of counted) {
    const i = index.get(r.keys[0] ?? '');
    if (i === undefined) continue;
    const target = chosen.has(r.keys[1] ?? '') ? treated : control;
    target[i] = (target[i] ?? 0) + r.contacts;
  }
  const half = (xs: number[]) => [xs.slice(0, q.weeks), xs.slice(q.weeks)] as const;
  const [tb, ta] = half(treated);
  const [cb, ca] = half(control);
  const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
  const small = [tb, ta, cb, ca].some((xs) => isSmall(sum(xs), ctx.threshold));
  const result = compareBeforeAfter({
    treatedBefore: tb,
    treatedAfter: ta,
    controlBefore: cb,
    controlAfter: ca,
  });
  const hide = (x: number | null) => (small || x === null ? null : round(x, 1));
  return {
    districts: [...q.districts],
    change: changeMonday,
    weeks: q.weeks,
    threshold: ctx.threshold,
    treated: { before: hide(result.treated.before.mean), after: hide(result.treated.after.mean) },
    control: {
      before: hide(result.control?.before.mean ?? null),
      after: hide(result.control?.after.mean ?? null),
    },
    treatedChangePercent: hide(result.treated.changePercent),
    controlChangePercent: hide(result.control?.changePercent ?? null),
    difference: hide(result.difference),
    interval:
      small || !result.interval
        ? null
        : { low: round(result.interval.low, 1), high: round(result.interval.high, 1) },
    expectedAfter: hide(result.expectedAfter),
    effect: hide(result.effect),
    effectPercent: hide(result.effectPercent),
    suppressed: small,
  };
}
