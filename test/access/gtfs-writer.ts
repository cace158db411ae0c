/** Writes a GtfsFeed back to GTFS text files, for round-trip and error tests. */
import { zipSync } from 'fflate';
import type { GtfsFeed } from '../../src/core/access/gtfs.ts';

const time = (s: number) =>
  `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
const date = (iso: string) => iso.replaceAll('-', '');
const csv = (header: string[], rows: (string | number)[][]) =>
  `${[header, ...rows].map((r) => r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v))).join(',')).join('\n')}\n`;

export function gtfsFiles(feed: GtfsFeed): Map<string, string> {
  const files = new Map<string, string>();
  files.set(
    'agency.txt',
    csv(
      ['agency_id', 'agency_name', 'agency_url', 'agency_timezone'],
      [['A', 'Test', 'https://example.org', 'Europe/Helsinki']],
    ),
  );
  files.set(
    'stops.txt',
    csv(
      ['stop_id', 'stop_name', 'stop_lat', 'stop_lon'],
      feed.stops.map((s) => [s.id, s.name, s.lat, s.lon]),
    ),
  );
  files.set(
    'routes.txt',
    csv(
      ['route_id', 'agency_id', 'route_short_name', 'route_long_name', 'route_type'],
      feed.routes.map((r) => [r.id, 'A', r.shortName, r.longName, r.type]),
    ),
  );
  files.set(
    'trips.txt',
    csv(
      ['route_id', 'service_id', 'trip_id'],
      feed.trips.map((t) => [t.routeId, t.serviceId, t.id]),
    ),
  );
  files.set(
    'stop_times.txt',
    csv(
      [
        'trip_id',
        'arrival_time',
        'departure_time',
        'stop_id',
        'stop_sequence',
        'pickup_type',
        'drop_off_type',
      ],
      feed.trips.flatMap((t) =>
        t.stopIds.map((s, i) => [
          t.id,
          time(t.arrivals[i] ?? 0),
          time(t.departures[i] ?? 0),
          s,
          (i + 1) * 10,
          t.noPickup?.[i] ? 1 : '',
          t.noDropOff?.[i] ? 1 : 0,
        ]),
      ),
    ),
  );
  files.set(
    'calendar.txt',
    csv(
      [
        'service_id',
        'monday',
        'tuesday',
        'wednesday',
        'thursday',
        'friday',
        'saturday',
        'sunday',
        'start_date',
        'end_date',
      ],
      feed.calendars.map((c) => [
        c.serviceId,
        ...c.weekdays.map((w) => (w ? 1 : 0)),
        date(c.startDate),
        date(c.endDate),
      ]),
    ),
  );
  files.set(
    'calendar_dates.txt',
    csv(
      ['service_id', 'date', 'exception_type'],
      feed.calendarDates.map((c) => [c.serviceId, date(c.date), c.exceptionType]),
    ),
  );
  if (feed.frequencies.length > 0) {
    files.set(
      'frequencies.txt',
      csv(
        ['trip_id', 'start_time', 'end_time', 'headway_secs', 'exact_times'],
        feed.frequencies.map((f) => [
          f.tripId,
          time(f.startSeconds),
          time(f.endSeconds),
          f.headwaySeconds,
          f.exactTimes ? 1 : 0,
        ]),
      ),
    );
  }
  if ((feed.transfers ?? []).length > 0) {
    files.set(
      'transfers.txt',
      csv(
        ['from_stop_id', 'to_stop_id', 'transfer_type', 'min_transfer_time'],
        (feed.transfers ?? []).map((t) => [
          t.fromStopId,
          t.toStopId,
          t.type,
          t.type === 2 ? t.minSeconds : '',
        ]),
      ),
    );
  }
  return files;
}

export function gtfsZip(files: Map<string, string>): Uint8Array {
  const enc = new TextEncoder();
  return zipSync(Object.fromEntries([...files].map(([k, v]) => [k, enc.encode(v)])));
}

export function asBytes(files: Map<string, string>): Map<string, Uint8Array> {
  const enc = new TextEncoder();
  return new Map([...files].map(([k, v]) => [k, enc.encode(v)]));
}
