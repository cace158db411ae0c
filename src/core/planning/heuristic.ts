/**
 * The planning heuristic: greedy construction over weekly and fortnightly patterns and single
 * visits (best value per visit first, advisors assigned as it goes), then ruin and recreate
 * (remove the visits of a random district, week or venue set, refill greedily, then add visits
 * one advisor short by handing a visit of a busy advisor to another; keep what improves) until
 * the time is up or nothing improves for a while. Pinned visits stay.
 *
 * The state is incremental: visits per week and key (for diminishing returns), each advisor's
 * visits per day and minutes per week, visits per district and week, requests met.
 */
import {
  type Breakdown,
  evaluate,
  languageWeight,
  matchedLanguages,
  type PlannedVisit,
  repeatValue,
  requestMatches,
  seriesStaff,
} from './evaluate.ts';
import { type Candidate, conflicts, type Prepared, seriesKey } from './instance.ts';

export interface HeuristicOptions {
  readonly clock: () => number;
  readonly timeLimitSeconds: number;
  readonly random: () => number;
  /** Called with the best objective found so far. */
  readonly onProgress?: (best: number) => void;
  readonly shouldStop?: () => boolean;
  /** Start from these visits (repair), keeping the pins. */
  readonly start?: readonly PlannedVisit[];
}

interface Move {
  readonly candidates: readonly number[];
  /** District index of the move's venue, and a bit per week it touches (for neighbourhoods). */
  readonly district: number;
  readonly weeks: number;
}

class State {
  readonly chosen = new Map<number, number[]>();
  readonly count: Int32Array;
  readonly advisorDay = new Map<number, number[]>();
  readonly venueDay = new Map<number, number[]>();
  readonly advisorWeek: Float64Array;
  readonly districtWeek: Int32Array;
  readonly requestCount: Int32Array;
  readonly nKeys: number;
  /** Rhythm rules: visits per series of each venue, minutes per venue and week, visits per week. */
  readonly venueSeries = new Map<number, Map<string, number>>();
  readonly venueWeekMinutes = new Map<number, number>();
  readonly weekTotal: Int32Array;
  /** Continuity: per series, how many of its visits each advisor staffs; and the term's value. */
  readonly seriesAdvisors: Map<number, number>[];
  continuityValue = 0;
  /** Each candidate's series (an index), and per series the fewest advisors its visits need. */
  private readonly seriesIndex: Int32Array;
  private readonly seriesSigma: Float64Array;
  private readonly gamma: number;

  /** Weighted need per language over every key: how valuable an advisor's language is. */
  readonly languageDemand = new Map<string, number>();

  /**
   * The language bonus as bit masks (hot in staffing swaps): a bit per language groups speak,
   * each advisor's languages as a mask, and per venue the bonus each language's bit earns.
   * Null when there are more languages than bits; then the plain computation is used.
   */
  private readonly advisorMask: Int32Array | null;
  private readonly venueBonus: readonly (readonly (readonly [number, number])[])[];

  constructor(readonly P: Prepared) {
    for (const [k, l] of P.keyLanguage.entries())
      if (l) this.languageDemand.set(l, (this.languageDemand.get(l) ?? 0) + (P.keyWeight[k] ?? 0));
    const bits = new Map([...this.languageDemand.keys()].map((l, i) => [l, 1 << i]));
    const bonus = P.x.params.languageBonus;
    this.advisorMask =
      bits.size <= 30
        ? Int32Array.from(P.x.advisors, (a) => a.languages.reduce((m, l) => m | (bits.get(l) ?? 0), 0))
        : null;
    this.venueBonus = P.venueLanguages.map((m) =>
      [...m.entries()].map(([l, w]) => [bits.get(l) ?? 0, bonus * w] as const),
    );
    this.nKeys = P.keyWeight.length;
    this.count = new Int32Array(P.weeks * this.nKeys);
    this.advisorWeek = new Float64Array(P.x.advisors.length * Math.max(1, P.weeks));
    this.districtWeek = new Int32Array(Math.max(1, P.x.districts.length) * Math.max(1, P.weeks));
    this.requestCount = new Int32Array(P.x.requests.length);
    this.weekTotal = new Int32Array(Math.max(1, P.weeks));
    this.gamma = P.x.params.continuityCost;
    const sigma = seriesStaff(P);
    const ids = new Map<string, number>();
    this.seriesIndex = Int32Array.from(P.candidates, (c) => {
      const key = seriesKey(c.venue, c.weekday, c.start, c.end);
      let i = ids.get(key);
      if (i === undefined) {
        i = ids.size;
        ids.set(key, i);
      }
      return i;
    });
    this.seriesSigma = new Float64Array(ids.size);
    for (const [key, i] of ids) this.seriesSigma[i] = sigma.get(key) ?? 1;
    this.seriesAdvisors = Array.from({ length: ids.size }, () => new Map<number, number>());
  }

