/**
 * The MCLP tabu search on seeded random instances, with each way of pricing swaps: its
 * incremental swap prices must agree with coverage recomputed from scratch, so what it
 * reports is what its sites cover; it keeps must-keep sites, never opens closed ones, never
 * loses the start's coverage, never beats the brute-force optimum and, given room, reaches it.
 * Unique pricing's kept candidate lists (and their extra) stay equal to lists built afresh, and
 * the largest gains read from the kept list of sites of largest gain equal those of every site.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Coverage } from '../../src/core/location/coverage.ts';
import { coverageWithin } from '../../src/core/location/coverage.ts';
import { coveredWeight } from '../../src/core/location/evaluate.ts';
import type { LocationInstance } from '../../src/core/location/instance.ts';
import { greedyMclp } from '../../src/core/location/mclp-local-search.ts';
import { siteNeighbours, tabuMclp } from '../../src/core/location/mclp-tabu.ts';
import { seededRandom } from '../../src/core/random.ts';
import { bruteForce } from './brute-force.ts';
import {
  expectFeasible,
  firstSites,
  oneSwapAway,
  planarDraws,
  planarInstance,
  tinyMclp,
  tinyMclpDraws,
} from './tiny-instance.ts';

type Pricing = 'full' | 'neighbours' | 'unique' | 'auto';
/** Seeded instances of up to maxN demands and maxM sites, each with a way of pricing. */
const draws = (maxN: number, maxM: number) =>
  tinyMclpDraws(
    { maxN, maxM, maxCost: 40, maxWeight: 30, fractional: true },
    {
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      // Price every swap; or exactly only the neighbours, or the sites sharing a demand that an
      // open site covers alone, and the rest by their gain; or whichever is cheapest.
      pricing: fc.constantFrom<Pricing>('full', 'neighbours', 'unique', 'auto'),
    },
  );
const arb = draws(14, 9);
/** Larger instances, where a swap changes the demands that several open sites cover alone. */
const larger = draws(40, 16);

/** The tabu options that select a way of pricing (neighbour lists where it needs them). */
const pricingOptions = (x: LocationInstance, c: Coverage, pricing: Pricing) => ({
  neighbours: pricing === 'full' ? null : siteNeighbours(x, c, { maxAverage: Number.POSITIVE_INFINITY }),
  pricing,
});

describe('MCLP tabu search', () => {
  it('reports true coverage, respects site rules and never beats the optimum', () => {
    fc.assert(
      fc.property(arb, (r) => {
        const { x, c } = tinyMclp(r);
        const start = greedyMclp(x, c, r.p);
        const startCovered = coveredWeight(x, start, r.radius);
        const found = tabuMclp(x, c, start, {
          maxStale: 60,
          tenureIn: 2,
          tenureOut: 0,
          random: seededRandom(r.seed),
          shouldStop: () => false,
          ...pricingOptions(x, c, r.pricing),
        });
        expectFeasible(found.open, r.status, r.p);
        expect(found.covered).toBeCloseTo(coveredWeight(x, found.open, r.radius), 9);
        expect(found.covered).toBeGreaterThanOrEqual(startCovered - 1e-9);
        expect(found.covered).toBeLessThanOrEqual(bruteForce(x, 'mclp', r.p, r.radius) + 1e-9);
      }),
      { seed: 20261128, numRuns: 400 },
    );
  });

  it('takes the best swap: one iteration from any start gains what the best single swap gains', () => {
    let improving = 0;
    fc.assert(
      fc.property(arb, (r) => {
        const { x, c } = tinyMclp(r);
        const start = firstSites(r.status, r.p);
        const startCovered = coveredWeight(x, start, r.radius);
        // Every swap of a free open site for an allowed closed one, evaluated from scratch.
        let bestSwap = startCovered;
        for (const swapped of oneSwapAway(start, r.status))
          bestSwap = Math.max(bestSwap, coveredWeight(x, swapped, r.radius));
        const found = tabuMclp(x, c, start, {
          maxStale: 1,
          maxIterations: 1,
          random: seededRandom(r.seed),
          shouldStop: () => false,
          ...pricingOptions(x, c, r.pricing),
        });
        if (bestSwap > startCovered + 1e-9) improving++;
        expect(found.covered).toBeCloseTo(bestSwap, 9);
      }),
      { seed: 11, numRuns: 400 },
    );
    expect(improving).toBeGreaterThan(100);
  });

  it('keeps the candidate lists of unique pricing, and their extra, equal to lists built afresh', () => {
    let moves = 0;
    fc.assert(
      fc.property(larger, (r) => {
        const { x, c } = tinyMclp(r);
        // Throws at the first iteration after which a kept list differs from a fresh one.
        const found = tabuMclp(x, c, firstSites(r.status, r.p), {
          maxStale: 40,
          tenureIn: 2,
          random: seededRandom(r.seed),
          shouldStop: () => false,
          pricing: 'unique',
          checkCandidates: true,
        });
        expect(found.covered).toBeCloseTo(coveredWeight(x, found.open, r.radius), 9);
        moves += found.iterations;
      }),
      { seed: 20261129, numRuns: 300 },
    );
    expect(moves).toBeGreaterThan(3000);
  });

  it('finds the largest gains, and the sites with them in site order, from the list of sites of largest gain', () => {
    // Over 264 allowed sites with a tenure of 2, the largest gains are read from a kept list.
    let moves = 0;
    fc.assert(
      fc.property(
        planarDraws(
          { n: [300, 360], m: [280, 320], p: [4, 24] },
          {
            radius: fc.integer({ min: 6, max: 14 }),
            pricing: fc.constantFrom<Pricing>('neighbours', 'unique'),
          },
        ),
        ({ n, m, p, seed, radius, pricing }) => {
          const x = planarInstance(n, m, seed);
          const c = coverageWithin(x, radius);
          // Throws at the first iteration whose largest gains differ from those of every site.
          const found = tabuMclp(x, c, firstSites(Array.from(x.status), p), {
            maxStale: 100,
            maxIterations: 250,
            tenureIn: 2,
            tenureOut: 0,
            random: seededRandom(seed),
            shouldStop: () => false,
            ...pricingOptions(x, c, pricing),
            checkCandidates: true,
          });
          expect(found.covered).toBeCloseTo(coveredWeight(x, found.open, radius), 9);
          moves += found.iterations;
        },
      ),
      { seed: 20261130, numRuns: 12 },
    );
    expect(moves).toBeGreaterThan(1000);
  });

  it('reaches the optimum of tiny instances when it has room to search', () => {
    // Seeded, so deterministic: a search that cannot cross plateaus fails some of these.
    let startShort = 0;
    fc.assert(
      fc.property(arb, (r) => {
        const { x, c } = tinyMclp(r);
        // Start from an arbitrary set (must-keep sites, then the first allowed ones), not greedy.
        const start = firstSites(r.status, r.p);
        const optimum = bruteForce(x, 'mclp', r.p, r.radius);
        if (coveredWeight(x, start, r.radius) < optimum - 1e-9) startShort++;
        const found = tabuMclp(x, c, start, {
          maxStale: 300,
          tenureIn: 2,
          random: seededRandom(r.seed),
          shouldStop: () => false,
          ...pricingOptions(x, c, r.pricing),
        });
        expect(found.covered).toBeCloseTo(optimum, 9);
      }),
      { seed: 7, numRuns: 300 },
    );
    // Most starts must be poor, or the test would not exercise the search.
    expect(startShort).toBeGreaterThan(100);
  });
});
