/**
 * The feed's stops: stops.txt (the stops trips can stop at, stations and their child stops, a stop
 * without coordinates a problem only where a trip stops) and transfers.txt between them.
 */
import type { GtfsStop, GtfsTransfer } from '../../core/access/gtfs.ts';
import { csvSource, FieldReader } from './fields.ts';
import type { FeedReader, GtfsTable } from './gtfs-reading.ts';
import type { IssueList } from './issues.ts';

export interface StopsRead {
  readonly stops: GtfsStop[];
  /** Every stop_id of the file, stations and entrances too. */
  readonly stopIds: Set<string>;
  /** Stops (location_type 0) without coordinates, by id, with their line: an error only if a trip stops there. */
  readonly unplaced: Map<string, number>;
  /** Child stops of each station (parent_station), for transfers.txt rules given by station. */
  readonly children: Map<string, string[]>;
}

/** stops.txt: stops with their positions; stations, entrances, nodes and boarding areas by id only. */
export function readStops(reader: FeedReader): StopsRead {
  const stops: GtfsStop[] = [];
  const stopIds = new Set<string>();
  const unplaced = new Map<string, number>();
  const children = new Map<string, string[]>();
  const { rows, list } = reader.table('stops.txt', ['stop_id']);
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
  return { stops, stopIds, unplaced, children };
}

/**
 * Stops without coordinates: a problem where a trip stops (`used`), else a warning and left out.
 */
export function reportUnplacedStops(
  reader: FeedReader,
  unplaced: ReadonlyMap<string, number>,
  used: ReadonlySet<string>,
): void {
  for (const [id, line] of unplaced) {
    if (used.has(id))
      reader.issues('stops.txt').add({
        line,
        column: 'stop_lat',
        message: `stop "${id}" has no coordinates, but trips stop there; give stop_lat and stop_lon`,
      });
    else
      reader.warn('stops.txt').add({
        line,
        column: 'stop_lat',
        message: `stop "${id}" has no coordinates and no trip stops there; left out`,
      });
  }
}

/**
 * transfers.txt between stops: types 0 to 3 are used (a station stands for its stops); rules
 * between trips or routes, in-seat transfers (4, 5), a type 2 without `min_transfer_time` and
 * unknown stops are skipped with a warning.
 */
export function parseTransfers(
  { rows, list }: GtfsTable,
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