  /** The advisors of c's series, with how many of its visits each staffs. */
  seriesOf(c: Candidate): Map<number, number> {
    return this.seriesAdvisors[this.seriesIndex[c.index] ?? 0] ?? new Map();
  }

  /** Does advisor a staff another visit of c's series already? */
  onSeries(c: Candidate, a: number): boolean {
    return (this.seriesOf(c).get(a) ?? 0) > 0;
  }

  /** Does c's series have more advisors than its visits need? */
  scattered(c: Candidate): boolean {
    return this.seriesOf(c).size > (this.seriesSigma[this.seriesIndex[c.index] ?? 0] ?? 0);
  }

  /** The continuity term's change if c were added with these advisors. */
  continuityGain(c: Candidate, advisors: readonly number[]): number {
    if (this.gamma <= 0) return 0;
    const on = this.seriesOf(c);
    let fresh = 0;
    for (const a of advisors) if (!on.get(a)) fresh++;
    const sigma = this.seriesSigma[this.seriesIndex[c.index] ?? 0] ?? advisors.length;
    return -this.gamma * fresh + (on.size > 0 ? 0 : this.gamma * sigma);
  }

  /** Series advisors in or out (sign ±1), keeping the continuity term's value. */
  private countSeries(c: Candidate, advisors: readonly number[], sign: 1 | -1): void {
    const on = this.seriesOf(c);
    const sigma = this.seriesSigma[this.seriesIndex[c.index] ?? 0] ?? 0;
    const before = on.size > 0 ? on.size - sigma : 0;
    for (const a of advisors) {
      const n = (on.get(a) ?? 0) + sign;
      if (n > 0) on.set(a, n);
      else on.delete(a);
    }
    const after = on.size > 0 ? on.size - sigma : 0;
    this.continuityValue -= this.gamma * (after - before);
  }

  /**
   * Adding c would break a rhythm rule: a new series at a venue that has its N already, too
   * many minutes at the venue that week, or more than the district's share of the week.
   */
  ruleBlocked(c: Candidate): boolean {
    const p = this.P.x.params;
    const limit = this.P.seriesLimit[c.venue] ?? 0;
    if (limit > 0 && !this.P.x.newVisitDates) {
      const series = this.venueSeries.get(c.venue);
      const key = seriesKey(c.venue, c.weekday, c.start, c.end);
      if (series && !series.has(key) && series.size >= limit) return true;
    }
    if (p.maxVenueMinutesPerWeek > 0) {
      const used = this.venueWeekMinutes.get(c.venue * 1000 + c.week) ?? 0;
      if (used + (c.end - c.start) > p.maxVenueMinutesPerWeek) return true;
    }
    // A repair keeps the published visits: the share rule is for new plans.
    if (p.maxDistrictShareFactor > 0 && !this.P.x.newVisitDates) {
      const d = this.P.venueDistrict[c.venue] ?? -1;
      if (d >= 0) {
        const mine = (this.districtWeek[d * this.P.weeks + c.week] ?? 0) + 1;
        const total = (this.weekTotal[c.week] ?? 0) + 1;
        if (mine > this.shareCap(d, c.week, total) + 1e-9) return true;
      }
    }
    return false;
  }

  /** Every district within its share of every week (removals elsewhere can break it). */
  sharesHold(): boolean {
    const f = this.P.x.params.maxDistrictShareFactor;
    if (f <= 0 || this.P.x.newVisitDates) return true;
    for (let w = 0; w < this.P.weeks; w++)
      for (let d = 0; d < this.P.x.districts.length; d++)
        if (
          (this.districtWeek[d * this.P.weeks + w] ?? 0) >
          this.shareCap(d, w, this.weekTotal[w] ?? 0) + 1e-9
        )
          return false;
    return true;
  }

  /** A district's most visits in a week of `total`: f times its share, or its weekly minimum. */
  shareCap(d: number, w: number, total: number): number {
    const f = this.P.x.params.maxDistrictShareFactor;
    return Math.max(this.P.fairnessTarget[d]?.[w] ?? 0, f * (this.P.districtShare[d] ?? 0) * total);
  }

  dayKey(a: number, day: number) {
    return a * 100_000 + day;
  }

  coverageGain(c: Candidate): number {
    let g = 0;
    const base = c.week * this.nKeys;
    for (const k of this.P.venueKeys[c.venue] ?? [])
      g += (this.P.keyWeight[k] ?? 0) * repeatValue(this.P, (this.count[base + k] ?? 0) + 1);
    return g;
  }

