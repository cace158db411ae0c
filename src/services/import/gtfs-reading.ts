/**
 * How a GTFS feed's files are read: each file as a CSV table, its problems (any one refuses the
 * feed) and its warnings (the GTFS reference's: the row is skipped or read as the reference says,
 * and the feed is still used), each naming the file, line and field; and GTFS dates and times.
 */
import type { ImportIssue } from './issues.ts';
import { IssueList } from './issues.ts';
import { type CsvRow, parseCsv } from './text.ts';

export type GtfsFiles = ReadonlyMap<string, Uint8Array>;

/** At most this many problems are listed; a broken feed would otherwise print thousands. */
export const MAX_ISSUES = 200;

/** A file's rows and the list its problems go to. */
export interface GtfsTable {
  readonly rows: readonly CsvRow[];
  readonly list: IssueList;
}

/** Optional files may hold only a header (e.g. a feed without calendar exceptions). */
const OPTIONAL = new Set([
  'calendar.txt',
  'calendar_dates.txt',
  'frequencies.txt',
  'agency.txt',
  'transfers.txt',
]);

export function createFeedReader(source: string, files: GtfsFiles) {
  const lists: IssueList[] = [];
  const warningLists = new Map<string, IssueList>();

  /** A new list of problems for a file, listed in the order the lists are made. */
  const issues = (file: string) => {
    const l = new IssueList(`${source}: ${file}`);
    lists.push(l);
    return l;
  };

  return {
    issues,

    /** The file's list of warnings (one per file). */
    warn(file: string): IssueList {
      let l = warningLists.get(file);
      if (!l) {
        l = new IssueList(`${source}: ${file}`);
        warningLists.set(file, l);
      }
      return l;
    },

    /** A file's rows (none when it is missing), its header checked for the required columns. */
    table(file: string, required: readonly string[]): GtfsTable {
      const list = issues(file);
      const bytes = files.get(file);
      if (!bytes) return { rows: [], list };
      return {
        rows:
          parseCsv({ name: file, bytes }, list, required, { allowNoRows: OPTIONAL.has(file) })?.rows ?? [],
        list,
      };
    },

    /** Every problem and every warning so far, in the order of their files. */
    collected(): { problems: ImportIssue[]; warnings: ImportIssue[] } {
      return {
        problems: lists.flatMap((l) => l.issues),
        warnings: [...warningLists.values()].flatMap((l) => l.issues),
      };
    },
  };
}

export type FeedReader = ReturnType<typeof createFeedReader>;

/** "25:10:00" → 90 600 seconds; GTFS times may pass 24:00 and may have a one-digit hour. */
export function parseGtfsTime(value: string): number | undefined {
  const m = /^(\d{1,3}):([0-5]\d):([0-5]\d)$/.exec(value.trim());
  if (!m) return undefined;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** "20250131" → "2025-01-31"; undefined for anything else, or a day the calendar does not have. */
export function parseGtfsDate(value: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? undefined : iso;
}
