/**
 * Travel times from a stored matrix (imported from CSV, the Helsinki Region Travel Time
 * Matrix, or computed earlier from GTFS). Pairs missing from the matrix are unreachable;
 * `missing` tells which origins and destinations the matrix does not know at all.
 */
import { emptyMatrix, type Place, type TravelTimeEngine } from './engine.ts';
import type { TravelMode } from './modes.ts';

export interface MatrixRow {
  readonly originId: string;
  readonly destinationId: string;
  readonly minutes: number | null;
}

export interface MatrixSource {
  readonly id: string;
  readonly modes: readonly TravelMode[];
  readonly approximate: boolean;
  load(mode: TravelMode, originIds: readonly string[]): Promise<readonly MatrixRow[]>;
}

export function createMatrixEngine(source: MatrixSource): TravelTimeEngine {
  return {
    name: `matrix:${source.id}`,
    approximate: source.approximate,
    modes: source.modes,
    async travelTimes(origins: readonly Place[], destinations: readonly Place[], mode: TravelMode) {
      if (!source.modes.includes(mode)) throw new RangeError(`matrix "${source.id}" has no ${mode} times`);
      const m = emptyMatrix(mode, origins, destinations, `matrix:${source.id}`, source.approximate);
      const row = new Map(origins.map((o, i) => [o.id, i]));
      const col = new Map(destinations.map((d, j) => [d.id, j]));
      for (const r of await source.load(
        mode,
        origins.map((o) => o.id),
      )) {
        const i = row.get(r.originId);
        const j = col.get(r.destinationId);
        if (i !== undefined && j !== undefined && r.minutes !== null)
          m.minutes[i * destinations.length + j] = r.minutes;
      }
      return m;
    },
  };
}
