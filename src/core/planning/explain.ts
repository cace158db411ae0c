/**
 * Why a plan is what it is: per visit, whom it reaches (areas, groups, weighted need), the
 * contacts to expect (and whether the contact log or the need says so), what the plan would
 * lose without it, its rhythm and the languages it serves; per plan, visits per district and
 * week and each advisor's minutes per week.
 */
import { evaluate, matchedLanguages, type PlannedVisit, regularVisits } from './evaluate.ts';
import type { Candidate, ExpectedFrom, Prepared } from './prepare.ts';

export interface VisitExplanation {
  readonly reached: readonly {
    readonly areaId: string;
    readonly groups: readonly string[];
    readonly weightedNeed: number;
  }[];
  readonly expectedContacts: number;
  /** `logs`: the mean of the venue's logged visits at these times; `need`: estimated from the need in reach. */
  readonly expectedFrom: ExpectedFrom;
  /** Objective lost if this visit alone were dropped. */
  readonly valueIfDropped: number;
  readonly rhythm: 'weekly' | 'fortnightly' | 'one-off';
  readonly languages: readonly string[];
}

export interface PlanExplanation {
  readonly visits: readonly VisitExplanation[];
  readonly perDistrictWeek: readonly {
    readonly district: string;
    readonly week: number;
    readonly visits: number;
    readonly required: number;
  }[];
  readonly advisorMinutes: readonly {
    readonly advisorId: string;
    readonly week: number;
    readonly minutes: number;
    readonly cap: number;
  }[];
}

export function explainPlan(P: Prepared, visits: readonly PlannedVisit[]): PlanExplanation {
  const x = P.x;
  const G = x.groups.length;
  const total = evaluate(P, visits).total;
  const chosen = new Set(visits.map((v) => v.candidate));
  const regular = regularVisits(P, chosen);
  const explained = visits.map((v, k) => {
    const c = P.candidates[v.candidate] as Candidate;
    const byArea = new Map<number, { groups: string[]; weight: number }>();
    for (const key of P.venueKeys[c.venue] ?? []) {
      const a = Math.floor(key / G);
      const g = key % G;
      const entry = byArea.get(a) ?? { groups: [], weight: 0 };
      entry.groups.push(x.groups[g]?.id ?? '');
      entry.weight += P.keyWeight[key] ?? 0;
      byArea.set(a, entry);
    }
    const without = visits.filter((_, q) => q !== k);
    let rhythm: VisitExplanation['rhythm'] = 'one-off';
    if (regular.has(v.candidate)) {
      const kept = (P.patternsOf[v.candidate] ?? [])
        .map((q) => P.patterns[q])
        .filter((p) => p?.candidates.every((i) => chosen.has(i)));
      rhythm = kept.some((p) => p?.every === 1) ? 'weekly' : 'fortnightly';
    }
    return {
      reached: [...byArea.entries()]
        .sort((a, b) => b[1].weight - a[1].weight)
        .map(([a, e]) => ({
          areaId: x.areas[a]?.id ?? '',
          groups: e.groups,
          weightedNeed: Math.round(e.weight),
        })),
      expectedContacts: Math.round(c.expectedContacts * 10) / 10,
      expectedFrom: c.expectedFrom,
      valueIfDropped: Math.round((total - evaluate(P, without).total) * 100) / 100,
      rhythm,
      languages: matchedLanguages(P, c, v.advisors),
    };
  });
  const perDistrictWeek = x.districts.flatMap((d, di) =>
    Array.from({ length: P.weeks }, (_, w) => ({
      district: d.id,
      week: w + 1,
      visits: visits.filter((v) => {
        const c = P.candidates[v.candidate];
        return c && c.week === w && P.venueDistrict[c.venue] === di;
      }).length,
      required: P.fairnessTarget[di]?.[w] ?? 0,
    })),
  );
  const advisorMinutes = x.advisors.flatMap((a, ai) =>
    Array.from({ length: P.weeks }, (_, w) => ({
      advisorId: a.id,
      week: w + 1,
      minutes: visits
        .filter((v) => v.advisors.includes(ai) && P.candidates[v.candidate]?.week === w)
        .reduce(
          (s, v) => s + ((P.candidates[v.candidate]?.end ?? 0) - (P.candidates[v.candidate]?.start ?? 0)),
          0,
        ),
      cap: Math.floor(P.weeklyCap[ai]?.[w] ?? 0),
    })),
  );
  return { visits: explained, perDistrictWeek, advisorMinutes };
}
