/**
 * The feed's lines and their runs: routes.txt, trips.txt, stop_times.txt (each trip's stops in
 * order, times between timepoints interpolated, every trip checked to move forward in time) and
 * frequencies.txt (trips repeated at a headway).
 */
import type { GtfsFrequency, GtfsRoute, GtfsTrip } from '../../core/access/gtfs.ts';
import { csvSource, FieldReader } from './fields.ts';
import { type FeedReader, MAX_ISSUES, parseGtfsTime } from './gtfs-reading.ts';
import type { IssueList } from './issues.ts';

/** A trip of trips.txt before its stop times: its route, its service and its line. */
export type TripMeta = ReadonlyMap<string, { routeId: string; serviceId: string; line: number }>;

interface StopTime {
  seq: number;
  stopId: string;
  arr: number | undefined;
  dep: number | undefined;
  line: number;
  noPickup: boolean;
  noDropOff: boolean;
}

/** routes.txt. */
export function readRoutes(reader: FeedReader): { routes: GtfsRoute[]; routeIds: Set<string> } {
  const routes: GtfsRoute[] = [];
  const routeIds = new Set<string>();
  const { rows, list } = reader.table('routes.txt', ['route_id', 'route_type']);
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
  return { routes, routeIds };
}

/** trips.txt: each trip's route and service, which must be known. */
export function readTrips(
  reader: FeedReader,
  routeIds: ReadonlySet<string>,
  serviceIds: ReadonlySet<string>,
): TripMeta {
  const tripMeta = new Map<string, { routeId: string; serviceId: string; line: number }>();
  const { rows, list } = reader.table('trips.txt', ['route_id', 'service_id', 'trip_id']);
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
    if (!routeIds.has(routeId)) r.fail('route_id', `unknown route_id "${routeId}"; it is not in routes.txt`);
    if (!serviceIds.has(serviceId)) {
      r.fail(
        'service_id',
        `unknown service_id "${serviceId}"; it is in neither calendar.txt nor calendar_dates.txt`,
      );
    }
    tripMeta.set(id, { routeId, serviceId, line: row.line });
  }
  return tripMeta;
}

/**
 * stop_times.txt, row by row (a feed's largest file: read without a field reader, and no more
 * once the problems pass the limit); `usedUnplaced` gets the stops without coordinates that a
 * trip stops at.
 */
export function readStopTimes(
  reader: FeedReader,
  known: {
    tripMeta: TripMeta;
    stopIds: ReadonlySet<string>;
    boardable: ReadonlySet<string>;
    unplaced: ReadonlyMap<string, number>;
  },
  usedUnplaced: Set<string>,
): { stopTimes: Map<string, StopTime[]>; stopTimesList: IssueList } {
  const { tripMeta, stopIds, boardable, unplaced } = known;
  const stopTimes = new Map<string, StopTime[]>();
  const { rows, list: stopTimesList } = reader.table('stop_times.txt', [
    'trip_id',
    'stop_id',
    'stop_sequence',
    'arrival_time',
    'departure_time',
  ]);
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
  return { stopTimes, stopTimesList };
}

/**
 * The trips from their stop times: a trip with fewer than two stops is left out with a warning;
 * the first and last stop need times, the others are interpolated linearly between the timed
 * stops around them; times must not decrease.
 */
export function buildTrips(
  reader: FeedReader,
  tripMeta: TripMeta,
  stopTimes: ReadonlyMap<string, StopTime[]>,
  stopTimesList: IssueList,
): { trips: GtfsTrip[]; skippedTrips: Set<string> } {
  const trips: GtfsTrip[] = [];
  const skippedTrips = new Set<string>();
  for (const [tripId, meta] of tripMeta) {
    const list = (stopTimes.get(tripId) ?? []).sort((a, b) => a.seq - b.seq);
    if (list.length < 2) {
      // The reference's validator calls this a warning: the trip cannot be ridden, so it is left out.
      reader.warn('trips.txt').add({
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
  return { trips, skippedTrips };
}

/** frequencies.txt: trips repeated at a headway between two times (not for trips left out). */
export function readFrequencies(
  reader: FeedReader,
  tripMeta: TripMeta,
  skippedTrips: ReadonlySet<string>,
): GtfsFrequency[] {
  const frequencies: GtfsFrequency[] = [];
  const { rows, list } = reader.table('frequencies.txt', [
    'trip_id',
    'start_time',
    'end_time',
    'headway_secs',
  ]);
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
  return frequencies;
}
