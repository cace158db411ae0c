import { fromEtrsTm35Fin, isInFinland, type LatLon } from '../../core/geo/geo.ts';
import type { FieldReader } from './fields.ts';

export const CRS_OPTIONS = ['EPSG:4326', 'EPSG:3067'] as const;
export type Crs = (typeof CRS_OPTIONS)[number];

const WGS84_HINT = 'WGS84 decimal degrees inside Finland (lat 59.3–70.2, lon 19.0–31.7)';

/** Checks a WGS84 point and explains the usual mistakes (swapped axes, metres given as degrees). */
export function explainLocation(p: LatLon): string | undefined {
  if (isInFinland(p)) return undefined;
  if (isInFinland({ lat: p.lon, lon: p.lat }))
    return `lat ${p.lat}, lon ${p.lon} look swapped; expected ${WGS84_HINT}`;
  if (Math.abs(p.lat) > 1000 || Math.abs(p.lon) > 1000) {
    return `lat ${p.lat}, lon ${p.lon} look like metres; give them as x and y (EPSG:3067) or convert to ${WGS84_HINT}`;
  }
  return `lat ${p.lat}, lon ${p.lon} is outside Finland; expected ${WGS84_HINT}`;
}

/**
 * Reads a point from `lat`/`lon` (WGS84) or `x`/`y` (ETRS-TM35FIN, EPSG:3067).
 * Returns undefined (after recording why) if neither pair is usable.
 */
export function readLocation(r: FieldReader, opts: { required: boolean }): LatLon | undefined {
  if (r.has('lat') || r.has('lon')) {
    const lat = r.number('lat', { required: true });
    const lon = r.number('lon', { required: true });
    if (lat === undefined || lon === undefined) return undefined;
    const problem = explainLocation({ lat, lon });
    return problem ? r.fail('lat', problem) : { lat, lon };
  }
  if (r.has('x') || r.has('y')) {
    const x = r.number('x', { required: true });
    const y = r.number('y', { required: true });
    if (x === undefined || y === undefined) return undefined;
    const p = fromEtrsTm35Fin({ x, y });
    if (!isInFinland(p)) {
      return r.fail(
        'x',
        `x ${x}, y ${y} (EPSG:3067) is outside Finland; expected easting 50 000–760 000 m and northing 6 600 000–7 800 000 m`,
      );
    }
    return p;
  }
  return opts.required
    ? r.fail('lat', 'a location is required: give lat and lon (WGS84) or x and y (EPSG:3067)')
    : undefined;
}
