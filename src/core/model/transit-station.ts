import type { LatLon } from '../geo/geo.ts';
import type { IsoDate } from '../time/civil-time.ts';

export const STATION_MODES = ['metro', 'rail', 'tram', 'bus-terminal'] as const;
export type StationMode = (typeof STATION_MODES)[number];

/** A rail or metro station (used by the approximate public-transport model). */
export interface TransitStation {
  readonly id: string;
  readonly name: { readonly fi: string; readonly sv: string };
  readonly mode: StationMode;
  /** First day in service; null if it predates the data. */
  readonly opened: IsoDate | null;
  readonly location: LatLon;
  readonly source: string;
}
