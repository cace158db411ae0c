/**
 * Reads a GTFS feed (a .zip or a folder's files) into the core GtfsFeed, validating as it
 * goes: every problem names the file, line and field and says what was expected; a feed
 * with any problem is not used at all. https://gtfs.org/documentation/schedule/reference/
 */
import { unzipSync } from 'fflate';
import type {
  GtfsCalendar,
  GtfsCalendarDate,
  GtfsFeed,
  GtfsFrequency,
  GtfsRoute,
  GtfsStop,
  GtfsTransfer,
  GtfsTrip,
} from '../../core/access/gtfs.ts';
import { csvSource, FieldReader } from './fields.ts';
import { type ImportIssue, IssueList } from './issues.ts';
import { type CsvRow, parseCsv } from './text.ts';

export const GTFS_REQUIRED = [
  'agency.txt',
  'stops.txt',
  'routes.txt',
  'trips.txt',
  'stop_times.txt',
] as const;
/** The files neuvo reads; the rest (shapes, fares, …) are not even unpacked. */
export const GTFS_READ: ReadonlySet<string> = new Set([
  ...GTFS_REQUIRED,
  'calendar.txt',
  'calendar_dates.txt',
  'frequencies.txt',
  'transfers.txt',
]);
/**
 * The largest file neuvo reads, unpacked. A feed's text is held in memory while it is read,
 * so a bigger one is refused up front, with the remedy, instead of failing half-way.
 */
export const MAX_GTFS_FILE_BYTES = 256 * 1024 * 1024;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** The problem with a file of this unpacked size, if it is too big to read. */
export function gtfsSizeProblem(file: string, bytes: number): string | undefined {
  if (bytes <= MAX_GTFS_FILE_BYTES) return undefined;
  return `${file} is ${mib(bytes)} unpacked; neuvo reads GTFS files of at most ${mib(MAX_GTFS_FILE_BYTES)} each: cut the feed to the region and the dates you plan for, and try again`;
}

/** At most this many problems are listed; a broken feed would otherwise print thousands. */
export const MAX_ISSUES = 200;

export type GtfsFiles = ReadonlyMap<string, Uint8Array>;

/** The files of a zipped feed (folders inside the zip are flattened, as many feeds nest one). */
export function unzipGtfs(
  name: string,
  bytes: Uint8Array,
): { ok: true; files: GtfsFiles } | { ok: false; issues: ImportIssue[] } {
  const tooBig: ImportIssue[] = [];
  const wanted = (path: string) => GTFS_READ.has((path.split('/').pop() ?? path).toLowerCase());
  try {
    const entries = unzipSync(bytes, {
      filter: (f) => {
        if (!wanted(f.name)) return false;
        const problem = gtfsSizeProblem(f.name, f.originalSize);
        if (problem) tooBig.push({ file: name, message: problem });
        return problem === undefined;
      },
    });
    if (tooBig.length > 0) return { ok: false, issues: tooBig };
    const files = new Map<string, Uint8Array>();
    for (const [path, data] of Object.entries(entries)) files.set(path.split('/').pop() ?? path, data);
    return { ok: true, files };
  } catch (e) {
    return {
      ok: false,
      issues: [
        { file: name, message: `not a readable zip file (${e instanceof Error ? e.message : String(e)})` },
      ],
    };
  }
}

