/** Helsinki Region Travel Time Matrix files matched to areas and sites through the YKR grid. */
import { describe, expect, it } from 'vitest';
import { fromEtrsTm35Fin, toEtrsTm35Fin } from '../../src/core/geo/geo.ts';
import { cellOf, parseGrid, parseTtmMatrix } from '../../src/services/import/matrix-import.ts';

const enc = (s: string) => new TextEncoder().encode(s);

// Four 250 m cells in EPSG:3067, as the published grid is.
const origin = toEtrsTm35Fin({ lat: 60.2, lon: 24.8 });
const x0 = Math.floor(origin.x / 250) * 250;
const y0 = Math.floor(origin.y / 250) * 250;
const cell = (id: number, dx: number, dy: number) => ({
  type: 'Feature',
  properties: { YKR_ID: id },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x0 + dx, y0 + dy],
        [x0 + dx + 250, y0 + dy],
        [x0 + dx + 250, y0 + dy + 250],
        [x0 + dx, y0 + dy + 250],
        [x0 + dx, y0 + dy],
      ],
    ],
  },
});
const grid = {
  name: 'grid.geojson',
  bytes: enc(
    JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3067' } },
      features: [
        cell(5_000_001, 0, 0),
        cell(5_000_002, 250, 0),
        cell(5_000_003, 0, 250),
        cell(5_000_004, 250, 250),
      ],
    }),
  ),
};

/** The centre of the cell at offset (dx, dy), in EPSG:3067. */
const centre = (dx: number, dy: number) => ({ x: x0 + dx + 125, y: y0 + dy + 125 });

describe('Travel Time Matrix import', () => {
  const areas = [
    { id: 'A1', location: fromEtrsTm35Fin(centre(0, 0)) },
    { id: 'A2', location: fromEtrsTm35Fin(centre(0, 250)) },
  ];
  const sites = [
    { id: 'P1', location: fromEtrsTm35Fin(centre(250, 0)) },
    { id: 'P2', location: fromEtrsTm35Fin(centre(250, 250)) },
  ];

  it('places points in their cells', () => {
    const parsed = parseGrid(grid);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(cellOf(parsed.cells, areas[0]?.location ?? { lat: 0, lon: 0 })).toBe('5000001');
    expect(cellOf(parsed.cells, sites[1]?.location ?? { lat: 0, lon: 0 })).toBe('5000004');
    expect(cellOf(parsed.cells, { lat: 60.5, lon: 25 })).toBeUndefined();
  });

  it('reads the 2018 layout (semicolons, midday columns, -1 unreachable)', () => {
    const parsed = parseGrid(grid);
    if (!parsed.ok) throw new Error('grid');
    const header =
      'from_id;to_id;walk_t;walk_d;bike_s_t;bike_f_t;bike_d;pt_r_tt;pt_r_t;pt_r_d;pt_m_tt;pt_m_t;pt_m_d;car_r_t;car_r_d;car_m_t;car_m_d;car_sl_d';
    const row = (from: number, to: number, walk: number, ptM: number, carM: number) =>
      `${from};${to};${walk};0;0;0;0;0;99;0;0;${ptM};0;0;0;${carM};0;0`;
    const toP1 = {
      name: 'travel_times_to_5000002.txt',
      bytes: enc(
        [header, row(5_000_001, 5_000_002, 4, 3, 2), row(5_000_003, 5_000_002, 6, -1, 3)].join('\n'),
      ),
    };
    const toP2 = {
      name: 'travel_times_to_5000004.txt',
      bytes: enc([header, row(5_000_001, 5_000_004, 7, 5, 4), row(5_000_003, 5_000_004, 4, 4, 2)].join('\n')),
    };
    const result = parseTtmMatrix([toP1, toP2], parsed.cells, areas, sites, 'midday');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.matrix.source).toBe('ttm2018');
    expect(result.matrix.modes).toEqual(['walk', 'pt', 'car']);
    expect(result.matrix.rows.filter((r) => r.mode === 'pt')).toEqual([
      { mode: 'pt', originId: 'A1', destinationId: 'P1', minutes: 3 },
      { mode: 'pt', originId: 'A1', destinationId: 'P2', minutes: 5 },
      { mode: 'pt', originId: 'A2', destinationId: 'P1', minutes: null },
      { mode: 'pt', originId: 'A2', destinationId: 'P2', minutes: 4 },
    ]);
  });

  it('reads the 2023 layout with slow walking, and says which destination files are missing', () => {
    const parsed = parseGrid(grid);
    if (!parsed.ok) throw new Error('grid');
    const header = 'from_id,to_id,walk_avg,walk_slo,pt_m_avg,pt_m_slo,car_m';
    const file = {
      name: 'to_5000002.csv',
      bytes: enc([header, '5000001,5000002,4,6,3,5,2', '5000003,5000002,6,9,5,7,3'].join('\n')),
    };
    const missing = parseTtmMatrix([file], parsed.cells, areas, sites, 'midday');
    expect(missing.ok).toBe(false);
    if (!missing.ok)
      expect(missing.issues[0]?.message).toContain(
        'include the matrix file of every destination cell (5000002, 5000004)',
      );
    const result = parseTtmMatrix([file], parsed.cells, areas, sites.slice(0, 1), 'midday');
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.matrix.modes).toEqual(['walk', 'walk-slow', 'pt', 'pt-slow', 'car']);
      expect(result.matrix.rows.find((r) => r.mode === 'pt-slow' && r.originId === 'A2')?.minutes).toBe(7);
    }
  });

  it('refuses areas outside the grid and files that are not a matrix', () => {
    const parsed = parseGrid(grid);
    if (!parsed.ok) throw new Error('grid');
    const outside = parseTtmMatrix(
      [],
      parsed.cells,
      [{ id: 'X', location: { lat: 61, lon: 25 } }],
      sites,
      'midday',
    );
    expect(outside.ok).toBe(false);
    if (!outside.ok)
      expect(outside.issues[0]?.message).toBe(
        'area "X" lies outside the grid; its representative point is not in any cell',
      );
    const wrong = parseTtmMatrix(
      [{ name: 'x.csv', bytes: enc('from_id,to_id,foo\n1,2,3\n') }],
      parsed.cells,
      areas,
      sites,
      'midday',
    );
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.issues[0]).toMatchObject({ file: 'x.csv', line: 1 });
  });
});
