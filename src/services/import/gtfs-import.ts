/**
 * Reads a GTFS feed (a .zip or a folder's files) into the core GtfsFeed, validating as it
 * goes: every problem names the file, line and field and says what was expected; a feed
 * with any problem is not used at all. https://gtfs.org/documentation/schedule/reference/
 * One step per file: `gtfs-stops.ts` (stops, transfers), `gtfs-calendar.ts` (calendar,
 * calendar dates), `gtfs-trips.ts` (routes, trips, stop times, frequencies); `gtfs-reading.ts`
 * holds how a file is read and its problems and warnings collected.
 */
import { unzipSync } from 'fflate';
import type { GtfsFeed } from '../../core/access/gtfs.ts';
import { readCalendar, readCalendarDates } from './gtfs-calendar.ts';
import { createFeedReader, type GtfsFiles, MAX_ISSUES } from './gtfs-reading.ts';
import { parseTransfers, readStops, reportUnplacedStops } from './gtfs-stops.ts';
import { buildTrips, readFrequencies, readRoutes, readStopTimes, readTrips } from './gtfs-trips.ts';
import type { ImportIssue } from './issues.ts';

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

export function parseGtfs(
  source: string,
  files: GtfsFiles,
):
  | { ok: true; feed: GtfsFeed; warnings: ImportIssue[] }
  | { ok: false; issues: ImportIssue[]; warnings?: ImportIssue[] } {
  const reader = createFeedReader(source, files);
  const general = reader.issues('(feed)');
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

  // agency.txt: only checked to be a readable table.
  reader.table('agency.txt', ['agency_name']);
  const { stops, stopIds, unplaced, children } = readStops(reader);
  const boardable = new Set([...stops.map((s) => s.id), ...unplaced.keys()]);
  const { routes, routeIds } = readRoutes(reader);
  const serviceIds = new Set<string>();
  const calendars = readCalendar(reader, serviceIds);
  const calendarDates = readCalendarDates(reader, serviceIds);
  const tripMeta = readTrips(reader, routeIds, serviceIds);
  const usedUnplaced = new Set<string>();
  const { stopTimes, stopTimesList } = readStopTimes(
    reader,
    { tripMeta, stopIds, boardable, unplaced },
    usedUnplaced,
  );
  const { trips, skippedTrips } = buildTrips(reader, tripMeta, stopTimes, stopTimesList);
  reportUnplacedStops(reader, unplaced, usedUnplaced);
  const frequencies = readFrequencies(reader, tripMeta, skippedTrips);
  const transfers = parseTransfers(
    reader.table('transfers.txt', ['from_stop_id', 'to_stop_id', 'transfer_type']),
    {
      stopIds,
      children,
      warnings: reader.warn('transfers.txt'),
    },
  );

  const { problems: all, warnings } = reader.collected();
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