  canStaff(c: Candidate, a: number): boolean {
    const advisor = this.P.x.advisors[a];
    if (!advisor) return false;
    const day = this.advisorDay.get(this.dayKey(a, c.day)) ?? [];
    if (day.length >= advisor.maxVisitsPerDay) return false;
    const used = this.advisorWeek[a * this.P.weeks + c.week] ?? 0;
    if (used + (c.end - c.start) > (this.P.weeklyCap[a]?.[c.week] ?? 0) + 1e-9) return false;
    for (const other of day) if (conflicts(this.P.x, c, this.P.candidates[other] as Candidate)) return false;
    return true;
  }

  /**
   * Advisors for c: by the language bonus and continuity they bring (an advisor already at the
   * series), then the least loaded. Null if c cannot be staffed.
   */
  pickAdvisors(c: Candidate): number[] | null {
    if (c.pin >= 0) return [...c.eligible];
    const free = c.eligible.filter((a) => this.canStaff(c, a));
    if (free.length < c.staff) return null;
    const languages = this.P.venueLanguages[c.venue] ?? new Map<string, number>();
    const picked: number[] = [];
    const covered = new Set<string>();
    while (picked.length < c.staff) {
      let best = -1;
      let bestScore = Number.NEGATIVE_INFINITY;
      for (const a of free) {
        if (picked.includes(a)) continue;
        let lang = 0;
        for (const l of this.P.x.advisors[a]?.languages ?? [])
          if (!covered.has(l)) lang += languages.get(l) ?? 0;
        const load = this.advisorWeek[a * this.P.weeks + c.week] ?? 0;
        // Keep advisors whose languages are needed elsewhere for the visits that need them.
        let unused = 0;
        for (const l of this.P.x.advisors[a]?.languages ?? [])
          if (!languages.has(l)) unused += this.languageDemand.get(l) ?? 0;
        const value =
          this.P.x.params.languageBonus * lang + (this.onSeries(c, a) ? this.gamma : 0) + 1e-9 * lang;
        const score = value * 1e6 - unused * 1e3 - load;
        if (score > bestScore) {
          bestScore = score;
          best = a;
        }
      }
      if (best < 0) return null;
      picked.push(best);
      for (const l of this.P.x.advisors[best]?.languages ?? []) covered.add(l);
    }
    return picked;
  }

  /** Languages of the advisors, as a mask (see `advisorMask`). */
  maskOf(advisors: readonly number[]): number {
    let m = 0;
    for (const a of advisors) m |= this.advisorMask?.[a] ?? 0;
    return m;
  }

  /** Bits of the languages c's groups speak that `mask` does not cover. */
  missing(c: Candidate, mask: number): number {
    let out = 0;
    for (const [bit] of this.venueBonus[c.venue] ?? []) if ((mask & bit) === 0) out |= bit;
    return out;
  }

  languageGain(c: Candidate, advisors: readonly number[]): number {
    if (this.advisorMask) {
      const m = this.maskOf(advisors);
      let g = 0;
      for (const [bit, w] of this.venueBonus[c.venue] ?? []) if ((m & bit) !== 0) g += w;
      return g;
    }
    let g = 0;
    for (const l of matchedLanguages(this.P, c, advisors))
      g += this.P.x.params.languageBonus * languageWeight(this.P, c, l);
    return g;
  }

  fairnessGain(c: Candidate): number {
    const d = this.P.venueDistrict[c.venue] ?? -1;
    if (d < 0) return 0;
    const have = this.districtWeek[d * this.P.weeks + c.week] ?? 0;
    const target = this.P.fairnessTarget[d]?.[c.week] ?? 0;
    return have < target ? this.P.x.params.fairnessPenalty : 0;
  }

  requestGain(c: Candidate): number {
    let g = 0;
    for (let r = 0; r < this.P.x.requests.length; r++)
      if ((this.requestCount[r] ?? 0) === 0 && requestMatches(this.P, r, c))
        g += this.P.x.params.requestValue * (this.P.x.requests[r]?.priority ?? 0);
    return g;
  }

