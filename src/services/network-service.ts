/**
 * "Which k points should we keep?": the location models on the loaded network. Demand is
 * the demand areas with planner-set weights per target group; candidates are the fixed
 * points a scenario has open on a date (or every fixed point); costs are travel minutes by
 * the chosen mode from the access engine. The answer comes with its bound and gap and an
 * explanation per site, per closure and near-optimal alternatives.
 */

import { reportGroups } from '../core/access/comparison.ts';
import type { TravelMode } from '../core/access/modes.ts';
import type { LocalizedText } from '../core/i18n.ts';
import type { ScenarioId } from '../core/ids.ts';
import { explain } from '../core/location/explain.ts';
import { createInstance, type LocationModel, SITE_STATUS } from '../core/location/instance.ts';
import { type Area, groupCount } from '../core/model/area.ts';
import { openSitesOn, type Scenario } from '../core/model/scenario.ts';
import type { Site, SiteKind, SiteRole } from '../core/model/site.ts';
import type { IsoDate } from '../core/time/civil-time.ts';
import { isInService } from '../core/time/opening-hours.ts';
import type { ReadRepositories } from '../db/repositories.ts';
import { type AccessService, demandAreasOf, type FiguresBasis, placeOfSite } from './access-service.ts';
import { InvalidInputError } from './errors.ts';
import { locate, type SolverChoice } from './location/location-solver.ts';

export interface NetworkQuery {
  readonly scenarioId: string;
  readonly date?: IsoDate;
  readonly model: LocationModel;
  readonly mode: TravelMode;
  /** Points to keep (p-median, MCLP). */
  readonly k?: number;
  /** Coverage threshold in minutes (MCLP, LSCP). */
  readonly radiusMinutes?: number;
  /** Weight per target group; residents count once per group they are weighted in. Default: all = 1. */
  readonly groupWeights?: Readonly<Record<string, number>>;
  readonly mustKeep?: readonly string[];
  readonly closed?: readonly string[];
  /**
   * Which sites may be chosen (always only those in service on the date): the points the
   * scenario has open (default), every fixed point, or every site — fixed points and venues.
   */
  readonly candidates?: CandidateSet;
  /** Alias of `candidates: 'fixed-points'` (when `candidates` is not given). */
  readonly allFixedPoints?: boolean;
  /**
   * An explicit list of candidate sites (e.g. from an imported list), drawn from the set above;
   * with this list the set defaults to 'all-sites'.
   */
  readonly candidateIds?: readonly string[];
  readonly solver?: SolverChoice;
  readonly timeLimitSeconds?: number;
}

/** The candidate sets a network question can choose from. */
export const CANDIDATE_SETS = ['scenario', 'fixed-points', 'all-sites'] as const;
export type CandidateSet = (typeof CANDIDATE_SETS)[number];

/** A candidate site as forms and answers show it: "Sello Library (venue, library)". */
export interface CandidateSite {
  readonly id: string;
  readonly name: LocalizedText;
  readonly role: SiteRole;
  readonly kind: SiteKind;
}

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

