/**
 * A weekly forecast a planner can check by hand: exponential smoothing with the smoothing
 * weights chosen by a plain grid search, and prediction intervals from the closed-form
 * variances of the matching state-space models (Hyndman, Koehler, Ord & Snyder, "Forecasting
 * with Exponential Smoothing", 2008, Table 6.1, class 1):
 *
 * - `holt-winters` — additive level, trend and season, ETS(A,A,A);
 * - `holt` — level and damped trend, ETS(A,Ad,N) (φ = 1 is ETS(A,A,N));
 * - `mean` — the mean of a very short series, an independent-and-identically-distributed model.
 *
 * Smoothing weights are reported in the classic recurrence form (α, β*, γ* each in 0…1), not
 * the error-correction form; the interval formulas convert (β = αβ*, γ = (1 − α)γ*).
 *
 * The values are counts (contacts a week), so when the series has no negative value the
 * forecast and every bound are clipped at 0: a negative count is impossible and would only
 * confuse a report. A series with a negative value is not a count and is left unclipped.
 */

export interface ForecastPoint {
  /** Weeks ahead: 1 is the week after the last observation. */
  readonly step: number;
  readonly mean: number;
  readonly lower80: number;
  readonly upper80: number;
  readonly lower95: number;
  readonly upper95: number;
}

export interface ForecastModel {
  /** Chosen by data length: two full seasons → holt-winters, 4 points → holt, else mean. */
  readonly method: 'holt-winters' | 'holt' | 'mean';
  /** Level weight (for `mean`: 0, the model has no smoothing). */
  readonly alpha: number;
  /** Trend weight β*; null for `mean`. */
  readonly beta: number | null;
  /** Season weight γ*; null without a season. */
  readonly gamma: number | null;
  /** Trend damping φ of `holt` (1 = undamped); null for the other methods. */
  readonly phi: number | null;
  /** Season length used (e.g. 52), null without a season. */
  readonly period: number | null;
  /** Standard deviation of the one-step-ahead errors (sample sd for `mean`). */
  readonly sigma: number;
  /** One-step-ahead fitted values, same length as the series (NaN where none). */
  readonly fitted: readonly number[];
}

export interface ForecastResult {
  readonly model: ForecastModel;
  readonly points: readonly ForecastPoint[];
}

/** Two-sided standard-normal quantiles of the 80 % and 95 % intervals. */
export const Z80 = 1.2816;
export const Z95 = 1.96;

/** 0.05, 0.10, …, 0.95, built from integers so the grid has no floating drift. */
const WEIGHTS: readonly number[] = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);
/**
 * Damping factors tried for `holt`. 1 comes first so that on a tie (a constant or an exactly
 * linear series) the undamped, simpler model wins; a noisy series usually picks some damping,
 * which keeps a long-horizon forecast from running away with a short-lived trend.
 */
const PHIS: readonly number[] = [1, 0.98, 0.95, 0.9, 0.85, 0.8];
/** Holt's starting trend is a least-squares slope over this many first points. */
const TREND_START_POINTS = 8;

/**
 * Forecast `horizon` weeks after `series`.
 *
 * Holt-Winters needs two full seasons: the first season alone mixes the seasonal shape with the
 * trend, and only the change from one season's mean to the next separates them. With less data
 * a season would be guessed, so the season is dropped and Holt's trend (four points at least, to
 * have any error left to fit the weights on) or the plain mean is used instead.
 *
 * @throws RangeError on an empty series, a non-finite value, a horizon that is not a whole
 *   number ≥ 0, or a period that is not a whole number ≥ 2.
 */
export function forecastSeries(
  series: readonly number[],
  opts: { readonly horizon: number; readonly period?: number },
): ForecastResult {
  const { horizon, period } = opts;
  if (series.length === 0) throw new RangeError('forecastSeries: the series is empty');
  if (!series.every(Number.isFinite))
    throw new RangeError('forecastSeries: the series has a non-finite value');
  if (!Number.isInteger(horizon) || horizon < 0) {
    throw new RangeError(`forecastSeries: horizon must be a whole number ≥ 0, got ${horizon}`);
  }
  if (period !== undefined && (!Number.isInteger(period) || period < 2)) {
    throw new RangeError(`forecastSeries: period must be a whole number ≥ 2, got ${period}`);
  }
  const counts = series.every((v) => v >= 0);
  if (period !== undefined && series.length >= 2 * period)
    return holtWinters(series, period, horizon, counts);
  if (series.length >= 4) return holt(series, horizon, counts);
  return meanModel(series, horizon, counts);
}

// ---------------------------------------------------------------------------------------------
// mean

