import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGtfs, unzipGtfs } from '../../src/services/import/gtfs-import.ts';
import { parseGtfsTime } from '../../src/services/import/gtfs-reading.ts';
import { asBytes, gtfsFiles, gtfsZip } from './gtfs-writer.ts';
import { feedArb } from './random-feed.ts';

const base = () =>
  new Map<string, string>([
    ['agency.txt', 'agency_name,agency_url,agency_timezone\nTest,https://example.org,Europe/Helsinki\n'],
    [
      'stops.txt',
      'stop_id,stop_name,stop_lat,stop_lon,location_type\na,A,60.2,24.8,\nb,B,60.21,24.8,\nc,C,60.22,24.8,\nST,Station,60.2,24.8,1\n',
    ],
    ['routes.txt', 'route_id,route_short_name,route_type\nR1,1,3\n'],
    ['trips.txt', 'route_id,service_id,trip_id\nR1,S,T1\n'],
    [
      'stop_times.txt',
      'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:00:00,08:00:00,a,1\nT1,,,b,2\nT1,08:10:00,08:10:00,c,3\n',
    ],
    [
      'calendar.txt',
      'service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nS,1,1,1,1,1,0,0,20260101,20261231\n',
    ],
  ]);

const parse = (files: Map<string, string>) => parseGtfs('feed.zip', asBytes(files));