  add(c: Candidate, advisors: number[]): void {
    this.chosen.set(c.index, advisors);
    this.countSeries(c, advisors, 1);
    const series = this.venueSeries.get(c.venue) ?? this.venueSeries.set(c.venue, new Map()).get(c.venue);
    const sk = seriesKey(c.venue, c.weekday, c.start, c.end);
    series?.set(sk, (series.get(sk) ?? 0) + 1);
    const vw = c.venue * 1000 + c.week;
    this.venueWeekMinutes.set(vw, (this.venueWeekMinutes.get(vw) ?? 0) + (c.end - c.start));
    this.weekTotal[c.week] = (this.weekTotal[c.week] ?? 0) + 1;
    const vk = c.venue * 100_000 + c.day;
    (this.venueDay.get(vk) ?? this.venueDay.set(vk, []).get(vk))?.push(c.index);
    const base = c.week * this.nKeys;
    for (const k of this.P.venueKeys[c.venue] ?? []) this.count[base + k] = (this.count[base + k] ?? 0) + 1;
    for (const a of advisors) {
      const key = this.dayKey(a, c.day);
      (this.advisorDay.get(key) ?? this.advisorDay.set(key, []).get(key))?.push(c.index);
      this.advisorWeek[a * this.P.weeks + c.week] =
        (this.advisorWeek[a * this.P.weeks + c.week] ?? 0) + (c.end - c.start);
    }
    const d = this.P.venueDistrict[c.venue] ?? -1;
    if (d >= 0)
      this.districtWeek[d * this.P.weeks + c.week] = (this.districtWeek[d * this.P.weeks + c.week] ?? 0) + 1;
    for (let r = 0; r < this.P.x.requests.length; r++)
      if (requestMatches(this.P, r, c)) this.requestCount[r] = (this.requestCount[r] ?? 0) + 1;
  }

  remove(c: Candidate): void {
    const advisors = this.chosen.get(c.index);
    if (!advisors) return;
    this.chosen.delete(c.index);
    this.countSeries(c, advisors, -1);
    const series = this.venueSeries.get(c.venue);
    const sk = seriesKey(c.venue, c.weekday, c.start, c.end);
    const left = (series?.get(sk) ?? 0) - 1;
    if (left > 0) series?.set(sk, left);
    else series?.delete(sk);
    const vw = c.venue * 1000 + c.week;
    this.venueWeekMinutes.set(vw, (this.venueWeekMinutes.get(vw) ?? 0) - (c.end - c.start));
    this.weekTotal[c.week] = (this.weekTotal[c.week] ?? 0) - 1;
    const atVenue = this.venueDay.get(c.venue * 100_000 + c.day) ?? [];
    atVenue.splice(atVenue.indexOf(c.index), 1);
    const base = c.week * this.nKeys;
    for (const k of this.P.venueKeys[c.venue] ?? []) this.count[base + k] = (this.count[base + k] ?? 0) - 1;
    for (const a of advisors) {
      const key = this.dayKey(a, c.day);
      const list = this.advisorDay.get(key) ?? [];
      list.splice(list.indexOf(c.index), 1);
      this.advisorWeek[a * this.P.weeks + c.week] =
        (this.advisorWeek[a * this.P.weeks + c.week] ?? 0) - (c.end - c.start);
    }
    const d = this.P.venueDistrict[c.venue] ?? -1;
    if (d >= 0)
      this.districtWeek[d * this.P.weeks + c.week] = (this.districtWeek[d * this.P.weeks + c.week] ?? 0) - 1;
    for (let r = 0; r < this.P.x.requests.length; r++)
      if (requestMatches(this.P, r, c)) this.requestCount[r] = (this.requestCount[r] ?? 0) - 1;
  }

  visits(): PlannedVisit[] {
    return [...this.chosen.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([candidate, advisors]) => ({ candidate, advisors: [...advisors].sort((p, q) => p - q) }));
  }

  /**
   * Try a move: add its candidates not yet chosen, in order; returns the gain (all terms but
   * rhythm, which the caller adds) and undoes nothing — call `undo` with the result to revert.
   */
  /** Another visit at the same venue overlaps c. */
  venueBusy(c: Candidate): boolean {
    for (const other of this.venueDay.get(c.venue * 100_000 + c.day) ?? []) {
      const o = this.P.candidates[other] as Candidate;
      if (o.start < c.end && c.start < o.end) return true;
    }
    return false;
  }

  apply(move: Move): { added: number[]; gain: number } | null {
    const added: number[] = [];
    let gain = 0;
    for (const i of move.candidates) {
      if (this.chosen.has(i)) continue;
      const c = this.P.candidates[i] as Candidate;
      const advisors = this.venueBusy(c) || this.ruleBlocked(c) ? null : this.pickAdvisors(c);
      if (!advisors) {
        this.undo(added);
        return null;
      }
      gain +=
        this.coverageGain(c) +
        this.languageGain(c, advisors) +
        this.fairnessGain(c) +
        this.requestGain(c) +
        this.continuityGain(c, advisors);
      this.add(c, advisors);
      added.push(i);
    }
    return { added, gain };
  }

