/**
 * When the database refuses an import that passed every check we know of, say where: the rows
 * are written again one at a time (each under a savepoint, the whole probe rolled back) and
 * each refused row is reported with its line or feature, the column the database names (or
 * the columns of the constraint it broke) and what the database expected, in words.
 */
import { sql } from 'drizzle-orm';
import { inTransactionWithAttempts, type Repositories } from '../../db/repositories.ts';
import { queryRows, type Store } from '../../db/store.ts';
import type { ImportIssue } from './issues.ts';

/** Where a row came from: a CSV line, or a GeoJSON feature and the JSON path of its properties. */
export interface RowOrigin {
  readonly line?: number;
  readonly feature?: number;
  readonly pathPrefix?: string;
}

/** One kind of row to write, with the write and (when known) where each row came from. */
export interface RowBatch<T> {
  readonly rows: readonly T[];
  readonly origins?: readonly RowOrigin[];
  readonly write: (tx: Repositories, rows: readonly T[]) => Promise<void>;
  /** Names a row when its origin is unknown (e.g. its id). */
  readonly name: (row: T) => string;
  /** The file's column for a database column, where the names differ. */
  readonly fileColumns?: Readonly<Record<string, string>>;
}

/** At most this many refused rows are named; a file that breaks a rule on each row says so early. */
const MAX_NAMED = 20;

interface PgFields {
  code?: string;
  column?: string;
  constraint?: string;
  table?: string;
  message?: string;
}

/** The PostgreSQL error under driver wrappers (Drizzle puts it in `cause`). */
export function databaseError(e: unknown): PgFields {
  let current: unknown = e;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const fields = current as PgFields & { cause?: unknown };
    if (typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code)) return fields;
    current = fields.cause;
  }
  return { message: e instanceof Error ? e.message : String(e) };
}

/** What the database expected, by SQLSTATE; its own message where we have no better words. */
function expectation(err: PgFields): string {
  switch (err.code) {
    case '23502':
      return 'is required but empty';
    case '23505':
      return `repeats a value that must be unique (rule ${err.constraint ?? 'unique'})`;
    case '23503':
      return `refers to a row that does not exist (rule ${err.constraint ?? 'foreign key'})`;
    case '23514':
      return `breaks the rule ${err.constraint ?? '(a check)'} that the database enforces`;
    case '22001':
      return 'is longer than the database stores';
    case '22003':
      return 'is out of the range the database stores';
    case '22021':
    case '22P05':
      return 'holds a character the database cannot store (a NUL byte or broken encoding)';
    default:
      return `the database refused it: ${err.message ?? 'unknown reason'}`;
  }
}

async function constraintColumns(store: Store, name: string | undefined): Promise<string[]> {
  if (!name) return [];
  const rows = await queryRows<{ column: string }>(
    store.db,
    sql`select a.attname as column from pg_constraint c
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
        where c.conname = ${name} order by a.attnum`,
  );
  return rows.map((r) => r.column);
}

class ProbeDone extends Error {}

/**
 * Finds the rows the database refuses. Writes nothing: the probe's transaction is rolled back.
 * Rows of earlier batches are written first, as in the real import, so references resolve.
 */
export async function locateRefusals(
  store: Store,
  file: string,
  batches: readonly RowBatch<unknown>[],
): Promise<ImportIssue[]> {
  const found: {
    err: PgFields;
    origin: RowOrigin | undefined;
    name: string;
    fileColumns: Readonly<Record<string, string>>;
  }[] = [];
  try {
    await inTransactionWithAttempts(store, async (_tx, attempt) => {
      for (const batch of batches) {
        for (const [i, row] of batch.rows.entries()) {
          if (found.length >= MAX_NAMED) break;
          const e = await attempt((sp) => batch.write(sp, [row]));
          if (e !== undefined)
            found.push({
              err: databaseError(e),
              origin: batch.origins?.[i],
              name: batch.name(row),
              fileColumns: batch.fileColumns ?? {},
            });
        }
      }
      throw new ProbeDone();
    });
  } catch (e) {
    if (!(e instanceof ProbeDone)) throw e;
  }
  const issues: ImportIssue[] = [];
  for (const { err, origin, name, fileColumns } of found) {
    const columns = (err.column ? [err.column] : await constraintColumns(store, err.constraint)).map(
      (c) => fileColumns[c] ?? c,
    );
    const column = columns.length === 1 ? columns[0] : undefined;
    const what = expectation(err);
    const message = columns.length > 1 ? `${what}; it involves the columns ${columns.join(', ')}` : what;
    const where: Omit<ImportIssue, 'file' | 'message'> =
      origin?.line !== undefined
        ? { line: origin.line, ...(column ? { column } : {}) }
        : origin?.feature !== undefined
          ? {
              feature: origin.feature,
              ...(column && origin.pathPrefix ? { path: `${origin.pathPrefix}.properties.${column}` } : {}),
              ...(column ? { column } : {}),
            }
          : column
            ? { column }
            : {};
    issues.push({
      file,
      ...where,
      message: origin ? message : `${name}: ${message}`,
    });
  }
  return issues;
}