describe('GTFS import', () => {
  it('reads times past 24:00 and one-digit hours', () => {
    expect(parseGtfsTime('25:10:00')).toBe(90_600);
    expect(parseGtfsTime('7:05:09')).toBe(25_509);
    expect(parseGtfsTime('7:5:9')).toBeUndefined();
  });

  it('reads a small feed, interpolating a stop without times and skipping stations', () => {
    const result = parse(base());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.feed.stops.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(result.feed.trips[0]).toMatchObject({
      stopIds: ['a', 'b', 'c'],
      arrivals: [28_800, 29_100, 29_400],
    });
  });

  it('reads transfers.txt as the reference says, and leaves out what it cannot use with a warning each', () => {
    const files = base();
    files.set(
      'stops.txt',
      'stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\na,A,60.2,24.8,,ST\nb,B,60.21,24.8,,ST\nc,C,60.22,24.8,,\nST,Station,60.2,24.8,1,\nE,Entrance,60.2,24.8,2,ST\n',
    );
    files.set(
      'transfers.txt',
      [
        'from_stop_id,to_stop_id,transfer_type,min_transfer_time,from_trip_id',
        'ST,ST,2,180,',
        'a,c,3,,',
        'c,b,2,,',
        'a,b,4,,',
        'a,nowhere,0,,',
        'a,c,1,,T1',
        '',
      ].join('\n'),
    );
    const result = parse(files);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    // The station stands for its stops a and b: a change among them takes 3 minutes.
    expect(result.feed.transfers).toEqual([
      { fromStopId: 'a', toStopId: 'a', type: 2, minSeconds: 180 },
      { fromStopId: 'a', toStopId: 'b', type: 2, minSeconds: 180 },
      { fromStopId: 'b', toStopId: 'a', type: 2, minSeconds: 180 },
      { fromStopId: 'b', toStopId: 'b', type: 2, minSeconds: 180 },
      { fromStopId: 'a', toStopId: 'c', type: 3, minSeconds: 0 },
    ]);
    expect(result.warnings).toEqual([
      {
        file: 'feed.zip: transfers.txt',
        line: 4,
        column: 'min_transfer_time',
        message: 'transfer_type 2 needs min_transfer_time; left out',
      },
      {
        file: 'feed.zip: transfers.txt',
        line: 5,
        column: 'transfer_type',
        message: 'transfer_type 4 (in-seat) is not used; left out',
      },
      {
        file: 'feed.zip: transfers.txt',
        line: 6,
        column: 'to_stop_id',
        message: 'unknown stop "nowhere"; left out',
      },
      {
        file: 'feed.zip: transfers.txt',
        line: 7,
        column: 'from_trip_id',
        message: 'a transfer between particular trips or routes is not used; left out',
      },
    ]);
  });

  it('refuses a stop without coordinates when a trip stops there', () => {
    const files = base();
    files.set('stops.txt', 'stop_id,stop_name,stop_lat,stop_lon\na,A,,\nb,B,60.21,24.8\nc,C,60.22,24.8\n');
    const result = parse(files);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      {
        file: 'feed.zip: stops.txt',
        line: 2,
        column: 'stop_lat',
        message: 'stop "a" has no coordinates, but trips stop there; give stop_lat and stop_lon',
      },
    ]);
  });

  it('round-trips random feeds through zipped GTFS text', () => {
    fc.assert(
      fc.property(feedArb, (feed) => {
        const unzipped = unzipGtfs('feed.zip', gtfsZip(gtfsFiles(feed)));
        expect(unzipped.ok).toBe(true);
        if (!unzipped.ok) return;
        const parsed = parseGtfs('feed.zip', unzipped.files);
        const calendarIds = new Set([
          ...feed.calendars.map((c) => c.serviceId),
          ...feed.calendarDates.map((c) => c.serviceId),
        ]);
        // A feed without trips, or with trips whose service no calendar names, is invalid GTFS.
        if (feed.trips.length === 0 || feed.trips.some((t) => !calendarIds.has(t.serviceId))) {
          expect(parsed.ok).toBe(false);
          return;
        }
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)));
        // One-stop trips are left out with a warning each; restrictions are kept where there are any.
        const rideable = feed.trips.filter((t) => t.stopIds.length >= 2);
        const flags = (list: readonly boolean[] | undefined) => (list?.some(Boolean) ? list : undefined);
        expect(parsed.feed.trips).toEqual(
          rideable.map(({ noPickup, noDropOff, ...t }) => ({
            ...t,
            ...(flags(noPickup) ? { noPickup } : {}),
            ...(flags(noDropOff) ? { noDropOff } : {}),
          })),
        );
        const oneStop = feed.trips.filter((t) => t.stopIds.length < 2).map((t) => t.id);
        expect(parsed.warnings.map((w) => w.message)).toEqual(
          oneStop.map(
            (id) => `trip "${id}" has 1 stop time in stop_times.txt and cannot be ridden; left out`,
          ),
        );
        expect(parsed.feed.calendars).toEqual(feed.calendars);
        expect(parsed.feed.calendarDates).toEqual(feed.calendarDates);
        expect(parsed.feed.frequencies).toEqual(feed.frequencies.filter((f) => !oneStop.includes(f.tripId)));
        expect(parsed.feed.transfers).toEqual(feed.transfers);
        expect(parsed.feed.stops.map((s) => [s.id, s.lat, s.lon])).toEqual(
          feed.stops.map((s) => [s.id, s.lat, s.lon]),
        );
      }),
      { seed: 99, numRuns: 60 },
    );
  });
});