function meanModel(series: readonly number[], horizon: number, counts: boolean): ForecastResult {
  const n = series.length;
  const mean = series.reduce((a, b) => a + b, 0) / n;
  const sigma = n > 1 ? Math.sqrt(series.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  // One-step-ahead: each week is "forecast" by the mean of the weeks before it.
  const fitted: number[] = [];
  let sum = 0;
  for (let t = 0; t < n; t++) {
    fitted.push(t === 0 ? Number.NaN : sum / t);
    sum += series[t] ?? 0;
  }
  // A new week around an estimated mean varies by σ²(1 + 1/n), the same at every horizon.
  const factors = Array.from({ length: horizon }, () => 1 + 1 / n);
  const means = factors.map(() => mean);
  const model: ForecastModel = {
    method: 'mean',
    alpha: 0,
    beta: null,
    gamma: null,
    phi: null,
    period: null,
    sigma,
    fitted,
  };
  return { model, points: toPoints(means, factors, sigma, counts) };
}

// ---------------------------------------------------------------------------------------------
// holt (damped trend)

interface HoltRun {
  readonly sse: number;
  readonly errors: number;
  readonly level: number;
  readonly trend: number;
}

/** Least-squares slope of the first points: a steadier start than the first difference alone. */
function startTrend(series: readonly number[]): number {
  const k = Math.min(series.length, TREND_START_POINTS);
  const xMean = (k - 1) / 2;
  let yMean = 0;
  for (let t = 0; t < k; t++) yMean += (series[t] ?? 0) / k;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < k; t++) {
    sxy += (t - xMean) * ((series[t] ?? 0) - yMean);
    sxx += (t - xMean) ** 2;
  }
  return sxx > 0 ? sxy / sxx : 0;
}

/**
 * Runs the damped Holt recurrences from level = first value, trend = `startTrend`; the first
 * one-step error is at t = 1. `fitted` (when given) receives the one-step forecasts. Stops
 * early once the error sum passes `bound`, which is what keeps the grid search fast.
 */
function runHolt(
  series: readonly number[],
  alpha: number,
  beta: number,
  phi: number,
  trend0: number,
  bound: number,
  fitted?: number[],
): HoltRun {
  let level = series[0] ?? 0;
  let trend = trend0;
  let sse = 0;
  fitted?.push(Number.NaN);
  for (let t = 1; t < series.length; t++) {
    const y = series[t] ?? 0;
    const forecast = level + phi * trend;
    fitted?.push(forecast);
    sse += (y - forecast) ** 2;
    if (sse > bound) return { sse: Number.POSITIVE_INFINITY, errors: t, level, trend };
    const nextLevel = alpha * y + (1 - alpha) * forecast;
    trend = beta * (nextLevel - level) + (1 - beta) * phi * trend;
    level = nextLevel;
  }
  return { sse, errors: series.length - 1, level, trend };
}

function holt(series: readonly number[], horizon: number, counts: boolean): ForecastResult {
  const trend0 = startTrend(series);
  let best = { sse: Number.POSITIVE_INFINITY, alpha: 0.5, beta: 0.1, phi: 0.98 };
  for (const phi of PHIS) {
    for (const alpha of WEIGHTS) {
      for (const beta of WEIGHTS) {
        const { sse } = runHolt(series, alpha, beta, phi, trend0, best.sse);
        if (sse < best.sse) best = { sse, alpha, beta, phi };
      }
    }
  }
  const { alpha, beta, phi } = best;
  const fitted: number[] = [];
  const run = runHolt(series, alpha, beta, phi, trend0, Number.POSITIVE_INFINITY, fitted);
  const sigma = Math.sqrt(run.sse / run.errors);

  const means: number[] = [];
  const factors: number[] = [];
  // h-step mean: ℓ + (φ + … + φ^h)b. Variance (ETS(A,Ad,N)): σ²(1 + Σ_{j<h} c_j²) with
  // c_j = α(1 + β*(φ + … + φ^j)).
  let phiSum = 0;
  let cSquares = 0;
  let phiPower = 1;
  for (let h = 1; h <= horizon; h++) {
    phiPower *= phi;
    const previousPhiSum = phiSum;
    phiSum += phiPower;
    if (h > 1) cSquares += (alpha * (1 + beta * previousPhiSum)) ** 2;
    means.push(run.level + phiSum * run.trend);
    factors.push(1 + cSquares);
  }
  const model: ForecastModel = { method: 'holt', alpha, beta, gamma: null, phi, period: null, sigma, fitted };
  return { model, points: toPoints(means, factors, sigma, counts) };
}

// ---------------------------------------------------------------------------------------------
// holt-winters (additive)

interface SeasonStart {
  readonly level: number;
  readonly trend: number;
  readonly season: Float64Array;
}

