/**
 * `neuvo access matrix --gtfs FEED --origins O.csv --destinations D.csv`: travel times between
 * any points, with percentiles, from a feed alone: no database is opened or created.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaptorEngine } from '../../src/core/access/raptor-engine.ts';
import { compileTimetable } from '../../src/core/access/timetable.ts';
import { parseGtfs } from '../../src/services/import/gtfs-import.ts';
import { asBytes, gtfsZip } from '../access/gtfs-writer.ts';
import { runNeuvo } from '../helpers/cli.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'neuvo-points-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// A line north from 60.20 N: a → b → c every 10 minutes from 8.00, 2 km between stops, with a
// one-stop trip (left out with a warning) and a drop-off ban at b on the 8.20 run.
const FILES = new Map<string, string>([
  ['agency.txt', 'agency_name,agency_url,agency_timezone\r\nTest,https://example.org,Europe/Helsinki\r\n'],
  [
    'stops.txt',
    '\ufeffstop_id,stop_name,stop_lat,stop_lon\r\na,"A, north",60.2,24.8\r\nb,B,60.218,24.8\r\nc,C,60.236,24.8\r\nz,Unused,,\r\n',
  ],
  ['routes.txt', 'route_id,route_short_name,route_type\nR,1,3\n'],
  ['trips.txt', 'route_id,service_id,trip_id\nR,S,T1\nR,S,T2\nR,S,T3\nR,S,ONE\n'],
  [
    'stop_times.txt',
    [
      'trip_id,arrival_time,departure_time,stop_id,stop_sequence,drop_off_type',
      'T1,08:00:00,08:00:00,a,1,',
      'T1,08:05:00,08:05:00,b,2,',
      'T1,08:10:00,08:10:00,c,3,',
      'T2,08:10:00,08:10:00,a,1,',
      'T2,08:15:00,08:15:00,b,2,',
      'T2,08:20:00,08:20:00,c,3,',
      'T3,08:20:00,08:20:00,a,1,',
      'T3,08:25:00,08:25:00,b,2,1',
      'T3,08:30:00,08:30:00,c,3,',
      'ONE,09:00:00,09:00:00,a,1,',
      '',
    ].join('\n'),
  ],
  ['calendar_dates.txt', 'service_id,date,exception_type\nS,20260304,1\n'],
]);

describe('a travel-time matrix for any points', () => {
  it('is computed from the feed alone, with percentiles, and names what it left out', async () => {
    const feed = join(dir, 'feed.zip');
    await writeFile(feed, gtfsZip(FILES));
    await writeFile(join(dir, 'o.csv'), 'id,lat,lon\nhome,60.2005,24.8\nfar,61.5,25.5\n');
    await writeFile(join(dir, 'd.csv'), 'id,lat,lon\nlibrary,60.2175,24.8\ncentre,60.2362,24.8\n');
    const dataDir = join(dir, 'never-created');
    const out = join(dir, 'out.csv');
    const run = await runNeuvo(
      { NEUVO_DATA_DIR: dataDir, DATABASE_URL: '' },
      ...['access', 'matrix', '--gtfs', feed, '--origins', join(dir, 'o.csv')],
      ...['--destinations', join(dir, 'd.csv'), '--date', '2026-03-04', '--window', '07:55-08:24'],
      ...['--mode', 'pt', '--percentiles', '50,90', '--out', out],
    );
    expect(run.stderr).toContain('trip "ONE" has 1 stop time');
    expect(run.stderr).toContain('stop "z" has no coordinates and no trip stops there');
    expect(run.exitCode).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
    const rows = (await readFile(out, 'utf8')).trim().split('\n');
    expect(rows[0]).toBe('origin_id,destination_id,minutes,p50,p90');
    expect(rows).toHaveLength(5);
    // Far away: unreachable, every column empty.
    expect(rows).toContain('far,library,,,');
    // The same figures as the engine in this process.
    const parsed = parseGtfs('feed.zip', asBytes(FILES));
    if (!parsed.ok) throw new Error('the feed should read');
    const engine = createRaptorEngine(compileTimetable(parsed.feed, '2026-03-04'), {
      window: { fromSeconds: 7 * 3600 + 55 * 60, toSeconds: 8 * 3600 + 24 * 60, stepSeconds: 60 },
    });
    const expected = await engine.travelTimePercentiles(
      [{ id: 'home', location: { lat: 60.2005, lon: 24.8 } }],
      [{ id: 'library', location: { lat: 60.2175, lon: 24.8 } }],
      'pt',
      [50, 90],
    );
    const [median, p50, p90] = [
      expected.median.minutes[0],
      expected.percentiles.get(50)?.[0],
      expected.percentiles.get(90)?.[0],
    ];
    expect(rows).toContain(`home,library,${median?.toFixed(1)},${p50?.toFixed(1)},${p90?.toFixed(1)}`);
    expect(p90).toBeGreaterThan(median ?? Number.POSITIVE_INFINITY);
  });

  it('says which line of a points file is wrong, and that origins need destinations', async () => {
    await writeFile(join(dir, 'bad.csv'), 'id,lat,lon\nx,60.2,\n');
    const base = ['access', 'matrix', '--mode', 'walk', '--out', join(dir, 'w.csv')];
    const bad = await runNeuvo(
      {},
      ...base,
      '--origins',
      join(dir, 'bad.csv'),
      '--destinations',
      join(dir, 'bad.csv'),
    );
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('bad.csv, line 2, column "lon"');
    const alone = await runNeuvo({}, ...base, '--origins', join(dir, 'bad.csv'));
    expect(alone.exitCode).toBe(1);
    expect(alone.stderr).toContain('--origins and --destinations go together');
  });
});
