/**
 * Residual need per district for the reports: the planner's own need model (residents of each
 * target group not within reach of an open fixed point, src/services/planning/planning-data.ts)
 * for the week of a date, summed from demand areas to their districts. Building it runs the
 * travel-time engines, so a result is kept for ten minutes per week and process (the data it
 * comes from changes by imports, which are rare; a stale figure is a shown approximation).
 */
import { startOfIsoWeek } from '../../core/time/civil-time.ts';
import type { ReadRepositories } from '../../db/repositories.ts';
import type { AccessService } from '../access-service.ts';
import { buildPlanningInstance } from '../planning/planning-data.ts';
import type { DistrictNeed } from './report-service.ts';

const KEEP_MS = 10 * 60_000;

export function createDistrictNeed(deps: {
  readonly repos: ReadRepositories;
  readonly access: AccessService;
  readonly now: () => number;
}): (date: string) => Promise<DistrictNeed | null> {
  const kept = new Map<string, { at: number; value: Promise<DistrictNeed | null> }>();
  return (date) => {
    const monday = startOfIsoWeek(date);
    const hit = kept.get(monday);
    if (hit && deps.now() - hit.at < KEEP_MS) return hit.value;
    const value = build(monday).catch(() => null);
    // Expired weeks go as new ones come, so a long-running server keeps only recent ones.
    for (const [week, entry] of kept) if (deps.now() - entry.at >= KEEP_MS) kept.delete(week);
    kept.set(monday, { at: deps.now(), value });
    return value;
  };

  async function build(monday: string): Promise<DistrictNeed | null> {
    const x = await buildPlanningInstance(
      { repos: deps.repos, access: deps.access },
      { from: monday, weeks: 1 },
    );
    const byDistrict = new Map<string, number[]>();
    for (const a of x.areas) {
      const row = byDistrict.get(a.district) ?? x.groups.map(() => 0);
      a.need.forEach((n, g) => {
        row[g] = (row[g] ?? 0) + n;
      });
      byDistrict.set(a.district, row);
    }
    return {
      date: monday,
      groups: x.groups.map((g) => ({ id: g.id, weight: g.weight })),
      byDistrict: new Map([...byDistrict].map(([d, row]) => [d, row.map((n) => Math.round(n))])),
    };
  }
}
