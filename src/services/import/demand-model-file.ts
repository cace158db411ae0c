/**
 * A city dataset's demand model file (its profile's `files.demandModel`): how each postal area's
 * residents are spread over modelled points (src/core/access/modelled-demand.ts).
 */
import { z } from 'zod';
import { type DemandModelParameters, modelDemandPoints } from '../../core/access/modelled-demand.ts';
import { type Area, countsOfPopulation } from '../../core/model/area.ts';
import type { DemandBasisInfo, DemandPoint } from '../../core/model/demand-point.ts';
import { SITE_KINDS, type Site } from '../../core/model/site.ts';
import type { TransitStation } from '../../core/model/transit-station.ts';
import type { IssueList } from './issues.ts';
import { parseWith } from './json-formats.ts';

const PLACE_KINDS = ['station', ...SITE_KINDS] as const;

export const demandModelFileSchema = z
  .object({
    note: z.string().optional(),
    rationale: z.string().optional(),
    cellMeters: z.number().min(100, 'expected at least 100 m').max(5000, 'expected at most 5000 m'),
    placeShare: z.number().min(0, 'expected a share from 0 to 1').max(1, 'expected a share from 0 to 1'),
    mergeMeters: z.number().min(0).max(2000),
    placeKinds: z.array(z.enum(PLACE_KINDS)).min(1),
  })
  .strict();

export type DemandModelFile = z.infer<typeof demandModelFileSchema>;

export function readDemandModel(value: unknown, issues: IssueList): DemandModelFile | undefined {
  return parseWith(demandModelFileSchema, value, issues);
}

/** Modelled points for the areas, with the places of the kinds the file names. */
export function modelDemand(
  areas: readonly Area[],
  sites: readonly Site[],
  stations: readonly TransitStation[],
  model: DemandModelFile,
  /** The file's path as the demand basis names it (`data/<city>/demo/demand_model.json`). */
  source: string,
): { points: DemandPoint[]; info: DemandBasisInfo } {
  const kinds = new Set<string>(model.placeKinds);
  const places = [
    ...(kinds.has('station') ? stations.map((s) => ({ id: `station-${s.id}`, location: s.location })) : []),
    ...sites.filter((s) => kinds.has(s.kind)).map((s) => ({ id: s.id as string, location: s.location })),
  ];
  const params: DemandModelParameters = {
    cellMeters: model.cellMeters,
    placeShare: model.placeShare,
    mergeMeters: model.mergeMeters,
  };
  const points = modelDemandPoints(
    areas.map((a) => ({
      id: a.id,
      geometry: a.geometry,
      centroid: a.centroid,
      counts: countsOfPopulation(a.population),
    })),
    places,
    params,
  );
  return {
    points,
    info: {
      basis: 'modelled',
      points: points.length,
      description: `modelled points: each postal area's residents spread ${Math.round(model.placeShare * 100)} % over the local centres the data knows (stations, libraries, health stations, centres) and ${Math.round((1 - model.placeShare) * 100)} % over ${model.cellMeters} m grid cells inside the area`,
      source,
    },
  };
}
