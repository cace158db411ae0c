/**
 * Coordinates. The model stores WGS84 (EPSG:4326) latitude/longitude; Finnish data often
 * comes in ETRS-TM35FIN (EPSG:3067, metres), which proj4 converts on import and export.
 */
import proj4 from 'proj4';

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

/** ETRS-TM35FIN easting (x) and northing (y) in metres. */
export interface EtrsTm35Fin {
  readonly x: number;
  readonly y: number;
}

/** EPSG:3067 as published by the EPSG registry (UTM zone 35 on GRS80, ETRS89 ≈ WGS84). */
export const EPSG_3067 = '+proj=utm +zone=35 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs';
const wgs84ToTm35 = proj4('EPSG:4326', EPSG_3067);

export function toEtrsTm35Fin(p: LatLon): EtrsTm35Fin {
  const [x, y] = wgs84ToTm35.forward([p.lon, p.lat]);
  return { x: x ?? Number.NaN, y: y ?? Number.NaN };
}

export function fromEtrsTm35Fin(p: EtrsTm35Fin): LatLon {
  const [lon, lat] = wgs84ToTm35.inverse([p.x, p.y]);
  return { lat: lat ?? Number.NaN, lon: lon ?? Number.NaN };
}

/**
 * A generous box around Finland including Åland and the territorial sea
 * (mainland extremes: 59.8–70.1 N, 20.5–31.6 E).
 */
export const FINLAND_BOUNDS = { minLat: 59.3, maxLat: 70.2, minLon: 19.0, maxLon: 31.7 } as const;

export function isInFinland(p: LatLon): boolean {
  return (
    Number.isFinite(p.lat) &&
    Number.isFinite(p.lon) &&
    p.lat >= FINLAND_BOUNDS.minLat &&
    p.lat <= FINLAND_BOUNDS.maxLat &&
    p.lon >= FINLAND_BOUNDS.minLon &&
    p.lon <= FINLAND_BOUNDS.maxLon
  );
}

/** Great-circle distance on a sphere of the mean Earth radius (IUGG, 6 371 008.8 m). */
export function haversineMeters(a: LatLon, b: LatLon): number {
  const R = 6_371_008.8;
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLon = (b.lon - a.lon) * toRad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

// --- GeoJSON geometry (RFC 7946), the subset areas use -------------------------------
export type Position = readonly [number, number] | readonly number[];
export type Ring = readonly Position[];
export interface PolygonGeometry {
  readonly type: 'Polygon';
  readonly coordinates: readonly Ring[];
}
export interface MultiPolygonGeometry {
  readonly type: 'MultiPolygon';
  readonly coordinates: readonly (readonly Ring[])[];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

function polygonsOf(g: AreaGeometry): readonly (readonly Ring[])[] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

function ringContains(ring: Ring, x: number, y: number): boolean {
  // Even–odd ray casting (W. Randolph Franklin, PNPOLY).
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]?.[0] ?? 0;
    const yi = ring[i]?.[1] ?? 0;
    const xj = ring[j]?.[0] ?? 0;
    const yj = ring[j]?.[1] ?? 0;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a WGS84 point lies in a polygon (holes respected). */
export function geometryContains(g: AreaGeometry, p: LatLon): boolean {
  return polygonsOf(g).some((rings) => {
    const [outer, ...holes] = rings;
    return (
      outer !== undefined &&
      ringContains(outer, p.lon, p.lat) &&
      !holes.some((h) => ringContains(h, p.lon, p.lat))
    );
  });
}

/**
 * Area-weighted centroid, computed in ETRS-TM35FIN metres so that it is a true centroid on
 * the ground, not in degrees. Returns null for a degenerate geometry.
 */
export function geometryCentroid(g: AreaGeometry): LatLon | null {
  let area2 = 0;
  let cx = 0;
  let cy = 0;
  for (const rings of polygonsOf(g)) {
    for (const [ringIndex, ring] of rings.entries()) {
      const pts = ring.map((p) => toEtrsTm35Fin({ lon: p[0] ?? 0, lat: p[1] ?? 0 }));
      let a = 0;
      let x = 0;
      let y = 0;
      for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
        const pi = pts[i];
        const pj = pts[j];
        if (!pi || !pj) continue;
        const cross = pj.x * pi.y - pi.x * pj.y;
        a += cross;
        x += (pj.x + pi.x) * cross;
        y += (pj.y + pi.y) * cross;
      }
      // Outer rings add area, holes subtract it, whatever the ring's winding.
      const sign = ringIndex === 0 ? Math.sign(a) || 1 : -(Math.sign(a) || 1);
      area2 += sign * a;
      cx += sign * x;
      cy += sign * y;
    }
  }
  if (Math.abs(area2) < 1e-9) return null;
  return fromEtrsTm35Fin({ x: cx / (3 * area2), y: cy / (3 * area2) });
}

export function mapGeometry(g: AreaGeometry, f: (p: Position) => [number, number]): AreaGeometry {
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(f)) };
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map((r) => r.map(f))) };
}

/** Every position of a geometry, for bounds checks. */
export function* positionsOf(g: AreaGeometry): Generator<Position> {
  for (const rings of polygonsOf(g)) for (const ring of rings) yield* ring;
}
