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
import { groupPopulation } from '../core/model/area.ts';
import { openSitesOn } from '../core/model/scenario.ts';
import type { IsoDate } from '../core/time/civil-time.ts';
import { isInService } from '../core/time/opening-hours.ts';
import type { ReadRepositories } from '../db/repositories.ts';
import { type AccessService, placeOfArea, placeOfSite } from './access-service.ts';
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
  /** Also consider every other fixed point in service on the date, not only the scenario's. */
  readonly allFixedPoints?: boolean;
  readonly solver?: SolverChoice;
  readonly timeLimitSeconds?: number;
}

export interface NetworkAnswer {
  readonly query: Required<Pick<NetworkQuery, 'scenarioId' | 'model' | 'mode'>> & {
    date: IsoDate;
    k: number | null;
    radiusMinutes: number | null;
    groupWeights: Record<string, number>;
  };
  readonly objective: number;
  readonly bound: number;
  readonly gap: number;
  readonly optimal: boolean;
  readonly solver: string;
  readonly seconds: number;
  readonly engine: { readonly name: string; readonly approximate: boolean };
  readonly objectiveUnit: string;
  readonly chosen: readonly {
    siteId: string;
    name: LocalizedText;
    served: Record<string, number>;
    areaIds: string[];
    meanMinutes: number | null;
    lossIfClosed: number;
  }[];
  readonly closures: readonly {
    siteId: string;
    name: LocalizedText;
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
  }[];
  readonly notes: readonly string[];
}

export function createNetworkService(deps: { repos: ReadRepositories; access: AccessService }) {
  const { repos, access } = deps;
  return {
    /** What a form needs: the scenario's candidate points on its date and the target groups. */
    async options(scenarioId: string, date: IsoDate) {
      const scenario = await repos.scenarios.get(scenarioId as ScenarioId);
      const open = new Set(scenario ? openSitesOn(scenario, date) : []);
      const fixed = await repos.sites.list({ role: 'fixed-point' });
      const areas = await repos.areas.list({ withGeometry: false });
      return {
        candidates: fixed.filter((s) => open.has(s.id)).map((s) => ({ id: s.id as string, name: s.name })),
        groups: reportGroups(areas.filter((a) => a.kind !== 'district')),
      };
    },

    /** The answer as GeoJSON, with the area and point geometries. */
    async geoJson(answer: NetworkAnswer) {
      const areas = await repos.areas.list({ withGeometry: true });
      const sites = await repos.sites.list({ role: 'fixed-point' });
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
      const sites = await repos.sites.list({ role: 'fixed-point' });
      const inScenario = new Set(openSitesOn(scenario, date));
      const candidates = sites.filter(
        (s) => isInService(s.validity, date) && (q.allFixedPoints || inScenario.has(s.id)),
      );
      if (candidates.length === 0)
        throw new InvalidInputError(`scenario "${q.scenarioId}" has no point open on ${date}`, 'date');
      const ids = new Set(candidates.map((s) => s.id as string));
      for (const [param, list] of [
        ['keep', q.mustKeep ?? []],
        ['closed', q.closed ?? []],
      ] as const) {
        for (const id of list)
          if (!ids.has(id))
            throw new InvalidInputError(
              `"${id}" is not a candidate point; expected one of ${[...ids].join(', ')}`,
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
      const byId = new Map(areas.map((a) => [a.id as string, a]));
      const demand = areas.filter((a) => a.kind !== 'district');
      const weights =
        q.groupWeights && Object.keys(q.groupWeights).length > 0 ? { ...q.groupWeights } : { all: 1 };
      const known = new Set(reportGroups(demand));
      for (const g of Object.keys(weights))
        if (!known.has(g) && g !== 'age65to74')
          throw new InvalidInputError(
            `unknown target group "${g}"; expected one of ${[...known].join(', ')}`,
            'weights',
          );
      const { engine } = await access.engineFor(q.mode, date);
      const matrix = await engine.travelTimes(
        demand.map((a) => placeOfArea(a, byId)),
        candidates.map(placeOfSite),
        q.mode,
      );
      const pairs = [];
      for (let i = 0; i < demand.length; i++) {
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
        demandIds: demand.map((a) => a.id),
        siteIds: candidates.map((s) => s.id),
        weights: demand.map((a) =>
          Object.entries(weights).reduce((s, [g, w]) => s + w * (groupPopulation(a.population, g) ?? 0), 0),
        ),
        pairs,
        status,
      });
      if (q.model === 'lscp' && q.radiusMinutes !== undefined) {
        const r = q.radiusMinutes;
        const reached = new Set(
          pairs.filter((e) => e.cost <= r && status[e.site] !== SITE_STATUS.forbidden).map((e) => e.demand),
        );
        const stranded = demand.filter((_, i) => !reached.has(i));
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
      const groups = reportGroups(demand);
      const minutesTo = (i: number, j: number) => {
        const v = matrix.minutes[i * candidates.length + j] ?? Number.NaN;
        return Number.isNaN(v) ? null : v;
      };
      const siteOf = (j: number) => candidates[j] as (typeof candidates)[number];
      const chosen = why.chosen.map((c) => {
        const served: Record<string, number> = {};
        for (const g of groups) {
          served[g] = c.demands.reduce((s, i) => {
            const area = demand[i];
            return s + (area ? (groupPopulation(area.population, g) ?? 0) : 0);
          }, 0);
        }
        const mins = c.demands.map((i) => minutesTo(i, c.site)).filter((v): v is number => v !== null);
        const pop = c.demands.map((i) => demand[i]?.population.total ?? 0);
        const totalPop = pop.reduce((s, v) => s + v, 0);
        return {
          siteId: siteOf(c.site).id as string,
          name: siteOf(c.site).name,
          served,
          areaIds: c.demands.map((i) => demand[i]?.id as string),
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
        },
        objective: result.objective,
        bound: result.bound,
        gap: result.gap,
        optimal: result.optimal,
        solver: result.solver,
        seconds: Number(result.seconds.toFixed(3)),
        engine: { name: matrix.engine, approximate: matrix.approximate },
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
          gainIfKept: Number(c.gainIfKept.toFixed(2)),
          closedByRule: c.forced,
        })),
        alternatives: why.alternatives.map((a) => ({
          siteIds: a.open.map((j) => siteOf(j).id as string),
          objective: a.objective,
          worseBy: Number(a.worseBy.toFixed(5)),
        })),
        areas: demand.map((a, i) => {
          const n = nearestChosen(i);
          return {
            areaId: a.id,
            name: a.name,
            siteId: n ? (siteOf(n.j).id as string) : null,
            minutes: n ? Number(n.m.toFixed(1)) : null,
            population: a.population.total,
          };
        }),
        notes: result.notes,
      };
    },
  };
}

export type NetworkService = ReturnType<typeof createNetworkService>;

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