export function createNetworkService(deps: { repos: ReadRepositories; access: AccessService }) {
  const { repos, access } = deps;
  /** Every candidate set on a date: only sites in service then, in the repository's order. */
  const candidateSets = (
    sites: readonly Site[],
    scenario: Scenario | undefined,
    date: IsoDate,
  ): Record<CandidateSet, Site[]> => {
    const inService = sites.filter((s) => isInService(s.validity, date));
    const open = new Set(scenario ? openSitesOn(scenario, date) : []);
    return {
      scenario: inService.filter((s) => open.has(s.id)),
      'fixed-points': inService.filter((s) => s.role === 'fixed-point'),
      'all-sites': inService,
    };
  };
  const candidateOf = (s: Site): CandidateSite => ({ id: s.id, name: s.name, role: s.role, kind: s.kind });
  return {
    /**
     * What a form needs: the sites of each candidate set on the date (`candidates` is the
     * scenario's own points, as before) and the target groups.
     */
    async options(scenarioId: string, date: IsoDate) {
      const scenario = await repos.scenarios.get(scenarioId as ScenarioId);
      const sets = candidateSets(await repos.sites.list(), scenario, date);
      const demand = await access.demandOrigins('walk');
      return {
        candidates: sets.scenario.map(candidateOf),
        candidateSets: {
          scenario: sets.scenario.map(candidateOf),
          'fixed-points': sets['fixed-points'].map(candidateOf),
          'all-sites': sets['all-sites'].map(candidateOf),
        } satisfies Record<CandidateSet, CandidateSite[]>,
        groups: reportGroups(demand.units),
        demand: demand.info,
      };
    },

    /** The answer as GeoJSON, with the area and point geometries. */
    async geoJson(answer: NetworkAnswer) {
      const areas = await repos.areas.list({ withGeometry: true });
      // Every site, not only fixed points: a chosen venue needs its geometry too.
      const sites = await repos.sites.list();
      return networkGeoJson(
        answer,
        new Map(areas.map((a) => [a.id as string, a.geometry])),
        new Map(sites.map((s) => [s.id as string, s.location])),
      );
    },

    async optimize(q: NetworkQuery): Promise<NetworkAnswer> {
      const scenario = await repos.scenarios.get(q.scenarioId as ScenarioId);
      if (!scenario) {
        const known = (await repos.scenarios.list()).map((s) => s.id).join(', ');
        throw new InvalidInputError(
          `unknown scenario "${q.scenarioId}"; expected one of ${known}`,
          'scenario',
        );
      }
      const date = q.date ?? scenario.referenceDate ?? access.today();
      const set: CandidateSet =
        q.candidates ?? (q.allFixedPoints ? 'fixed-points' : q.candidateIds ? 'all-sites' : 'scenario');
      const everySite = await repos.sites.list();
      const inSet = candidateSets(everySite, scenario, date)[set];
      let candidates = inSet;
      if (q.candidateIds) {
        const listed = new Set(q.candidateIds);
        const known = new Set(everySite.map((s) => s.id as string));
        const inSetIds = new Set(inSet.map((s) => s.id as string));
        for (const id of listed) {
          if (!known.has(id))
            throw new InvalidInputError(`unknown site "${id}" in candidateIds`, 'candidateIds');
          if (!inSetIds.has(id))
            throw new InvalidInputError(
              set === 'all-sites'
                ? `site "${id}" in candidateIds is not in service on ${date}`
                : `site "${id}" in candidateIds is not in the candidate set "${set}" on ${date}`,
              'candidateIds',
            );
        }
        candidates = inSet.filter((s) => listed.has(s.id));
      }
      if (candidates.length === 0)
        throw new InvalidInputError(
          set === 'scenario' && !q.candidateIds
            ? `scenario "${q.scenarioId}" has no point open on ${date}`
            : `no candidate site is in service on ${date}`,
          q.candidateIds ? 'candidateIds' : 'date',
        );
      const ids = new Set(candidates.map((s) => s.id as string));
      for (const [param, list] of [
        ['keep', q.mustKeep ?? []],
        ['closed', q.closed ?? []],
      ] as const) {
        for (const id of list)
          if (!ids.has(id))
            throw new InvalidInputError(
              `"${id}" is not a candidate point (set "${set}"${q.candidateIds ? ', listed' : ''}, in service on ${date}); expected one of ${[...ids].slice(0, 12).join(', ')}${ids.size > 12 ? `, … (${ids.size} in all)` : ''}`,
              param,
            );
      }
      const kept = new Set(q.mustKeep ?? []);
      const both = (q.closed ?? []).filter((id) => kept.has(id));
      if (both.length > 0)
        throw new InvalidInputError(`"${both[0]}" cannot both stay and close`, 'closed', {
          code: 'errKeepAndClose',
          params: { site: both[0] ?? '' },
        });
      if (q.model !== 'lscp' && q.k !== undefined) {
        const allowed = candidates.length - (q.closed ?? []).length;
        if (q.k > allowed)
          throw new InvalidInputError(
            `cannot keep ${q.k} points: only ${allowed} candidate point${allowed === 1 ? ' is' : 's are'} not closed`,
            'k',
            { code: 'errTooFewOpen', params: { k: String(q.k), allowed: String(allowed) } },
          );
        if (kept.size > q.k)
          throw new InvalidInputError(`${kept.size} points must stay, more than k = ${q.k}`, 'k', {
            code: 'errKeepMoreThanK',
            params: { kept: String(kept.size), k: String(q.k) },
          });
      }
      const areas = await repos.areas.list({ withGeometry: false });
      const demandAreas = demandAreasOf(areas);
      // Demand: the loaded demand points (grid cells or modelled points), else area centroids.
      const demandSet = await access.demandOrigins(q.mode);
      const units = demandSet.units;
      const weights =
        q.groupWeights && Object.keys(q.groupWeights).length > 0 ? { ...q.groupWeights } : { all: 1 };
      const known = new Set(reportGroups(units));
      for (const g of Object.keys(weights))
        if (!known.has(g) && g !== 'age65to74')
          throw new InvalidInputError(
            `unknown target group "${g}"; expected one of ${[...known].join(', ')}`,
            'weights',
          );
      const { engine, description } = await access.engineFor(q.mode, date);
      const matrix = await engine.travelTimes(demandSet.places, candidates.map(placeOfSite), q.mode);
      const pairs = [];
      for (let i = 0; i < units.length; i++) {
        for (let j = 0; j < candidates.length; j++) {
          const v = matrix.minutes[i * candidates.length + j] ?? Number.NaN;
          if (!Number.isNaN(v)) pairs.push({ demand: i, site: j, cost: v });
        }
      }
      const status = candidates.map((s) =>
        (q.mustKeep ?? []).includes(s.id)
          ? SITE_STATUS.fixed
          : (q.closed ?? []).includes(s.id)
            ? SITE_STATUS.forbidden
            : SITE_STATUS.free,
      );
      const instance = createInstance({
        name: `${scenario.id} ${date}`,
        demandIds: units.map((u) => u.id),
        siteIds: candidates.map((s) => s.id),
        weights: units.map((u) =>
          Object.entries(weights).reduce((s, [g, w]) => s + w * (groupCount(u.counts, g) ?? 0), 0),
        ),
        pairs,
        status,
      });
      if (q.model === 'lscp' && q.radiusMinutes !== undefined) {
        const r = q.radiusMinutes;
        const reached = new Set(
          pairs.filter((e) => e.cost <= r && status[e.site] !== SITE_STATUS.forbidden).map((e) => e.demand),
        );
        const strandedIds = new Set(units.filter((_, i) => !reached.has(i)).map((u) => u.areaId));
        const stranded = demandAreas.filter((a) => strandedIds.has(a.id));
        if (stranded.length > 0)
          throw new InvalidInputError(
            `${stranded.length} area${stranded.length === 1 ? ' has' : 's have'} no candidate point within ${r} minutes (${stranded
              .slice(0, 3)
              .map((a) => `${a.id} ${a.name.en}`)
              .join(
                ', ',
              )}${stranded.length > 3 ? ', …' : ''}): no set of points covers everyone; raise the radius or consider all points`,
            'radius',
            {
              code: 'errStranded',
              params: { count: String(stranded.length), radius: String(r), first: stranded[0]?.id ?? '' },
            },
          );
      }
      const result = await locate(instance, {
        model: q.model,
        ...(q.k !== undefined ? { p: q.k } : {}),
        ...(q.radiusMinutes !== undefined ? { radius: q.radiusMinutes } : {}),
        solver: q.solver ?? 'auto',
        timeLimitSeconds: q.timeLimitSeconds ?? 30,
      });
      const radius = q.model === 'p-median' ? Number.POSITIVE_INFINITY : (q.radiusMinutes ?? 0);
      const why = explain(instance, q.model, result.open, q.model === 'p-median' ? 0 : radius);
      const groups = reportGroups(units);
      const minutesTo = (i: number, j: number) => {
        const v = matrix.minutes[i * candidates.length + j] ?? Number.NaN;
        return Number.isNaN(v) ? null : v;
      };
      const siteOf = (j: number) => candidates[j] as (typeof candidates)[number];
      const chosen = why.chosen.map((c) => {
        const served: Record<string, number> = {};
        for (const g of groups) {
          served[g] = Math.round(
            c.demands.reduce((s, i) => s + (groupCount(units[i]?.counts ?? {}, g) ?? 0), 0),
          );
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
                    c.demands.reduce((s, i, k) => s + (minutesTo(i, c.site) ?? 0) * (pop[k] ?? 0), 0) /
                    totalPop
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
          scenarioId: scenario.id,
          model: q.model,
          mode: q.mode,
          date,
          k: result.p,
          radiusMinutes: result.radius,
          groupWeights: weights,
          candidates: set,
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
        basis: { engine: description, demand: demandSet.info },
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
          demandAreas,
          units,
          (i) => {
            const n = nearestChosen(i);
            return n ? { siteId: siteOf(n.j).id as string, minutes: n.m } : null;
          },
          q.model === 'p-median' ? null : (q.radiusMinutes ?? null),
        ),
        notes: result.notes,
      };
    },
  };
}

export type NetworkService = ReturnType<typeof createNetworkService>;

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
