/**
 * Did contacts change after a change in the network (a fixed point closing, a new visit series)?
 * The weekly contacts of the districts concerned ("treated") before and after are compared, and
 * the same change in the rest of the city ("control") is subtracted: a difference in
 * differences. The control takes out what moved everywhere at once — the season, a national
 * campaign, a strike — so what is left is closer to the effect of the change itself.
 *
 * The interval is a normal approximation with Welch (unequal-variance) standard errors, and it
 * treats weeks as independent: weekly counts are usually autocorrelated, so read it as a rough
 * guide to the noise, not as a test.
 */

export interface PeriodStats {
  readonly weeks: number;
  /** Mean contacts a week. */
  readonly mean: number;
  /** Sample standard deviation (n − 1); 0 for a single week. */
  readonly sd: number;
}

export interface GroupChange {
  readonly before: PeriodStats;
  readonly after: PeriodStats;
  /** after.mean − before.mean, contacts a week. */
  readonly change: number;
  /** change / before.mean × 100; null when before.mean is 0. */
  readonly changePercent: number | null;
}

export interface BeforeAfterResult {
  readonly treated: GroupChange;
  readonly control: GroupChange | null;
  /** treated.change − control.change (difference in differences); null without a control group */
  readonly difference: number | null;
  /** approximate 95 % interval of `difference` (or of treated.change without control), Welch standard errors summed */
  readonly interval: { readonly low: number; readonly high: number } | null;
  /**
   * The treated weeks after, had they changed by the control's ratio (treated before × control
   * after ÷ control before): the comparison that still reads when the groups differ in size (a
   * district of 10 contacts a week against a city of 900). Null without a control or when the
   * control had no contacts before.
   */
  readonly expectedAfter: number | null;
  /** treated after − expectedAfter, contacts a week. */
  readonly effect: number | null;
  /** effect ÷ expectedAfter × 100; null when expectedAfter is 0 or null. */
  readonly effectPercent: number | null;
}

export interface BeforeAfterInput {
  readonly treatedBefore: readonly number[];
  readonly treatedAfter: readonly number[];
  readonly controlBefore?: readonly number[];
  readonly controlAfter?: readonly number[];
}

/** Two-sided 95 % standard-normal quantile. */
const Z95 = 1.96;

/**
 * @throws RangeError when a period has no weeks, a value is not finite, or only one of the two
 *   control periods is given.
 */
export function beforeAfter(input: BeforeAfterInput): BeforeAfterResult {
  const { controlBefore, controlAfter } = input;
  const treated = groupChange(input.treatedBefore, input.treatedAfter, 'treatedBefore', 'treatedAfter');
  if ((controlBefore === undefined) !== (controlAfter === undefined)) {
    throw new RangeError('beforeAfter: give both controlBefore and controlAfter, or neither');
  }
  const control =
    controlBefore && controlAfter
      ? groupChange(controlBefore, controlAfter, 'controlBefore', 'controlAfter')
      : null;
  const difference = control ? treated.change - control.change : null;

  // The sd of a single week is unknown (reported as 0), so no honest interval exists then.
  const groups = control ? [treated, control] : [treated];
  const estimable = groups.every((g) => g.before.weeks >= 2 && g.after.weeks >= 2);
  let interval: BeforeAfterResult['interval'] = null;
  if (estimable) {
    // Independent groups: the variances of the two changes add.
    const se = Math.sqrt(groups.reduce((sum, g) => sum + welchVariance(g), 0));
    const centre = difference ?? treated.change;
    interval = { low: centre - Z95 * se, high: centre + Z95 * se };
  }
  const expectedAfter =
    control && control.before.mean > 0
      ? (treated.before.mean * control.after.mean) / control.before.mean
      : null;
  const effect = expectedAfter === null ? null : treated.after.mean - expectedAfter;
  const effectPercent =
    expectedAfter === null || effect === null || expectedAfter === 0 ? null : (effect / expectedAfter) * 100;
  return { treated, control, difference, interval, expectedAfter, effect, effectPercent };
}

/** Mean and sample sd of one period. */
export function periodStats(values: readonly number[], name = 'period'): PeriodStats {
  if (values.length === 0) throw new RangeError(`beforeAfter: ${name} has no weeks`);
  if (!values.every(Number.isFinite)) throw new RangeError(`beforeAfter: ${name} has a non-finite value`);
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { weeks: n, mean, sd };
}

function groupChange(
  before: readonly number[],
  after: readonly number[],
  beforeName: string,
  afterName: string,
): GroupChange {
  const b = periodStats(before, beforeName);
  const a = periodStats(after, afterName);
  const change = a.mean - b.mean;
  return { before: b, after: a, change, changePercent: b.mean === 0 ? null : (change / b.mean) * 100 };
}

/** Variance of a change in means, sdB²/nB + sdA²/nA (Welch: the two periods may differ in spread). */
function welchVariance(g: GroupChange): number {
  return g.before.sd ** 2 / g.before.weeks + g.after.sd ** 2 / g.after.weeks;
}