  /**
   * Advisor swaps between two visits of the same week (and moves to a free advisor) that
   * raise the language bonus or continuity; the set of visits stays. Returns the gain.
   */
  improveStaffing(weekMask = -1): number {
    let total = 0;
    const gamma = this.gamma;
    const inWeeks = (i: number) => (weekMask & (2 ** Math.min(30, this.P.candidates[i]?.week ?? 0))) !== 0;
    const cand = (i: number) => this.P.candidates[i] as Candidate;
    const langOf = (i: number, advisors: readonly number[]) => this.languageGain(cand(i), advisors);
    const scattered = (c: Candidate) => gamma > 0 && this.scattered(c);
    /** Applies the new staffing if it is feasible and gains (language and continuity); the gain or 0. */
    const tryAssign = (changes: readonly [number, number[]][], languageDelta: number): number => {
      const old = changes.map(([i]) => [i, this.chosen.get(i) ?? []] as const);
      const before = this.continuityValue;
      for (const [i] of changes) this.remove(cand(i));
      const placed: number[] = [];
      let ok = true;
      for (const [i, advisors] of changes) {
        const c = cand(i);
        if (!advisors.every((a) => c.eligible.includes(a) && this.canStaff(c, a))) {
          ok = false;
          break;
        }
        this.add(c, advisors);
        placed.push(i);
      }
      const delta = languageDelta + this.continuityValue - before;
      if (ok && delta > 1e-9) return delta;
      for (const i of placed) this.remove(cand(i));
      for (const [i, advisors] of old) this.add(cand(i), [...advisors]);
      return 0;
    };
    for (let round = 0; round < 3; round++) {
      let improved = false;
      const visits = [...this.chosen.keys()].filter((i) => cand(i).pin < 0 && inWeeks(i));
      // Visits whose language bonus could grow (some language they reach is not matched), or
      // whose series has more advisors than it needs.
      const needy = visits.filter(
        (i) => langOf(i, cand(i).eligible) > langOf(i, this.chosen.get(i) ?? []) + 1e-9 || scattered(cand(i)),
      );
      const needySet = new Set(needy);
      for (const i of needy) {
        const c = cand(i);
        // Move to a free advisor.
        for (let k = 0; k < c.staff; k++) {
          const mine = this.chosen.get(i) ?? [];
          for (const b of c.eligible) {
            if (mine.includes(b)) continue;
            const next = mine.map((x, q) => (q === k ? b : x));
            const delta = langOf(i, next) - langOf(i, mine);
            if (delta <= 1e-9 && !(gamma > 0 && this.onSeries(c, b))) continue;
            const gain = tryAssign([[i, next]], delta);
            if (gain > 0) {
              total += gain;
              improved = true;
              break;
            }
          }
        }
      }
      const byWeek = new Map<number, number[]>();
      for (const j of visits) {
        const w = cand(j).week;
        (byWeek.get(w) ?? byWeek.set(w, []).get(w))?.push(j);
      }
      for (const i of needy) {
        const c1 = cand(i);
        for (const j of byWeek.get(c1.week) ?? []) {
          if (j === i || (needySet.has(j) && j < i)) continue;
          const c2 = cand(j);
          const s1 = this.chosen.get(i) ?? [];
          const s2 = this.chosen.get(j) ?? [];
          // A swap gains only if one side gets a language it misses, or an advisor of its series.
          const miss1 = this.advisorMask ? this.missing(c1, this.maskOf(s1)) : -1;
          const miss2 = this.advisorMask ? this.missing(c2, this.maskOf(s2)) : -1;
          const continuity = gamma > 0 && (scattered(c1) || scattered(c2));
          if (miss1 === 0 && miss2 === 0 && !continuity) continue;
          swaps: for (const [k1, a1] of s1.entries()) {
            for (const [k2, a2] of s2.entries()) {
              if (a1 === a2 || s1.includes(a2) || s2.includes(a1)) continue;
              const seriesGain = continuity && (this.onSeries(c1, a2) || this.onSeries(c2, a1));
              if (
                !seriesGain &&
                this.advisorMask &&
                ((this.advisorMask[a2] ?? 0) & miss1) === 0 &&
                ((this.advisorMask[a1] ?? 0) & miss2) === 0
              )
                continue;
              const n1 = s1.map((x, q) => (q === k1 ? a2 : x));
              const n2 = s2.map((x, q) => (q === k2 ? a1 : x));
              const delta = langOf(i, n1) + langOf(j, n2) - langOf(i, s1) - langOf(j, s2);
              if (delta <= 1e-9 && !seriesGain) continue;
              const gain = tryAssign(
                [
                  [i, n1],
                  [j, n2],
                ],
                delta,
              );
              if (gain > 0) {
                total += gain;
                improved = true;
                // s1 and s2 are no longer the visits' advisors.
                break swaps;
              }
            }
          }
        }
      }
      if (!improved) break;
    }
    return total;
  }

  undo(added: readonly number[]): void {
    for (const i of [...added].reverse()) this.remove(this.P.candidates[i] as Candidate);
  }
}

