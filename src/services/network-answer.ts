/**
 * The answer to a "which points to keep" question as pages, the API and exports show it: the
 * solver's figures (objective, bound, gap), each chosen point with whom it serves and what
 * closing it would lose, each closed point with what keeping it would gain, near-optimal
 * alternatives, and per area the minutes to its nearest chosen point; and the answer as GeoJSON.
 */
import type { TravelTimeMatrix } from '../core/access/engine.ts';
import type { LocalizedText } from '../core/i18n.ts';
import type { explain } from '../core/location/explain.ts';
import type { LocationResult } from '../core/location/solution.ts';
import { type Area, groupCount } from '../core/model/area.ts';
import type { Site, SiteKind, SiteRole } from '../core/model/site.ts';
import type { IsoDate } from '../core/time/civil-time.ts';
import type { FiguresBasis } from './access-service.ts';
import type { CandidateSet, NetworkQuery } from './network-question.ts';

export interface NetworkAnswer {
  readonly query: Required<Pick<NetworkQuery, 'scenarioId' | 'model' | 'mode'>> & {
    date: IsoDate;
    k: number | null;
    radiusMinutes: number | null;
    groupWeights: Record<string, number>;
    candidates: CandidateSet;
    candidateIds: string[] | null;
  };
  /** How many sites were candidates (in the set or list, in service on the date). */
  readonly candidateCount: number;
  readonly objective: number;
  readonly bound: number;
  readonly gap: number;
  readonly optimal: boolean;
  readonly solver: string;
  readonly seconds: number;
  readonly engine: { readonly name: string; readonly approximate: boolean };
  /** What the figures rest on: the travel-time engine and the demand basis. */
  readonly basis: FiguresBasis;
  readonly objectiveUnit: string;
  readonly chosen: readonly {
    siteId: string;
    name: LocalizedText;
    role: SiteRole;
    kind: SiteKind;
    served: Record<string, number>;
    areaIds: string[];
    meanMinutes: number | null;
    lossIfClosed: number;
  }[];
  readonly closures: readonly {
    siteId: string;
    name: LocalizedText;
    role: SiteRole;
    kind: SiteKind;
    gainIfKept: number;
    closedByRule: boolean;
  }[];
  readonly alternatives: readonly { siteIds: string[]; objective: number; worseBy: number }[];
  readonly areas: readonly {
    areaId: string;
    name: LocalizedText;
    siteId: string | null;
    minutes: number | null;
    population: number;
    covered: number | null;
  }[];
  readonly notes: readonly string[];
}

/** What the answer is made of: the question, its checked inputs and the solver's result. */
export interface AnswerInput {
  readonly q: NetworkQuery;
  readonly scenarioId: string;
  readonly date: IsoDate;
  readonly set: CandidateSet;
  readonly candidates: readonly Site[];
  readonly units: readonly { areaId: string; counts: Readonly<Record<string, number>> }[];
  readonly groups: readonly string[];
  readonly weights: Record<string, number>;
  readonly demandAreas: readonly Area[];
  readonly matrix: TravelTimeMatrix;
  readonly basis: FiguresBasis;
  readonly result: LocationResult;
  readonly why: ReturnType<typeof explain>;
}

