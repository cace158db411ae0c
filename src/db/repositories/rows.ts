/** Small conversions between database rows and core values, shared by the repositories. */
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../../core/i18n.ts';
import type { WallTime } from '../../core/time/civil-time.ts';

/** PostgreSQL `time` comes back as `HH:MM:SS`; the model uses `HH:MM`. */
export function toWallTime(value: string): WallTime {
  return value.slice(0, 5);
}

export function localizedOrNull(
  fi: string | null,
  sv: string | null,
  en: string | null,
): LocalizedText | null {
  if (fi === null && sv === null && en === null) return null;
  return { fi: fi ?? '', sv: sv ?? '', en: en ?? '' };
}

/**
 * Splits rows into batches that stay under PostgreSQL's 65 535 bind parameters per statement.
 */
export function chunk<T>(rows: readonly T[], columnsPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(60_000 / Math.max(1, columnsPerRow)));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * The `set` clause of an upsert that takes every column from the proposed row
 * (`excluded.*`) except the key: "re-import updates, never duplicates".
 */
export function excludedSet(table: PgTable, keep: readonly string[] = ['id']): Record<string, SQL> {
  return Object.fromEntries(
    Object.entries(getTableColumns(table))
      .filter(([key]) => !keep.includes(key))
      .map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)]),
  );
}
