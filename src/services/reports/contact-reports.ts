/**
 * Contacts by one or two dimensions, reach of the target groups against the residual need per
 * district, and contacts against the weighted need per district (the map). Small counts are
 * suppressed here, before any page, export or API answer sees them.
 */
import {
  CONTACT_DIMENSIONS,
  type ContactDimension,
  PARTITIONING,
  type ReportFilter,
} from '../../core/reports/dimensions.ts';
import { isSmall, shareOf, shown, suppressCounts } from '../../core/reports/suppression.ts';
import { InvalidInputError } from '../errors.ts';
import type {
  ContactsReport,
  CountRow,
  DistrictFigure,
  ReachReport,
  ReachRow,
  ReportContext,
} from './report-types.ts';
import { round } from './report-types.ts';

export async function contacts(
  ctx: ReportContext,
  f: ReportFilter,
  groupBy: ContactDimension,
  by: ContactDimension | null = null,
): Promise<ContactsReport> {
  if (!CONTACT_DIMENSIONS.includes(groupBy))
    throw new InvalidInputError(`groupBy: expected one of ${CONTACT_DIMENSIONS.join(', ')}`, 'groupBy');
  if (by !== null && (by === groupBy || !CONTACT_DIMENSIONS.includes(by)))
    throw new InvalidInputError(`by: expected another of ${CONTACT_DIMENSIONS.join(', ')}`, 'by');
  const filter = ctx.countFilter(f);
  const [counted, [all]] = await Promise.all([
    ctx.repos.reports.countContacts(filter, by ? [groupBy, by] : [groupBy]),
    ctx.repos.reports.countContacts(filter, []),
  ]);
  const total = all?.contacts ?? 0;
  let rows: CountRow[];
  if (!by) {
    rows = suppressCounts(
      counted.map((r) => ({ key: r.keys[0] ?? '', contacts: r.contacts })),
      ctx.threshold,
      { withTotal: PARTITIONING.has(groupBy) },
    );
  } else {
    // Within each key, the series partition the key's contacts when `by` partitions.
    rows = [];
    const byKey = new Map<string, { key: string; series: string; contacts: number }[]>();
    for (const r of counted) {
      const key = r.keys[0] ?? '';
      byKey.set(key, [...(byKey.get(key) ?? []), { key, series: r.keys[1] ?? '', contacts: r.contacts }]);
    }
    for (const cells of byKey.values()) {
      const shownCells = suppressCounts(
        cells.map((c) => ({ key: c.series, contacts: c.contacts })),
        ctx.threshold,
        { withTotal: PARTITIONING.has(by) },
      );
      shownCells.forEach((c, i) => {
        rows.push({
          key: cells[i]?.key ?? '',
          series: c.key,
          contacts: c.contacts,
          suppressed: c.suppressed,
        });
      });
    }
  }
  return { filter: f, groupBy, by, threshold: ctx.threshold, rows, total: shown(total, ctx.threshold) };
}

export async function reach(ctx: ReportContext, f: ReportFilter): Promise<ReachReport> {
  const [counted, perDistrict, need] = await Promise.all([
    ctx.repos.reports.countContacts(ctx.countFilter(f), ['district', 'group']),
    ctx.repos.reports.countContacts(ctx.countFilter(f), ['district']),
    ctx.need(f.to),
  ]);
  const districtTotal = new Map(perDistrict.map((r) => [r.keys[0] ?? '', r.contacts]));
  const count = new Map(counted.map((r) => [`${r.keys[0]}|${r.keys[1]}`, r.contacts]));
  const districts = new Set<string>([...districtTotal.keys()].filter((d) => d !== 'none'));
  if (need) for (const d of need.byDistrict.keys()) if (!f.district || d === f.district) districts.add(d);
  const groups = need?.groups.map((g) => g.id) ?? [...new Set(counted.map((r) => r.keys[1] ?? ''))];
  const rows: ReachRow[] = [];
  for (const district of [...districts].sort()) {
    const needs = need?.byDistrict.get(district);
    const needTotal = needs?.reduce((s, x) => s + x, 0) ?? 0;
    const whole = districtTotal.get(district) ?? 0;
    for (const [g, group] of groups.entries()) {
      const n = count.get(`${district}|${group}`) ?? 0;
      const contactShare = shareOf(n, whole, ctx.threshold);
      const needShare = needs && needTotal > 0 ? (needs[g] ?? 0) / needTotal : null;
      rows.push({
        district,
        group,
        contacts: shown(n, ctx.threshold),
        suppressed: isSmall(n, ctx.threshold),
        contactShare: contactShare === null ? null : round(contactShare, 4),
        needShare: needShare === null ? null : round(needShare, 4),
        index: contactShare !== null && needShare ? round(contactShare / needShare, 2) : null,
      });
    }
  }
  return { filter: f, threshold: ctx.threshold, rows, needDate: need?.date ?? null };
}

export async function districts(ctx: ReportContext, f: ReportFilter): Promise<DistrictFigure[]> {
  const [counted, need] = await Promise.all([
    ctx.repos.reports.countContacts(ctx.countFilter(f), ['district']),
    ctx.need(f.to),
  ]);
  const count = new Map(counted.map((r) => [r.keys[0] ?? '', r.contacts]));
  const ids = new Set([...count.keys()].filter((d) => d !== 'none'));
  if (need) for (const d of need.byDistrict.keys()) ids.add(d);
  return [...ids]
    .filter((d) => !f.district || d === f.district)
    .sort()
    .map((district) => {
      const n = count.get(district) ?? 0;
      const row = need?.byDistrict.get(district);
      const weighted = row && need ? row.reduce((s, x, g) => s + x * (need.groups[g]?.weight ?? 0), 0) : null;
      const small = isSmall(n, ctx.threshold);
      return {
        district,
        contacts: small ? null : n,
        suppressed: small,
        weightedNeed: weighted === null ? null : Math.round(weighted),
        perThousand: small || !weighted ? null : round((n / weighted) * 1000, 1),
      };
    });
}
