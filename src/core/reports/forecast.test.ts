import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ForecastPoint, forecastSeries } from './forecast.ts';

const ordered = (p: ForecastPoint) =>
  p.lower95 <= p.lower80 && p.lower80 <= p.mean && p.mean <= p.upper80 && p.upper80 <= p.upper95;

describe('forecastSeries', () => {
  it('continues an exact line with no error (holt)', () => {
    const series = Array.from({ length: 20 }, (_, t) => 10 + 2 * t);
    const { model, points } = forecastSeries(series, { horizon: 6 });
    expect(model.method).toBe('holt');
    expect(model.phi).toBe(1);
    expect(model.sigma).toBeLessThan(1e-9);
    points.forEach((p, i) => {
      expect(p.step).toBe(i + 1);
      expect(p.mean).toBeCloseTo(10 + 2 * (20 + i), 6);
      expect(Math.abs(p.upper95 - p.lower95)).toBeLessThan(1e-6);
    });
    expect(model.fitted).toHaveLength(20);
    expect(model.fitted[0]).toBeNaN();
    for (let t = 1; t < 20; t++) expect(model.fitted[t]).toBeCloseTo(10 + 2 * t, 6);
  });

  it('forecasts a repeated seasonal pattern exactly (holt-winters)', () => {
    const pattern = [5, 9, 3, 7];
    const series = Array.from({ length: 20 }, (_, t) => pattern[t % 4] ?? 0);
    const { model, points } = forecastSeries(series, { horizon: 8, period: 4 });
    expect(model.method).toBe('holt-winters');
    expect(model.period).toBe(4);
    expect(model.gamma).not.toBeNull();
    expect(model.sigma).toBeLessThan(1e-9);
    for (const p of points) expect(p.mean).toBeCloseTo(pattern[(19 + p.step) % 4] ?? 0, 6);
    expect(model.fitted.slice(0, 4).every(Number.isNaN)).toBe(true);
  });

  it('forecasts a line plus a season exactly (holt-winters)', () => {
    const pattern = [-3, 4, 1, -2];
    const series = Array.from({ length: 12 }, (_, t) => 50 + 1.5 * t + (pattern[t % 4] ?? 0));
    const { model, points } = forecastSeries(series, { horizon: 5, period: 4 });
    expect(model.method).toBe('holt-winters');
    for (const p of points) {
      const t = 11 + p.step;
      expect(p.mean).toBeCloseTo(50 + 1.5 * t + (pattern[t % 4] ?? 0), 6);
    }
  });

  it('gives a constant forecast for a constant series', () => {
    for (const opts of [{ horizon: 4 }, { horizon: 4, period: 3 }]) {
      const { model, points } = forecastSeries(Array(12).fill(40), opts);
      expect(model.sigma).toBeLessThan(1e-9);
      for (const p of points) {
        expect(p.mean).toBeCloseTo(40, 9);
        expect(p.lower95).toBeCloseTo(40, 9);
        expect(p.upper95).toBeCloseTo(40, 9);
      }
    }
  });

  it('widens the intervals with the horizon, the 95 % one containing the 80 % one', () => {
    const noisy = [30, 34, 29, 41, 38, 36, 44, 40, 47, 43, 45, 52, 49, 50, 55, 51];
    for (const opts of [{ horizon: 10 }, { horizon: 10, period: 4 }]) {
      const { model, points } = forecastSeries(noisy, opts);
      expect(model.sigma).toBeGreaterThan(0);
      points.forEach((p, i) => {
        expect(ordered(p)).toBe(true);
        expect(p.lower95).toBeLessThan(p.lower80);
        expect(p.upper95).toBeGreaterThan(p.upper80);
        const prev = points[i - 1];
        if (prev) expect(p.upper95 - p.mean).toBeGreaterThan(prev.upper95 - prev.mean);
      });
    }
  });

  it('uses z = 1.2816 and 1.96 times sigma one step ahead', () => {
    const series = [30, 34, 29, 41, 38, 36, 44, 40, 47, 43];
    const { model, points } = forecastSeries(series, { horizon: 1 });
    const p = points[0];
    expect(p).toBeDefined();
    if (!p) return;
    expect(p.upper80 - p.mean).toBeCloseTo(1.2816 * model.sigma, 9);
    expect(p.mean - p.lower95).toBeCloseTo(1.96 * model.sigma, 9);
  });

  it('falls back to holt without two seasons and to the mean below four points', () => {
    const weeks = Array.from({ length: 60 }, (_, t) => 100 + (t % 7));
    const holt = forecastSeries(weeks, { horizon: 3, period: 52 });
    expect(holt.model.method).toBe('holt');
    expect(holt.model.period).toBeNull();
    expect(holt.model.gamma).toBeNull();

    expect(forecastSeries([3, 5, 4, 6], { horizon: 2 }).model.method).toBe('holt');
    const short = forecastSeries([3, 5, 7], { horizon: 2 });
    expect(short.model.method).toBe('mean');
    expect(short.model.beta).toBeNull();
    expect(short.model.sigma).toBeCloseTo(2, 12); // sample sd of 3, 5, 7
    expect(short.model.fitted).toEqual([Number.NaN, 3, 4]);
    for (const p of short.points) {
      expect(p.mean).toBeCloseTo(5, 12);
      // σ·√(1 + 1/n): a new week around an estimated mean
      expect(p.upper95 - p.mean).toBeCloseTo(1.96 * 2 * Math.sqrt(4 / 3), 9);
    }
    const one = forecastSeries([8], { horizon: 1 });
    expect(one.model.sigma).toBe(0);
    expect(one.points[0]?.mean).toBe(8);
  });

  it('never forecasts a negative count', () => {
    const falling = [50, 40, 31, 22, 14, 8, 3, 1, 0, 0];
    const { points } = forecastSeries(falling, { horizon: 12 });
    for (const p of points) {
      expect(p.lower95).toBeGreaterThanOrEqual(0);
      expect(p.mean).toBeGreaterThanOrEqual(0);
      expect(ordered(p)).toBe(true);
    }
  });

  it('does not clip a series that is not a count', () => {
    const { points } = forecastSeries([-1, -3, -5, -7, -9], { horizon: 1 });
    expect(points[0]?.mean).toBeCloseTo(-11, 6);
  });

  it('returns no points for horizon 0 and rejects bad input', () => {
    expect(forecastSeries([1, 2, 3, 4], { horizon: 0 }).points).toEqual([]);
    expect(() => forecastSeries([], { horizon: 1 })).toThrow(RangeError);
    expect(() => forecastSeries([1, Number.NaN], { horizon: 1 })).toThrow(RangeError);
    expect(() => forecastSeries([1, 2], { horizon: -1 })).toThrow(RangeError);
    expect(() => forecastSeries([1, 2], { horizon: 1.5 })).toThrow(RangeError);
    expect(() => forecastSeries([1, 2], { horizon: 1, period: 1 })).toThrow(RangeError);
  });

  it('gives finite, ordered, non-negative points for any non-negative series', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.option(fc.integer({ min: 2, max: 8 }), { nil: undefined }),
        (series, horizon, period) => {
          const { model, points } = forecastSeries(
            series,
            period === undefined ? { horizon } : { horizon, period },
          );
          expect(model.fitted).toHaveLength(series.length);
          expect(Number.isFinite(model.sigma)).toBe(true);
          expect(points).toHaveLength(horizon);
          for (const p of points) {
            const values = [p.mean, p.lower80, p.upper80, p.lower95, p.upper95];
            expect(values.every(Number.isFinite)).toBe(true);
            expect(p.lower95).toBeGreaterThanOrEqual(0);
            expect(ordered(p)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