describe('bad GTFS is refused with file, line and field', () => {
  const expectIssues = (files: Map<string, string>) => {
    const result = parse(files);
    expect(result.ok).toBe(false);
    return result.ok ? [] : result.issues;
  };

  it('a missing file', () => {
    const files = base();
    files.delete('stop_times.txt');
    expect(expectIssues(files)).toEqual([
      {
        file: 'feed.zip: (feed)',
        message:
          'stop_times.txt is missing; a GTFS feed needs agency.txt, stops.txt, routes.txt, trips.txt, stop_times.txt',
      },
    ]);
  });

  it('dangling references and unknown ids', () => {
    const files = base();
    files.set('trips.txt', 'route_id,service_id,trip_id\nR9,S,T1\nR1,NOPE,T2\n');
    files.set(
      'stop_times.txt',
      'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:00:00,08:00:00,a,1\nT1,08:10:00,08:10:00,zz,2\nT2,08:00:00,08:00:00,a,1\nT2,08:10:00,08:10:00,b,2\nT3,08:00:00,08:00:00,a,1\n',
    );
    const issues = expectIssues(files);
    expect(issues).toContainEqual({
      file: 'feed.zip: trips.txt',
      line: 2,
      column: 'route_id',
      message: 'unknown route_id "R9"; it is not in routes.txt',
    });
    expect(issues).toContainEqual({
      file: 'feed.zip: trips.txt',
      line: 3,
      column: 'service_id',
      message: 'unknown service_id "NOPE"; it is in neither calendar.txt nor calendar_dates.txt',
    });
    expect(issues).toContainEqual({
      file: 'feed.zip: stop_times.txt',
      line: 3,
      column: 'stop_id',
      message: 'unknown stop_id "zz"; it is not in stops.txt',
    });
    expect(issues).toContainEqual({
      file: 'feed.zip: stop_times.txt',
      line: 6,
      column: 'trip_id',
      message: 'unknown trip_id "T3"; it is not in trips.txt',
    });
  });

  it('decreasing stop times', () => {
    const files = base();
    files.set(
      'stop_times.txt',
      'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:00:00,08:00:00,a,1\nT1,07:59:00,07:59:00,b,2\n',
    );
    expect(expectIssues(files)).toEqual([
      {
        file: 'feed.zip: stop_times.txt',
        line: 3,
        column: 'arrival_time',
        message:
          'stop times decrease in trip "T1": arrival at stop_sequence 2 is before the departure from the previous stop',
      },
    ]);
  });

  it('broken CSV and bad values', () => {
    const files = base();
    files.set('stops.txt', 'stop_id,stop_name,stop_lat,stop_lon\na,"A,60.2,24.8\n');
    expect(expectIssues(files)[0]).toMatchObject({
      file: 'feed.zip: stops.txt',
      message: expect.stringContaining('malformed CSV'),
    });
    const bad = base();
    bad.set(
      'stop_times.txt',
      'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,8h,08:00:00,a,1\nT1,08:10:00,08:10:00,b,x\n',
    );
    const issues = expectIssues(bad);
    expect(issues).toContainEqual({
      file: 'feed.zip: stop_times.txt',
      line: 2,
      column: 'arrival_time',
      message: 'expected a time as HH:MM:SS (hours may pass 24), got "8h"',
    });
    expect(issues).toContainEqual({
      file: 'feed.zip: stop_times.txt',
      line: 3,
      column: 'stop_sequence',
      message: 'expected a whole number ≥ 0, got "x"',
    });
  });

  it('a file too big to read is refused up front with its size and the remedy, not as bad UTF-8', () => {
    const zip = gtfsZip(base());
    // Make the zip's directory claim that stop_times.txt unpacks to 600 MiB.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const name = new TextEncoder().encode('stop_times.txt');
    let patched = false;
    for (let at = 0; at + 46 < zip.length; at++) {
      if (view.getUint32(at, true) !== 0x02014b50) continue;
      const nameLength = view.getUint16(at + 28, true);
      const entry = zip.subarray(at + 46, at + 46 + nameLength);
      if (entry.length === name.length && entry.every((b, i) => b === name[i])) {
        view.setUint32(at + 24, 600 * 1024 * 1024, true);
        patched = true;
      }
    }
    expect(patched).toBe(true);
    const result = unzipGtfs('feed.zip', zip);
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          file: 'feed.zip',
          message:
            'stop_times.txt is 600 MiB unpacked; neuvo reads GTFS files of at most 256 MiB each: cut the feed to the region and the dates you plan for, and try again',
        },
      ],
    });
  });

  it('unpacks only the files it reads', () => {
    const files = base();
    files.set('shapes.txt', 'shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence\n');
    const result = unzipGtfs('feed.zip', gtfsZip(files));
    if (!result.ok) throw new Error('expected a readable zip');
    expect([...result.files.keys()]).not.toContain('shapes.txt');
    expect([...result.files.keys()]).toContain('stop_times.txt');
  });

  it('a file that is not a zip', () => {
    const result = unzipGtfs('feed.zip', new TextEncoder().encode('hello'));
    expect(result.ok).toBe(false);
  });
});