/** Change in the rhythm term from adding `added` to the chosen set (chosen already includes them). */
function rhythmDelta(P: Prepared, chosen: ReadonlyMap<number, unknown>, added: readonly number[]): number {
  const gamma = P.x.params.oneOffCost;
  if (gamma === 0 || added.length === 0) return 0;
  const addedSet = new Set(added);
  const affected = new Set<number>();
  for (const i of added) for (const q of P.patternsOf[i] ?? []) affected.add(q);
  const members = new Set<number>(added);
  for (const q of affected)
    for (const i of P.patterns[q]?.candidates ?? []) if (chosen.has(i)) members.add(i);
  let delta = 0;
  for (const i of members) {
    const regular = (has: (j: number) => boolean) =>
      (P.patternsOf[i] ?? []).some((q) => (P.patterns[q]?.candidates ?? []).every(has));
    const after = regular((j) => chosen.has(j));
    if (addedSet.has(i)) delta += after ? 0 : -gamma;
    else {
      const before = regular((j) => chosen.has(j) && !addedSet.has(j));
      if (after && !before) delta += gamma;
    }
  }
  return delta;
}

function movesOf(P: Prepared): Move[] {
  const make = (candidates: readonly number[]): Move => {
    let weeks = 0;
    for (const i of candidates) weeks |= 2 ** Math.min(30, P.candidates[i]?.week ?? 0);
    const first = P.candidates[candidates[0] ?? 0];
    return { candidates, district: first ? (P.venueDistrict[first.venue] ?? -1) : -1, weeks };
  };
  const moves: Move[] = P.patterns.map((p) => make(p.candidates));
  // A repair fills the gaps of a published schedule on a few dates: one-offs are its work.
  const oneOffs = P.x.params.allowOneOffs || !!P.x.newVisitDates;
  for (const c of P.candidates)
    if (c.pin < 0 && (oneOffs || P.x.requests.some((_, r) => requestMatches(P, r, c))))
      moves.push(make([c.index]));
  return moves;
}

/**
 * Fairness first: while some district is below its weekly minimum in some week, apply the
 * move that fills the most of those (district, week) gaps, the most valuable among equals. A
 * weekly series that covers all four weeks beats a series that misses one, so a small district
 * is not left with a gap its share of the visits can no longer fill.
 */
function fillFairness(P: Prepared, s: State, moves: readonly Move[], stop: () => boolean): void {
  const W = P.weeks;
  const gapIn = (d: number, w: number) => (s.districtWeek[d * W + w] ?? 0) < (P.fairnessTarget[d]?.[w] ?? 0);
  const tried = new Set<Move>();
  while (!stop()) {
    let best: { m: Move; fills: number; gain: number } | null = null;
    for (const m of moves) {
      if (tried.has(m)) continue;
      const weeksFilled = new Set<string>();
      for (const i of m.candidates) {
        const c = P.candidates[i] as Candidate;
        const d = P.venueDistrict[c.venue] ?? -1;
        if (d >= 0 && !s.chosen.has(i) && gapIn(d, c.week)) weeksFilled.add(`${d}|${c.week}`);
      }
      if (weeksFilled.size === 0 || (best && weeksFilled.size < best.fills)) continue;
      const trial = s.apply(m);
      if (!trial) {
        tried.add(m);
        continue;
      }
      const gain = trial.gain + rhythmDelta(P, s.chosen, trial.added);
      s.undo(trial.added);
      if (!best || weeksFilled.size > best.fills || gain > best.gain)
        best = { m, fills: weeksFilled.size, gain };
    }
    if (!best) return;
    tried.add(best.m);
    s.apply(best.m);
  }
}

/** Greedy fill: repeatedly apply the move with the best gain per visit while it gains. */
function fill(
  P: Prepared,
  s: State,
  moves: readonly Move[],
  allowed: (m: Move) => boolean,
  stop: () => boolean,
): void {
  // Lazy evaluation: stale scores are optimistic in the common case; re-score the top.
  const score = (m: Move): number => {
    const trial = s.apply(m);
    if (!trial) return Number.NEGATIVE_INFINITY;
    const gain = trial.gain + rhythmDelta(P, s.chosen, trial.added);
    s.undo(trial.added);
    return trial.added.length === 0 ? Number.NEGATIVE_INFINITY : gain / trial.added.length;
  };
  const queue = moves.filter(allowed).map((m) => ({ m, score: Number.POSITIVE_INFINITY }));
  for (const q of queue) q.score = score(q.m);
  queue.sort((a, b) => b.score - a.score);
  while (queue.length > 0 && !stop()) {
    const top = queue[0];
    if (!top || top.score <= 1e-9) break;
    const fresh = score(top.m);
    const next = queue[1]?.score ?? Number.NEGATIVE_INFINITY;
    if (fresh + 1e-9 < next) {
      top.score = fresh;
      // Re-insert in order (the queue is sorted by score, descending).
      queue.shift();
      let lo = 0;
      let hi = queue.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((queue[mid]?.score ?? 0) > fresh) lo = mid + 1;
        else hi = mid;
      }
      queue.splice(lo, 0, top);
      continue;
    }
    queue.shift();
    if (fresh <= 1e-9) continue;
    s.apply(top.m);
  }
}