/** The answer of a solved question (`NetworkAnswer`), figures rounded as pages show them. */
export function networkAnswer(input: AnswerInput): NetworkAnswer {
  const { q, candidates, units, matrix, result, why } = input;
  const minutesTo = (i: number, j: number) => {
    const v = matrix.minutes[i * candidates.length + j] ?? Number.NaN;
    return Number.isNaN(v) ? null : v;
  };
  const siteOf = (j: number) => candidates[j] as (typeof candidates)[number];
  const chosen = why.chosen.map((c) => {
    const served: Record<string, number> = {};
    for (const g of input.groups) {
      served[g] = Math.round(c.demands.reduce((s, i) => s + (groupCount(units[i]?.counts ?? {}, g) ?? 0), 0));
    }
    const mins = c.demands.map((i) => minutesTo(i, c.site)).filter((v): v is number => v !== null);
    const pop = c.demands.map((i) => units[i]?.counts.all ?? 0);
    const totalPop = pop.reduce((s, v) => s + v, 0);
    return {
      siteId: siteOf(c.site).id as string,
      name: siteOf(c.site).name,
      role: siteOf(c.site).role,
      kind: siteOf(c.site).kind,
      served,
      areaIds: [...new Set(c.demands.map((i) => units[i]?.areaId as string))],
      meanMinutes:
        totalPop > 0 && mins.length === pop.length
          ? Number(
              (
                c.demands.reduce((s, i, k) => s + (minutesTo(i, c.site) ?? 0) * (pop[k] ?? 0), 0) / totalPop
              ).toFixed(1),
            )
          : null,
      lossIfClosed: Number(c.lossIfClosed.toFixed(2)),
    };
  });
  const nearestChosen = (i: number) => {
    let best: { j: number; m: number } | null = null;
    for (const j of result.open) {
      const m = minutesTo(i, j);
      if (m !== null && (best === null || m < best.m)) best = { j, m };
    }
    return best;
  };
  return {
    query: {
      scenarioId: input.scenarioId,
      model: q.model,
      mode: q.mode,
      date: input.date,
      k: result.p,
      radiusMinutes: result.radius,
      groupWeights: input.weights,
      candidates: input.set,
      candidateIds: q.candidateIds ? candidates.map((s) => s.id as string) : null,
    },
    candidateCount: candidates.length,
    objective: result.objective,
    bound: result.bound,
    gap: result.gap,
    optimal: result.optimal,
    solver: result.solver,
    seconds: Number(result.seconds.toFixed(3)),
    engine: { name: matrix.engine, approximate: matrix.approximate },
    basis: input.basis,
    objectiveUnit:
      q.model === 'p-median'
        ? 'weighted resident-minutes'
        : q.model === 'mclp'
          ? 'weighted residents within the threshold'
          : 'points',
    chosen,
    closures: why.closures.map((c) => ({
      siteId: siteOf(c.site).id as string,
      name: siteOf(c.site).name,
      role: siteOf(c.site).role,
      kind: siteOf(c.site).kind,
      gainIfKept: Number(c.gainIfKept.toFixed(2)),
      closedByRule: c.forced,
    })),
    alternatives: why.alternatives.map((a) => ({
      siteIds: a.open.map((j) => siteOf(j).id as string),
      objective: a.objective,
      worseBy: Number(a.worseBy.toFixed(5)),
    })),
    areas: areaRows(
      input.demandAreas,
      units,
      (i) => {
        const n = nearestChosen(i);
        return n ? { siteId: siteOf(n.j).id as string, minutes: n.m } : null;
      },
      q.model === 'p-median' ? null : (q.radiusMinutes ?? null),
    ),
    notes: result.notes,
  };
}

/**
 * Per area: the population-weighted mean minutes of its demand units to their nearest chosen
 * site, and the site that serves most of its residents.
 */
function areaRows(
  areas: readonly Area[],
  units: readonly { areaId: string; counts: Readonly<Record<string, number>> }[],
  nearest: (i: number) => { siteId: string; minutes: number } | null,
  radius: number | null,
) {
  const acc = new Map<
    string,
    { weight: number; sum: number; covered: number; bySite: Map<string, number> }
  >();
  for (const [i, u] of units.entries()) {
    const n = nearest(i);
    if (!n) continue;
    const w = Math.max(u.counts.all ?? 0, 1e-9);
    const e = acc.get(u.areaId) ?? { weight: 0, sum: 0, covered: 0, bySite: new Map<string, number>() };
    e.weight += w;
    e.sum += w * n.minutes;
    if (radius !== null && n.minutes <= radius) e.covered += u.counts.all ?? 0;
    e.bySite.set(n.siteId, (e.bySite.get(n.siteId) ?? 0) + w);
    acc.set(u.areaId, e);
  }
  return areas.map((a) => {
    const e = acc.get(a.id);
    const site = e
      ? [...e.bySite].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]?.[0]
      : undefined;
    return {
      areaId: a.id as string,
      name: a.name,
      siteId: site ?? null,
      minutes: e && e.weight > 0 ? Number((e.sum / e.weight).toFixed(1)) : null,
      population: a.population.total,
      /** Residents within the coverage radius of a kept point (MCLP, LSCP); null for p-median. */
      covered: radius === null ? null : Math.round(e?.covered ?? 0),
    };
  });
}

/** The answer as GeoJSON: areas (coloured by minutes to their chosen point) and the candidate points. */
export function networkGeoJson(
  answer: NetworkAnswer,
  areaGeometry: ReadonlyMap<string, unknown>,
  sites: ReadonlyMap<string, { lat: number; lon: number }>,
) {
  const chosen = new Set(answer.chosen.map((c) => c.siteId));
  return {
    type: 'FeatureCollection' as const,
    properties: {
      model: answer.query.model,
      mode: answer.query.mode,
      approximate: answer.engine.approximate,
    },
    features: [
      ...answer.areas.map((a) => ({
        type: 'Feature' as const,
        id: a.areaId,
        geometry: areaGeometry.get(a.areaId) ?? null,
        properties: {
          kind: 'area',
          areaId: a.areaId,
          name: a.name,
          siteId: a.siteId,
          minutes: a.minutes,
          population: a.population,
        },
      })),
      ...[...answer.chosen, ...answer.closures].map(({ siteId: id, name }) => {
        const p = sites.get(id);
        return {
          type: 'Feature' as const,
          id,
          geometry: p ? { type: 'Point' as const, coordinates: [p.lon, p.lat] } : null,
          properties: { kind: 'site', siteId: id, name, chosen: chosen.has(id) },
        };
      }),
    ],
  };
}
