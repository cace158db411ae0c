/**
 * Small-count suppression for figures from the contact log. A count of 1 to threshold − 1 could
 * point at a person (three Somali speakers aged 75+ at one library in one week), so it is never
 * shown: it becomes `null` with `suppressed: true` in tables, charts, the API and exports alike.
 * A zero is shown: it tells nothing about anyone.
 *
 * Where a table also shows its total, a single suppressed cell could be got back by subtraction;
 * then the smallest other non-zero cell is suppressed too ("secondary suppression"), so that at
 * least two unknowns share the difference.
 */

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

export interface Count<K> {
  readonly key: K;
  readonly contacts: number;
}

export interface ShownCount<K> {
  readonly key: K;
  /** The count, or null when it is suppressed. */
  readonly contacts: number | null;
  readonly suppressed: boolean;
}

/** Whether a count of contacts must not be shown. */
export const isSmall = (n: number, threshold: number): boolean => n > 0 && n < threshold;

/** A single figure, shown or suppressed. */
export function shown(n: number, threshold: number): number | null {
  return isSmall(n, threshold) ? null : n;
}

/**
 * Suppresses the small counts of one breakdown. `withTotal`: the breakdown's total is shown
 * beside it (the rows partition the total), so one suppressed cell gets a second one.
 */
export function suppressCounts<K>(
  rows: readonly Count<K>[],
  threshold: number,
  options: { readonly withTotal?: boolean } = {},
): ShownCount<K>[] {
  const hidden = rows.map((r) => isSmall(r.contacts, threshold));
  if (options.withTotal && hidden.filter(Boolean).length === 1) {
    let smallest = -1;
    for (const [i, r] of rows.entries()) {
      if (hidden[i] || r.contacts === 0) continue;
      if (smallest < 0 || r.contacts < (rows[smallest]?.contacts ?? 0)) smallest = i;
    }
    if (smallest >= 0) hidden[smallest] = true;
  }
  return rows.map((r, i) =>
    hidden[i]
      ? { key: r.key, contacts: null, suppressed: true }
      : { key: r.key, contacts: r.contacts, suppressed: false },
  );
}

/**
 * A share of two counts, or null when either count is suppressed or the denominator is zero:
 * a share of a hidden count would give the count back.
 */
export function shareOf(part: number, whole: number, threshold: number): number | null {
  if (whole === 0 || isSmall(part, threshold) || isSmall(whole, threshold)) return null;
  return part / whole;
}