/**
 * Visits one advisor short: for a candidate not in the plan that has one free eligible advisor
 * fewer than it needs, free a busy one (b) by handing one of b's visits of that week to another
 * advisor, then add the candidate with the advisors `pickAdvisors` chooses. A change is kept
 * only if it raises the objective (all terms, rhythm included). Candidates by stand-alone value,
 * best first; `allowed` restricts them (the ruined districts and weeks). Returns the gain.
 */
function insertWithRestaff(
  P: Prepared,
  s: State,
  weekDays: ReadonlyMap<number, readonly number[]>,
  allowed: (c: Candidate) => boolean,
  stop: () => boolean,
): number {
  if (stop() || !(P.x.params.allowOneOffs || P.x.newVisitDates)) return 0;
  let total = 0;
  const value = (c: Candidate, advisors: readonly number[]) =>
    s.coverageGain(c) + s.languageGain(c, advisors) + s.fairnessGain(c) + s.requestGain(c);
  const order = P.candidates
    .filter((c) => c.pin < 0 && !s.chosen.has(c.index) && allowed(c))
    .map((c) => ({ c, value: value(c, c.eligible) }))
    .filter((e) => e.value > 1e-9)
    .sort((p, q) => q.value - p.value);
  for (const { c } of order) {
    if (stop()) break;
    if (s.chosen.has(c.index) || s.venueBusy(c) || s.ruleBlocked(c) || value(c, c.eligible) <= 1e-9) continue;
    const free = c.eligible.filter((a) => s.canStaff(c, a));
    if (free.length !== c.staff - 1) continue;
    let done = false;
    for (const b of c.eligible) {
      if (done) break;
      if (free.includes(b)) continue;
      const busy: number[] = [];
      for (const d of weekDays.get(c.week) ?? []) busy.push(...(s.advisorDay.get(s.dayKey(b, d)) ?? []));
      for (const i of busy) {
        const other = P.candidates[i] as Candidate;
        const old = s.chosen.get(i);
        if (done || other.pin >= 0 || !old) continue;
        const k = old.indexOf(b);
        if (k < 0) continue;
        const oldLanguage = s.languageGain(other, old);
        const oldContinuity = s.continuityValue;
        s.remove(other);
        for (const b2 of other.eligible) {
          if (old.includes(b2) || !s.canStaff(other, b2)) continue;
          const next = old.map((a, q) => (q === k ? b2 : a));
          s.add(other, next);
          const picked = s.canStaff(c, b) ? s.pickAdvisors(c) : null;
          if (picked) {
            const gain = value(c, picked) + s.languageGain(other, next) - oldLanguage;
            s.add(c, picked);
            const delta = gain + rhythmDelta(P, s.chosen, [c.index]) + (s.continuityValue - oldContinuity);
            if (delta > 1e-9) {
              total += delta;
              done = true;
              break;
            }
            s.remove(c);
          }
          s.remove(other);
        }
        if (!done) s.add(other, [...old]);
      }
    }
  }
  return total;
}

export interface HeuristicResult {
  readonly visits: PlannedVisit[];
  readonly breakdown: Breakdown;
  readonly iterations: number;
}

