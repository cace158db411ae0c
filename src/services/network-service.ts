/**
 * "Which k points should we keep?": the location models on the loaded network. Demand is
 * the demand areas with planner-set weights per target group; candidates are the fixed
 * points a scenario has open on a date (or every fixed point); costs are travel minutes by
 * the chosen mode from the access engine. The answer comes with its bound and gap and an
 * explanation per site, per closure and near-optimal alternatives.
 */

import { reportGroups } from '../core/access/comparison.ts';
import type { ScenarioId } from '../core/ids.ts';
import { explain } from '../core/location/explain.ts';
import { createInstance } from '../core/location/instance.ts';
import { groupCount } from '../core/model/area.ts';
import type { IsoDate } from '../core/time/civil-time.ts';
import type { ReadRepositories } from '../db/repositories.ts';
import { type AccessService, demandAreasOf, placeOfSite } from './access-service.ts';
import { InvalidInputError } from './errors.ts';
import { locate } from './location/location-solver.ts';
import { type NetworkAnswer, networkAnswer, networkGeoJson } from './network-answer.ts';
import {
  type CandidateSet,
  type CandidateSite,
  candidateOf,
  candidateSets,
  checkCoverable,
  groupWeightsOf,
  type NetworkQuery,
  questionCandidates,
  siteStatuses,
} from './network-question.ts';

// The names the pages, the API and the command line read from this service, where they have
// always been imported from: the question (`network-question.ts`) and the answer (`network-answer.ts`).
export type { NetworkAnswer } from './network-answer.ts';
export {
  CANDIDATE_SETS,
  type CandidateSet,
  type CandidateSite,
  type NetworkQuery,
} from './network-question.ts';

export function createNetworkService(deps: { repos: ReadRepositories; access: AccessService }) {
  const { repos, access } = deps;
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

    /**
     * Checks the question (`network-question.ts`), builds the location instance from the demand
     * units and the candidates' travel times, solves it and explains the answer (`network-answer.ts`).
     */
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
      const { set, candidates } = questionCandidates(q, await repos.sites.list(), scenario, date);
      const demandAreas = demandAreasOf(await repos.areas.list({ withGeometry: false }));
      // Demand: the loaded demand points (grid cells or modelled points), else area centroids.
      const demandSet = await access.demandOrigins(q.mode);
      const units = demandSet.units;
      const weights = groupWeightsOf(q, reportGroups(units));
      const { engine, description } = await access.engineFor(q.mode, date);
      const matrix = await engine.travelTimes(demandSet.places, candidates.map(placeOfSite), q.mode);
      const pairs = [];
      for (let i = 0; i < units.length; i++) {
        for (let j = 0; j < candidates.length; j++) {
          const v = matrix.minutes[i * candidates.length + j] ?? Number.NaN;
          if (!Number.isNaN(v)) pairs.push({ demand: i, site: j, cost: v });
        }
      }
      const status = siteStatuses(q, candidates);
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
      if (q.model === 'lscp' && q.radiusMinutes !== undefined)
        checkCoverable(q.radiusMinutes, pairs, status, units, demandAreas);
      const result = await locate(instance, {
        model: q.model,
        ...(q.k !== undefined ? { p: q.k } : {}),
        ...(q.radiusMinutes !== undefined ? { radius: q.radiusMinutes } : {}),
        solver: q.solver ?? 'auto',
        timeLimitSeconds: q.timeLimitSeconds ?? 30,
      });
      const radius = q.model === 'p-median' ? Number.POSITIVE_INFINITY : (q.radiusMinutes ?? 0);
      return networkAnswer({
        q,
        scenarioId: scenario.id,
        date,
        set,
        candidates,
        units,
        groups: reportGroups(units),
        weights,
        demandAreas,
        matrix,
        basis: { engine: description, demand: demandSet.info },
        result,
        why: explain(instance, q.model, result.open, q.model === 'p-median' ? 0 : radius),
      });
    },
  };
}

export type NetworkService = ReturnType<typeof createNetworkService>;
