import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fromEtrsTm35Fin,
  geometryCentroid,
  geometryContains,
  haversineMeters,
  isInFinland,
  type PolygonGeometry,
  toEtrsTm35Fin,
} from './geo.ts';

describe('ETRS-TM35FIN (EPSG:3067)', () => {
  it('puts the central meridian 27°E at false easting 500 000 m', () => {
    expect(toEtrsTm35Fin({ lat: 60, lon: 27 }).x).toBeCloseTo(500_000, 3);
  });

  it('scales a meridian arc on the GRS80 ellipsoid by k0 = 0.9996', () => {
    // Along the central meridian, northing = k0 × meridian arc. Arc of one degree around
    // 60.5°N from the meridian radius of curvature M = a(1−e²)/(1−e² sin²φ)^1.5.
    const a = 6_378_137;
    const e2 = 0.006_694_380_022_9;
    const phi = (60.5 * Math.PI) / 180;
    const m = (a * (1 - e2)) / (1 - e2 * Math.sin(phi) ** 2) ** 1.5;
    const expected = 0.9996 * m * (Math.PI / 180);
    const dy = toEtrsTm35Fin({ lat: 61, lon: 27 }).y - toEtrsTm35Fin({ lat: 60, lon: 27 }).y;
    expect(Math.abs(dy - expected)).toBeLessThan(2);
  });

  it('round-trips any point in Finland to well under a millimetre', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 59.5, max: 70, noNaN: true }),
        fc.double({ min: 19.5, max: 31.5, noNaN: true }),
        (lat, lon) => {
          const back = fromEtrsTm35Fin(toEtrsTm35Fin({ lat, lon }));
          expect(haversineMeters(back, { lat, lon })).toBeLessThan(0.001);
        },
      ),
      { seed: 3067, numRuns: 500 },
    );
  });
});

describe('points and polygons', () => {
  const square: PolygonGeometry = {
    type: 'Polygon',
    coordinates: [
      [
        [24.0, 60.0],
        [24.1, 60.0],
        [24.1, 60.1],
        [24.0, 60.1],
        [24.0, 60.0],
      ],
      [
        [24.04, 60.04],
        [24.06, 60.04],
        [24.06, 60.06],
        [24.04, 60.06],
        [24.04, 60.04],
      ],
    ],
  };

  it('tells inside from outside and respects holes', () => {
    expect(geometryContains(square, { lat: 60.02, lon: 24.02 })).toBe(true);
    expect(geometryContains(square, { lat: 60.05, lon: 24.05 })).toBe(false);
    expect(geometryContains(square, { lat: 60.2, lon: 24.05 })).toBe(false);
  });

  it('puts the centroid of a symmetric polygon with a centred hole at its middle', () => {
    const c = geometryCentroid(square);
    expect(c?.lat).toBeCloseTo(60.05, 3);
    expect(c?.lon).toBeCloseTo(24.05, 3);
  });

  it('knows Finland', () => {
    expect(isInFinland({ lat: 60.17, lon: 24.94 })).toBe(true);
    expect(isInFinland({ lat: 59.33, lon: 18.06 })).toBe(false); // Stockholm
    expect(isInFinland({ lat: 24.94, lon: 60.17 })).toBe(false); // swapped
  });
});