export function planHeuristic(P: Prepared, options: HeuristicOptions): HeuristicResult {
  const started = options.clock();
  const deadline = started + options.timeLimitSeconds * 1000;
  const stop = () => options.clock() > deadline || (options.shouldStop?.() ?? false);
  const s = new State(P);
  for (const c of P.candidates) if (c.pin >= 0) s.add(c, [...c.eligible]);
  // The visits of pinned series come next: they are kept whatever else the plan holds.
  for (const c of P.candidates) {
    if (c.series < 0 || s.chosen.has(c.index) || s.venueBusy(c)) continue;
    const advisors = s.pickAdvisors(c);
    if (advisors) s.add(c, advisors);
  }
  if (options.start) {
    for (const v of options.start) {
      const c = P.candidates[v.candidate];
      if (!c || s.chosen.has(c.index)) continue;
      if (
        v.advisors.length === c.staff &&
        v.advisors.every((a) => c.eligible.includes(a) && s.canStaff(c, a))
      )
        s.add(c, [...v.advisors]);
    }
  }
  const moves = movesOf(P);
  // The construction always runs to its end (only a cancellation stops it): it is what makes
  // the plan meet the rules (every district its visits each week), and it takes a fraction of a
  // second even on the largest demo. The time limit bounds the improvement after it, so a busy
  // machine gets a plan as valid as an idle one's, only less improved.
  const cancelled = () => options.shouldStop?.() ?? false;
  fillFairness(P, s, moves, cancelled);
  fill(P, s, moves, () => true, cancelled);
  // Days of each week, for the visits an advisor makes in a week.
  const weekDays = new Map<number, number[]>();
  for (const c of P.candidates) {
    const days = weekDays.get(c.week) ?? weekDays.set(c.week, []).get(c.week);
    if (days && !days.includes(c.day)) days.push(c.day);
  }
  insertWithRestaff(P, s, weekDays, () => true, cancelled);
  s.improveStaffing();
  let best = s.visits();
  let bestValue = evaluate(P, best).total;
  options.onProgress?.(bestValue);

  // Ruin and recreate: remove the visits of a district, a week, an advisor, a day or a random
  // share, refill greedily, keep the plan if it is better.
  let iterations = 0;
  let sinceGain = 0;
  const districts = P.x.districts.length;
  const advisors = P.x.advisors.length;
  while (!stop() && sinceGain < 800) {
    iterations++;
    sinceGain++;
    const kind = options.random();
    const removable = [...s.chosen.keys()].filter(
      (i) => (P.candidates[i]?.pin ?? 0) < 0 && (P.candidates[i]?.series ?? 0) < 0,
    );
    if (removable.length === 0) break;
    let ruin: number[];
    if (kind < 0.25 && districts > 0) {
      const d = Math.floor(options.random() * districts);
      ruin = removable.filter((i) => P.venueDistrict[P.candidates[i]?.venue ?? 0] === d);
    } else if (kind < 0.4 && P.weeks > 1) {
      const w = Math.floor(options.random() * P.weeks);
      ruin = removable.filter((i) => P.candidates[i]?.week === w);
    } else if (kind < 0.65 && advisors > 0) {
      // One advisor's visits (in one week, or all): frees time to staff others.
      const a = Math.floor(options.random() * advisors);
      const w = options.random() < 0.5 ? Math.floor(options.random() * Math.max(1, P.weeks)) : -1;
      ruin = removable.filter(
        (i) => (s.chosen.get(i) ?? []).includes(a) && (w < 0 || P.candidates[i]?.week === w),
      );
    } else if (kind < 0.8) {
      // One day.
      const days = [...new Set(removable.map((i) => P.candidates[i]?.day ?? 0))];
      const day = days[Math.floor(options.random() * days.length)];
      ruin = removable.filter((i) => P.candidates[i]?.day === day);
    } else {
      const share = 0.05 + 0.2 * options.random();
      ruin = removable.filter(() => options.random() < share);
    }
    // Without one-offs, a series leaves whole: remove every visit of a ruined series.
    if (!(P.x.params.allowOneOffs || P.x.newVisitDates) && ruin.length > 0) {
      const keyOf = (i: number) => {
        const c = P.candidates[i] as Candidate;
        return seriesKey(c.venue, c.weekday, c.start, c.end);
      };
      const ruined = new Set(ruin.map(keyOf));
      ruin = removable.filter((i) => ruined.has(keyOf(i)));
    }
    // Refill only where the ruin freed something: its districts and weeks.
    const ruinedDistricts = new Set(ruin.map((i) => P.venueDistrict[P.candidates[i]?.venue ?? 0] ?? -1));
    let ruinedWeeks = 0;
    for (const i of ruin) ruinedWeeks |= 2 ** Math.min(30, P.candidates[i]?.week ?? 0);
    const allowed = (m: Move) => ruinedDistricts.has(m.district) && (m.weeks & ruinedWeeks) !== 0;
    if (ruin.length === 0) continue;
    const before = s.visits();
    for (const i of ruin) s.remove(P.candidates[i] as Candidate);
    fill(P, s, moves, allowed, () => false);
    insertWithRestaff(
      P,
      s,
      weekDays,
      (c) =>
        ruinedDistricts.has(P.venueDistrict[c.venue] ?? -1) &&
        (ruinedWeeks & (2 ** Math.min(30, c.week))) !== 0,
      stop,
    );
    s.improveStaffing(ruinedWeeks);
    const value = evaluate(P, s.visits()).total;
    if (value > bestValue + 1e-9 * Math.max(1, Math.abs(bestValue)) && s.sharesHold()) {
      best = s.visits();
      bestValue = value;
      sinceGain = 0;
      options.onProgress?.(bestValue);
    } else {
      for (const i of [...s.chosen.keys()]) s.remove(P.candidates[i] as Candidate);
      for (const v of before) s.add(P.candidates[v.candidate] as Candidate, [...v.advisors]);
    }
  }
  return { visits: best, breakdown: evaluate(P, best), iterations };
}