/** "25:10:00" → 90 600 seconds; GTFS times may pass 24:00 and may have a one-digit hour. */
export function parseGtfsTime(value: string): number | undefined {
  const m = /^(\d{1,3}):([0-5]\d):([0-5]\d)$/.exec(value.trim());
  if (!m) return undefined;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

function parseGtfsDate(value: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

export function parseGtfs(
  source: string,
  files: GtfsFiles,
):
  | { ok: true; feed: GtfsFeed; warnings: ImportIssue[] }
  | { ok: false; issues: ImportIssue[]; warnings?: ImportIssue[] } {
  const lists: IssueList[] = [];
  const issues = (file: string) => {
    const l = new IssueList(`${source}: ${file}`);
    lists.push(l);
    return l;
  };
  // What the GTFS reference calls a warning: the row is skipped (or read as the reference
  // says) and the feed is still used. Each names its file, line and why.
  const warningLists = new Map<string, IssueList>();
  const warn = (file: string) => {
    let l = warningLists.get(file);
    if (!l) {
      l = new IssueList(`${source}: ${file}`);
      warningLists.set(file, l);
    }
    return l;
  };
  const general = issues('(feed)');
  for (const required of GTFS_REQUIRED) {
    if (!files.has(required))
      general.add({ message: `${required} is missing; a GTFS feed needs ${GTFS_REQUIRED.join(', ')}` });
  }
  if (!files.has('calendar.txt') && !files.has('calendar_dates.txt')) {
    general.add({
      message: 'calendar.txt and calendar_dates.txt are both missing; at least one says when trips run',
    });
  }
  if (!general.ok) return { ok: false, issues: general.issues };

  // Optional files may hold only a header (e.g. a feed without calendar exceptions).
  const optional = new Set([
    'calendar.txt',
    'calendar_dates.txt',
    'frequencies.txt',
    'agency.txt',
    'transfers.txt',
  ]);
  const table = (file: string, required: readonly string[]): { rows: readonly CsvRow[]; list: IssueList } => {
    const list = issues(file);
    const bytes = files.get(file);
    if (!bytes) return { rows: [], list };
    return {
      rows: parseCsv({ name: file, bytes }, list, required, { allowNoRows: optional.has(file) })?.rows ?? [],
      list,
    };
  };

  // agency.txt: only checked to be a readable table.
  table('agency.txt', ['agency_name']);

  const stops: GtfsStop[] = [];
  const stopIds = new Set<string>();
  /** Stops (location_type 0) without coordinates: an error only if a trip stops there. */
  const unplaced = new Map<string, number>();
  /** Child stops of each station (parent_station), for transfers.txt rules given by station. */
  const children = new Map<string, string[]>();
  {
    const { rows, list } = table('stops.txt', ['stop_id']);
    for (const row of rows) {
      const r = new FieldReader(csvSource(row), list);
      const id = r.text('stop_id', { required: true });
      const type = r.int('location_type', { min: 0, max: 4 }) ?? 0;
      if (!id) continue;
      if (stopIds.has(id)) {
        r.fail('stop_id', `duplicate stop_id "${id}"`);
        continue;
      }
      stopIds.add(id);
      // Stations, entrances, generic nodes and boarding areas carry no stop times.
      if (type !== 0) continue;
      const parent = row.get('parent_station')?.trim();
      if (parent) children.set(parent, [...(children.get(parent) ?? []), id]);
      const latText = row.get('stop_lat')?.trim() ?? '';
      const lonText = row.get('stop_lon')?.trim() ?? '';
      if (latText === '' && lonText === '') {
        unplaced.set(id, row.line);
        continue;
      }
      const lat = r.number('stop_lat', { required: true, min: -90, max: 90 });
      const lon = r.number('stop_lon', { required: true, min: -180, max: 180 });
      if (lat === undefined || lon === undefined) continue;
      stops.push({ id, name: r.text('stop_name') ?? id, lat, lon });
    }
  }
  const boardable = new Set([...stops.map((s) => s.id), ...unplaced.keys()]);
  const usedUnplaced = new Set<string>();

  const routes: GtfsRoute[] = [];
  const routeIds = new Set<string>();
  {
    const { rows, list } = table('routes.txt', ['route_id', 'route_type']);
    for (const row of rows) {
      const r = new FieldReader(csvSource(row), list);
      const id = r.text('route_id', { required: true });
      const type = r.int('route_type', { required: true, min: 0, max: 1702 });
      if (!id || type === undefined) continue;
      if (routeIds.has(id)) {
        r.fail('route_id', `duplicate route_id "${id}"`);
        continue;
      }
      routeIds.add(id);
      routes.push({
        id,
        shortName: r.text('route_short_name') ?? '',
        longName: r.text('route_long_name') ?? '',
        type,
      });
    }
  }

  const calendars: GtfsCalendar[] = [];
  const serviceIds = new Set<string>();
  {
    const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
    const { rows, list } = table('calendar.txt', ['service_id', ...days, 'start_date', 'end_date']);
    for (const row of rows) {
      const r = new FieldReader(csvSource(row), list);
      const id = r.text('service_id', { required: true });
      const flags = days.map((d) => r.int(d, { required: true, min: 0, max: 1 }));
      const start = r.text('start_date', { required: true });
      const end = r.text('end_date', { required: true });
      const startDate = start ? parseGtfsDate(start) : undefined;
      const endDate = end ? parseGtfsDate(end) : undefined;
      if (start && !startDate) r.fail('start_date', `expected a date as YYYYMMDD, got "${start}"`);
      if (end && !endDate) r.fail('end_date', `expected a date as YYYYMMDD, got "${end}"`);
      if (startDate && endDate && endDate < startDate)
        r.fail('end_date', `end_date ${end} is before start_date ${start}`);
      if (!id || !startDate || !endDate || flags.some((f) => f === undefined)) continue;
      if (serviceIds.has(id)) {
        r.fail('service_id', `duplicate service_id "${id}"`);
        continue;
      }
      serviceIds.add(id);
      calendars.push({
        serviceId: id,
        weekdays: flags.map((f) => f === 1) as unknown as GtfsCalendar['weekdays'],
        startDate,
        endDate,
      });
    }
  }
  const calendarDates: GtfsCalendarDate[] = [];
  {
    const { rows, list } = table('calendar_dates.txt', ['service_id', 'date', 'exception_type']);
    for (const row of rows) {
      const r = new FieldReader(csvSource(row), list);
      const id = r.text('service_id', { required: true });
      const raw = r.text('date', { required: true });
      const date = raw ? parseGtfsDate(raw) : undefined;
      if (raw && !date) r.fail('date', `expected a date as YYYYMMDD, got "${raw}"`);
      const type = r.int('exception_type', { required: true, min: 1, max: 2 });
      if (!id || !date || (type !== 1 && type !== 2)) continue;
      serviceIds.add(id);
      calendarDates.push({ serviceId: id, date, exceptionType: type });
    }
  }

  const tripMeta = new Map<string, { routeId: string; serviceId: string; line: number }>();
  const tripsTable = table('trips.txt', ['route_id', 'service_id', 'trip_id']);
  {
    const { rows, list } = tripsTable;
    for (const row of rows) {
      const r = new FieldReader(csvSource(row), list);
      const id = r.text('trip_id', { required: true });
      const routeId = r.text('route_id', { required: true });
      const serviceId = r.text('service_id', { required: true });
      if (!id || !routeId || !serviceId) continue;
      if (tripMeta.has(id)) {
        r.fail('trip_id', `duplicate trip_id "${id}"`);
        continue;
      }
      if (!routeIds.has(routeId))
        r.fail('route_id', `unknown route_id "${routeId}"; it is not in routes.txt`);
      if (!serviceIds.has(serviceId)) {
        r.fail(
          'service_id',
          `unknown service_id "${serviceId}"; it is in neither calendar.txt nor calendar_dates.txt`,
        );
      }
      tripMeta.set(id, { routeId, serviceId, line: row.line });
    }
  }

  type StopTime = {
    seq: number;
    stopId: string;
    arr: number | undefined;
    dep: number | undefined;
    line: number;
    noPickup: boolean;
    noDropOff: boolean;
  };
  const stopTimes = new Map<string, StopTime[]>();
  const stopTimesList = issues('stop_times.txt');
  {
    const bytes = files.get('stop_times.txt');
    const rows = bytes
      ? (parseCsv({ name: 'stop_times.txt', bytes }, stopTimesList, [
          'trip_id',
          'stop_id',
          'stop_sequence',
          'arrival_time',
          'departure_time',
        ])?.rows ?? [])
      : [];
    for (const row of rows) {
      if (stopTimesList.issues.length > MAX_ISSUES) break;
      const tripId = row.get('trip_id') ?? '';
      const stopId = row.get('stop_id') ?? '';
      const seqText = row.get('stop_sequence') ?? '';
      const at = (column: string) => ({ line: row.line, column });
      if (!tripMeta.has(tripId))
        stopTimesList.add({
          ...at('trip_id'),
          message: `unknown trip_id "${tripId}"; it is not in trips.txt`,
        });
      if (!stopIds.has(stopId))
        stopTimesList.add({
          ...at('stop_id'),
          message: `unknown stop_id "${stopId}"; it is not in stops.txt`,
        });
      else if (!boardable.has(stopId)) {
        stopTimesList.add({
          ...at('stop_id'),
          message: `stop_id "${stopId}" is a station or entrance (location_type ≠ 0); stop times need a stop`,
        });
      }
      const seq = /^\d+$/.test(seqText) ? Number(seqText) : undefined;
      if (seq === undefined)
        stopTimesList.add({
          ...at('stop_sequence'),
          message: `expected a whole number ≥ 0, got "${seqText}"`,
        });
      const time = (column: 'arrival_time' | 'departure_time') => {
        const raw = row.get(column) ?? '';
        if (raw === '') return undefined;
        const t = parseGtfsTime(raw);
        if (t === undefined)
          stopTimesList.add({
            ...at(column),
            message: `expected a time as HH:MM:SS (hours may pass 24), got "${raw}"`,
          });
        return t;
      };
      const arr = time('arrival_time');
      const dep = time('departure_time');
      // 1: no pickup / drop-off; 0 (or empty) regular; 2 and 3 (phone the agency, ask the
      // driver) are possible for a passenger, so they count as allowed.
      const restriction = (column: 'pickup_type' | 'drop_off_type') => {
        const raw = row.get(column)?.trim() ?? '';
        if (raw === '') return false;
        if (!/^[0-3]$/.test(raw)) {
          stopTimesList.add({ ...at(column), message: `expected 0, 1, 2 or 3, got "${raw}"` });
          return false;
        }
        return raw === '1';
      };
      const noPickup = restriction('pickup_type');
      const noDropOff = restriction('drop_off_type');
      if (unplaced.has(stopId)) usedUnplaced.add(stopId);
      if (seq === undefined) continue;
      const list = stopTimes.get(tripId);
      const entry = { seq, stopId, arr: arr ?? dep, dep: dep ?? arr, line: row.line, noPickup, noDropOff };
      if (list) list.push(entry);
      else stopTimes.set(tripId, [entry]);
    }
  }

  const trips: GtfsTrip[] = [];
  const skippedTrips = new Set<string>();
  for (const [tripId, meta] of tripMeta) {
    const list = (stopTimes.get(tripId) ?? []).sort((a, b) => a.seq - b.seq);
    if (list.length < 2) {
      // The reference's validator calls this a warning: the trip cannot be ridden, so it is left out.
      warn('trips.txt').add({
        line: meta.line,
        column: 'trip_id',
        message: `trip "${tripId}" has ${list.length} stop time${list.length === 1 ? '' : 's'} in stop_times.txt and cannot be ridden; left out`,
      });
      skippedTrips.add(tripId);
      continue;
    }
    const first = list[0] as StopTime;
    const last = list[list.length - 1] as StopTime;
    let ok = true;
    for (const end of [first, last]) {
      if (end.arr === undefined) {
        stopTimesList.add({
          line: end.line,
          column: 'arrival_time',
          message: `the first and last stop of trip "${tripId}" need times`,
        });
        ok = false;
      }
    }
    for (let i = 1; i < list.length; i++) {
      if ((list[i] as StopTime).seq === (list[i - 1] as StopTime).seq) {
        stopTimesList.add({
          line: (list[i] as StopTime).line,
          column: 'stop_sequence',
          message: `stop_sequence ${(list[i] as StopTime).seq} repeats in trip "${tripId}"`,
        });
        ok = false;
      }
    }
    if (!ok) continue;
    // Non-timepoints: interpolate linearly between the timed stops around them.
    const arrivals: number[] = [];
    const departures: number[] = [];
    let prevTimed = 0;
    for (let i = 0; i < list.length; i++) {
      const st = list[i] as StopTime;
      if (st.arr !== undefined && st.dep !== undefined) {
        arrivals.push(st.arr);
        departures.push(st.dep);
        prevTimed = i;
        continue;
      }
      let next = i + 1;
      while (next < list.length && (list[next] as StopTime).arr === undefined) next++;
      const from = (list[prevTimed] as StopTime).dep ?? 0;
      const to = (list[next] as StopTime).arr ?? from;
      const t = Math.round(from + ((to - from) * (i - prevTimed)) / (next - prevTimed));
      arrivals.push(t);
      departures.push(t);
    }
    for (let i = 0; i < list.length; i++) {
      const st = list[i] as StopTime;
      if ((departures[i] ?? 0) < (arrivals[i] ?? 0)) {
        stopTimesList.add({
          line: st.line,
          column: 'departure_time',
          message: `departure before arrival at stop_sequence ${st.seq} of trip "${tripId}"`,
        });
        ok = false;
      }
      if (i > 0 && (arrivals[i] ?? 0) < (departures[i - 1] ?? 0)) {
        stopTimesList.add({
          line: st.line,
          column: 'arrival_time',
          message: `stop times decrease in trip "${tripId}": arrival at stop_sequence ${st.seq} is before the departure from the previous stop`,
        });
        ok = false;
      }
    }
    if (ok)
      trips.push({
        id: tripId,
        routeId: meta.routeId,
        serviceId: meta.serviceId,
        stopIds: list.map((s) => s.stopId),
        arrivals,
        departures,
        ...(list.some((st) => st.noPickup) ? { noPickup: list.map((st) => st.noPickup) } : {}),
        ...(list.some((st) => st.noDropOff) ? { noDropOff: list.map((st) => st.noDropOff) } : {}),
      });
  }
  for (const [id, line] of unplaced) {
    if (usedUnplaced.has(id))
      issues('stops.txt').add({
        line,
        column: 'stop_lat',
        message: `stop "${id}" has no coordinates, but trips stop there; give stop_lat and stop_lon`,
      });
    else
      warn('stops.txt').add({
        line,
        column: 'stop_lat',
        message: `stop "${id}" has no coordinates and no trip stops there; left out`,
      });
  }

  const frequencies: GtfsFrequency[] = [];
  {
    const { rows, list } = table('frequencies.txt', ['trip_id', 'start_time', 'end_time', 'headway_secs']);
    for (const row of rows) {
      const r = new FieldReader(csvSource(row), list);
      const tripId = r.text('trip_id', { required: true });
      const startRaw = r.text('start_time', { required: true });
      const endRaw = r.text('end_time', { required: true });
      const headway = r.int('headway_secs', { required: true, min: 1 });
      const start = startRaw ? parseGtfsTime(startRaw) : undefined;
      const end = endRaw ? parseGtfsTime(endRaw) : undefined;
      if (startRaw && start === undefined)
        r.fail('start_time', `expected a time as HH:MM:SS, got "${startRaw}"`);
      if (endRaw && end === undefined) r.fail('end_time', `expected a time as HH:MM:SS, got "${endRaw}"`);
      if (tripId && !tripMeta.has(tripId))
        r.fail('trip_id', `unknown trip_id "${tripId}"; it is not in trips.txt`);
      if (start !== undefined && end !== undefined && end <= start)
        r.fail('end_time', 'end_time must be after start_time');
      if (
        !tripId ||
        start === undefined ||
        end === undefined ||
        headway === undefined ||
        end <= start ||
        !tripMeta.has(tripId)
      )
        continue;
      if (skippedTrips.has(tripId)) continue; // its trip was left out, with a warning
      frequencies.push({
        tripId,
        startSeconds: start,
        endSeconds: end,
        headwaySeconds: headway,
        exactTimes: r.int('exact_times', { min: 0, max: 1 }) === 1,
      });
    }
  }

  const transfers = parseTransfers(table('transfers.txt', ['from_stop_id', 'to_stop_id', 'transfer_type']), {
    stopIds,
    children,
    warnings: warn('transfers.txt'),
  });

  const warnings = [...warningLists.values()].flatMap((l) => l.issues);
  const all = lists.flatMap((l) => l.issues);
  if (all.length > 0) {
    const shown = all.slice(0, MAX_ISSUES);
    if (all.length > MAX_ISSUES)
      shown.push({ file: source, message: `… and ${all.length - MAX_ISSUES} more problems` });
    return { ok: false, issues: shown, warnings };
  }
  return {
    ok: true,
    feed: { stops, routes, trips, calendars, calendarDates, frequencies, transfers },
    warnings,
  };
}

/**
 * transfers.txt between stops: types 0 to 3 are used (a station stands for its stops); rules
 * between trips or routes, in-seat transfers (4, 5), a type 2 without `min_transfer_time` and
 * unknown stops are skipped with a warning.
 */
function parseTransfers(
  { rows, list }: { rows: readonly CsvRow[]; list: IssueList },
  context: { stopIds: ReadonlySet<string>; children: ReadonlyMap<string, string[]>; warnings: IssueList },
): GtfsTransfer[] {
  const out: GtfsTransfer[] = [];
  const skip = (line: number, column: string, why: string) =>
    context.warnings.add({ line, column, message: `${why}; left out` });
  for (const row of rows) {
    const r = new FieldReader(csvSource(row), list);
    const type = r.int('transfer_type', { min: 0, max: 5 }) ?? 0;
    const from = r.text('from_stop_id');
    const to = r.text('to_stop_id');
    const specific = ['from_trip_id', 'to_trip_id', 'from_route_id', 'to_route_id'].find((c) =>
      row.get(c)?.trim(),
    );
    if (specific) {
      skip(row.line, specific, 'a transfer between particular trips or routes is not used');
      continue;
    }
    if (type > 3) {
      skip(row.line, 'transfer_type', `transfer_type ${type} (in-seat) is not used`);
      continue;
    }
    if (!from || !to) {
      skip(row.line, from ? 'to_stop_id' : 'from_stop_id', 'a transfer needs both stops');
      continue;
    }
    const unknown = [from, to].find((id) => !context.stopIds.has(id));
    if (unknown) {
      skip(row.line, unknown === from ? 'from_stop_id' : 'to_stop_id', `unknown stop "${unknown}"`);
      continue;
    }
    const minSeconds = r.int('min_transfer_time', { min: 0 });
    if (type === 2 && minSeconds === undefined) {
      skip(row.line, 'min_transfer_time', 'transfer_type 2 needs min_transfer_time');
      continue;
    }
    const stopsOf = (id: string) => context.children.get(id) ?? [id];
    // A station stands for its stops (a rule from a station to itself: between any two of them).
    for (const a of stopsOf(from))
      for (const b of stopsOf(to))
        out.push({
          fromStopId: a,
          toStopId: b,
          type: type as GtfsTransfer['type'],
          minSeconds: minSeconds ?? 0,
        });
  }
  return out;
}