/**
 * Start at the end of the first season: the trend is the change between the means of the first
 * two seasons per week, the level is the first season's mean moved along that trend to its last
 * week, and the season is what the first season's weeks differ from that trend line (so it sums
 * to 0). An exact "line + repeating pattern" series is thus reproduced exactly.
 */
function seasonStart(series: readonly number[], m: number): SeasonStart {
  let first = 0;
  let second = 0;
  for (let i = 0; i < m; i++) {
    first += (series[i] ?? 0) / m;
    second += (series[m + i] ?? 0) / m;
  }
  const trend = (second - first) / m;
  const season = new Float64Array(m);
  for (let i = 0; i < m; i++) season[i] = (series[i] ?? 0) - (first + trend * (i - (m - 1) / 2));
  return { level: first + (trend * (m - 1)) / 2, trend, season };
}

interface WintersRun extends HoltRun {
  readonly season: Float64Array;
}

/** The additive Holt-Winters recurrences from t = m; `season[t % m]` is the phase of week t. */
function runWinters(
  series: readonly number[],
  m: number,
  weights: { readonly alpha: number; readonly beta: number; readonly gamma: number },
  start: SeasonStart,
  bound: number,
  fitted?: number[],
): WintersRun {
  const { alpha, beta, gamma } = weights;
  const season = Float64Array.from(start.season);
  let level = start.level;
  let trend = start.trend;
  let sse = 0;
  for (let t = 0; t < m; t++) fitted?.push(Number.NaN);
  for (let t = m; t < series.length; t++) {
    const y = series[t] ?? 0;
    const phase = t % m;
    const s = season[phase] ?? 0;
    const forecast = level + trend + s;
    fitted?.push(forecast);
    sse += (y - forecast) ** 2;
    if (sse > bound) return { sse: Number.POSITIVE_INFINITY, errors: t, level, trend, season };
    const nextLevel = alpha * (y - s) + (1 - alpha) * (level + trend);
    trend = beta * (nextLevel - level) + (1 - beta) * trend;
    level = nextLevel;
    season[phase] = gamma * (y - level) + (1 - gamma) * s;
  }
  return { sse, errors: series.length - m, level, trend, season };
}

function holtWinters(series: readonly number[], m: number, horizon: number, counts: boolean): ForecastResult {
  const start = seasonStart(series, m);
  let best = { sse: Number.POSITIVE_INFINITY, alpha: 0.5, beta: 0.1, gamma: 0.1 };
  for (const alpha of WEIGHTS) {
    for (const beta of WEIGHTS) {
      for (const gamma of WEIGHTS) {
        const { sse } = runWinters(series, m, { alpha, beta, gamma }, start, best.sse);
        if (sse < best.sse) best = { sse, alpha, beta, gamma };
      }
    }
  }
  const { alpha, beta, gamma } = best;
  const fitted: number[] = [];
  const run = runWinters(series, m, best, start, Number.POSITIVE_INFINITY, fitted);
  const sigma = Math.sqrt(run.sse / run.errors);

  const n = series.length;
  const means: number[] = [];
  const factors: number[] = [];
  // h-step mean: ℓ + h·b + s of that phase. Variance (ETS(A,A,A)): σ²(1 + Σ_{j<h} c_j²) with
  // c_j = α(1 + jβ*) + γ*(1 − α)·[j is a multiple of m] — a shock reaches week h through the
  // level and trend, and once more through the season when it fell on the same phase.
  let cSquares = 0;
  for (let h = 1; h <= horizon; h++) {
    const j = h - 1;
    if (j > 0) cSquares += (alpha * (1 + j * beta) + (j % m === 0 ? gamma * (1 - alpha) : 0)) ** 2;
    means.push(run.level + h * run.trend + (run.season[(n - 1 + h) % m] ?? 0));
    factors.push(1 + cSquares);
  }
  const model: ForecastModel = {
    method: 'holt-winters',
    alpha,
    beta,
    gamma,
    phi: null,
    period: m,
    sigma,
    fitted,
  };
  return { model, points: toPoints(means, factors, sigma, counts) };
}

// ---------------------------------------------------------------------------------------------

/** Bounds are mean ± z·σ·√factor; for counts everything is then clipped at 0, which keeps the order. */
function toPoints(
  means: readonly number[],
  factors: readonly number[],
  sigma: number,
  counts: boolean,
): ForecastPoint[] {
  const clip = counts ? (v: number) => Math.max(0, v) : (v: number) => v;
  return means.map((mean, i) => {
    const sd = sigma * Math.sqrt(factors[i] ?? 1);
    return {
      step: i + 1,
      mean: clip(mean),
      lower80: clip(mean - Z80 * sd),
      upper80: clip(mean + Z80 * sd),
      lower95: clip(mean - Z95 * sd),
      upper95: clip(mean + Z95 * sd),
    };
  });
}
