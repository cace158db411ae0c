/**
 * Which engine answers a travel mode: the newest stored matrix that has the mode (imported, or
 * computed from GTFS), else the approximate model when the city has configured one (the demo),
 * else, for walking and driving, straight-line distance with a detour factor. Every engine but a
 * stored matrix is flagged approximate in its results.
 */
import {
  type ApproximateModel,
  createApproximateEngine,
  type ModelStation,
} from '../core/access/approximate-model.ts';
import type { TravelTimeEngine } from '../core/access/engine.ts';
import { geometricMatrix } from '../core/access/geometric.ts';
import { createMatrixEngine } from '../core/access/matrix-engine.ts';
import { DEFAULT_WALKING, type TravelMode } from '../core/access/modes.ts';
import type { IsoDate } from '../core/time/civil-time.ts';
import type { ReadRepositories } from '../db/repositories.ts';
import { InvalidInputError } from './errors.ts';
import { APPROXIMATE_MODEL_SETTING, transitModelFileSchema } from './import/json-formats.ts';

export interface EngineInfo {
  readonly engine: TravelTimeEngine;
  /** Human-readable origin of the figures, for notes on pages and exports. */
  readonly description: string;
}

/** The city's approximate model (the setting), with its stations; undefined when none is set. */
async function approximateModel(repos: ReadRepositories): Promise<ApproximateModel | undefined> {
  const raw = await repos.access.getSetting(APPROXIMATE_MODEL_SETTING);
  if (raw === undefined) return undefined;
  const parsed = transitModelFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`stored approximate model is invalid: ${parsed.error.message}`);
  const stations = new Map<string, ModelStation>(
    (await repos.access.listStations()).map((s) => [
      s.id,
      { id: s.id, location: s.location, opened: s.opened },
    ]),
  );
  return {
    lines: parsed.data.lines.map((l) => ({
      id: l.id,
      speedKmh: l.speedKmh,
      headwayMinutes: l.headwayMinutes,
      stations: l.stations.flatMap((id) => {
        const s = stations.get(id);
        return s ? [s] : [];
      }),
    })),
    bus: parsed.data.bus,
  };
}

/** The engine for a mode on a date, and where its figures come from. */
export async function engineFor(
  repos: ReadRepositories,
  mode: TravelMode,
  date: IsoDate,
): Promise<EngineInfo> {
  const stored = (await repos.access.listMatrices()).find((m) => m.modes.includes(mode));
  if (stored) {
    return {
      engine: createMatrixEngine({
        id: stored.id,
        modes: stored.modes,
        approximate: stored.approximate,
        load: (m, originIds) => repos.access.loadTravelTimes(stored.id, m, originIds),
      }),
      description: `stored matrix "${stored.id}" (${stored.source})${stored.description ? `: ${stored.description}` : ''}`,
    };
  }
  const model = await approximateModel(repos);
  if (model) {
    return {
      engine: createApproximateEngine(model, { date }),
      description:
        'approximate model: walking, rail and metro stations, modelled buses per district (the transit model file of the city)',
    };
  }
  if (mode === 'walk' || mode === 'walk-slow' || mode === 'car') {
    return {
      engine: {
        name: 'geometric',
        approximate: true,
        modes: ['walk', 'walk-slow', 'car'],
        async travelTimes(o, d, m) {
          return geometricMatrix(o, d, m as 'walk' | 'walk-slow' | 'car', DEFAULT_WALKING, 180, 'geometric');
        },
      },
      description: 'straight-line distance with a detour factor',
    };
  }
  throw new InvalidInputError(
    `no public-transport data for mode ${mode}: import a travel-time matrix (neuvo import matrix) or an approximate model`,
    'mode',
  );
}
