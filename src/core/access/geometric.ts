/**
 * Travel times that need no network: walking and driving over straight-line distance with
 * a detour factor (modes.ts). Used by every engine for the modes it has no data for.
 */
import { emptyMatrix, type Place, type TravelTimeMatrix } from './engine.ts';
import {
  type CarParams,
  carMinutes,
  DEFAULT_CAR,
  isSlow,
  type TravelMode,
  type WalkingParams,
  walkMinutes,
} from './modes.ts';

export function geometricMatrix(
  origins: readonly Place[],
  destinations: readonly Place[],
  mode: Extract<TravelMode, 'walk' | 'walk-slow' | 'car'>,
  walking: WalkingParams,
  maxMinutes: number,
  engine: string,
  car: CarParams = DEFAULT_CAR,
): TravelTimeMatrix {
  const m = emptyMatrix(mode, origins, destinations, engine, true);
  for (const [i, o] of origins.entries()) {
    for (const [j, d] of destinations.entries()) {
      const minutes =
        mode === 'car'
          ? carMinutes(o.location, d.location, car)
          : walkMinutes(o.location, d.location, walking, isSlow(mode));
      m.minutes[i * destinations.length + j] = minutes <= maxMinutes ? minutes : Number.NaN;
    }
  }
  return m;
}
