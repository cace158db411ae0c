/**
 * The planning heuristic's state, kept incremental so that trying a visit is cheap: visits per
 * week and key (for diminishing returns), each advisor's visits per day and minutes per week,
 * visits per district and week, requests met, the rhythm rules' counts and each series'
 * advisors (continuity). On top of it: the value a visit would add, the advisors it would get,
 * trying a move, and the staffing swaps that raise the language bonus or continuity.
 */
import {
  languageWeight,
  matchedLanguages,
  type PlannedVisit,
  repeatValue,
  requestMatches,
  seriesStaff,
} from './evaluate.ts';
import { conflicts, seriesKey } from './instance.ts';
import type { Candidate, Prepared } from './prepare.ts';

/** Visits added together: a weekly or fortnightly pattern, or one visit. */
export interface Move {
  readonly candidates: readonly number[];
  /** District index of the move's venue, and a bit per week it touches (for neighbourhoods). */
  readonly district: number;
  readonly weeks: number;
}

export class HeuristicState {
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

  /** Another visit at the same venue overlaps c. */
  venueBusy(c: Candidate): boolean {
    for (const other of this.venueDay.get(c.venue * 100_000 + c.day) ?? []) {
      const o = this.P.candidates[other] as Candidate;
      if (o.start < c.end && c.start < o.end) return true;
    }
    return false;
  }

  /**
   * Try a move: add its candidates not yet chosen, in order; returns the gain (all terms but
   * rhythm, which the caller adds) and undoes nothing — call `undo` with the result to revert.
   */
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
    const progress = { total: 0, improved: false };
    const inWeeks = (i: number) => (weekMask & (2 ** Math.min(30, this.P.candidates[i]?.week ?? 0))) !== 0;
    for (let round = 0; round < 3; round++) {
      progress.improved = false;
      const visits = [...this.chosen.keys()].filter((i) => this.cand(i).pin < 0 && inWeeks(i));
      // Visits whose language bonus could grow (some language they reach is not matched), or
      // whose series has more advisors than it needs.
      const needy = visits.filter(
        (i) =>
          this.langOf(i, this.cand(i).eligible) > this.langOf(i, this.chosen.get(i) ?? []) + 1e-9 ||
          this.scatteredSeries(this.cand(i)),
      );
      this.moveToFreeAdvisors(needy, progress);
      this.swapAdvisors(needy, visits, progress);
      if (!progress.improved) break;
    }
    return progress.total;
  }

  private cand(i: number): Candidate {
    return this.P.candidates[i] as Candidate;
  }

  private langOf(i: number, advisors: readonly number[]): number {
    return this.languageGain(this.cand(i), advisors);
  }

  /** c's series has more advisors than it needs, and continuity counts. */
  private scatteredSeries(c: Candidate): boolean {
    return this.gamma > 0 && this.scattered(c);
  }

  /** Applies the new staffing if it is feasible and gains (language and continuity); the gain or 0. */
  private tryAssign(changes: readonly [number, number[]][], languageDelta: number): number {
    const old = changes.map(([i]) => [i, this.chosen.get(i) ?? []] as const);
    const before = this.continuityValue;
    for (const [i] of changes) this.remove(this.cand(i));
    const placed: number[] = [];
    let ok = true;
    for (const [i, advisors] of changes) {
      const c = this.cand(i);
      if (!advisors.every((a) => c.eligible.includes(a) && this.canStaff(c, a))) {
        ok = false;
        break;
      }
      this.add(c, advisors);
      placed.push(i);
    }
    const delta = languageDelta + this.continuityValue - before;
    if (ok && delta > 1e-9) return delta;
    for (const i of placed) this.remove(this.cand(i));
    for (const [i, advisors] of old) this.add(this.cand(i), [...advisors]);
    return 0;
  }

  /** Each needy visit: hand each of its places to a free advisor where that gains. */
  private moveToFreeAdvisors(needy: readonly number[], progress: { total: number; improved: boolean }): void {
    for (const i of needy) {
      const c = this.cand(i);
      for (let k = 0; k < c.staff; k++) {
        const mine = this.chosen.get(i) ?? [];
        for (const b of c.eligible) {
          if (mine.includes(b)) continue;
          const next = mine.map((x, q) => (q === k ? b : x));
          const delta = this.langOf(i, next) - this.langOf(i, mine);
          if (delta <= 1e-9 && !(this.gamma > 0 && this.onSeries(c, b))) continue;
          const gain = this.tryAssign([[i, next]], delta);
          if (gain > 0) {
            progress.total += gain;
            progress.improved = true;
            break;
          }
        }
      }
    }
  }

  /** Each needy visit against the other visits of its week: swap one advisor each where that gains. */
  private swapAdvisors(
    needy: readonly number[],
    visits: readonly number[],
    progress: { total: number; improved: boolean },
  ): void {
    const needySet = new Set(needy);
    const byWeek = new Map<number, number[]>();
    for (const j of visits) {
      const w = this.cand(j).week;
      (byWeek.get(w) ?? byWeek.set(w, []).get(w))?.push(j);
    }
    for (const i of needy) {
      const c1 = this.cand(i);
      for (const j of byWeek.get(c1.week) ?? []) {
        if (j === i || (needySet.has(j) && j < i)) continue;
        const c2 = this.cand(j);
        const s1 = this.chosen.get(i) ?? [];
        const s2 = this.chosen.get(j) ?? [];
        // A swap gains only if one side gets a language it misses, or an advisor of its series.
        const miss1 = this.advisorMask ? this.missing(c1, this.maskOf(s1)) : -1;
        const miss2 = this.advisorMask ? this.missing(c2, this.maskOf(s2)) : -1;
        const continuity = this.gamma > 0 && (this.scatteredSeries(c1) || this.scatteredSeries(c2));
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
            const delta = this.langOf(i, n1) + this.langOf(j, n2) - this.langOf(i, s1) - this.langOf(j, s2);
            if (delta <= 1e-9 && !seriesGain) continue;
            const gain = this.tryAssign(
              [
                [i, n1],
                [j, n2],
              ],
              delta,
            );
            if (gain > 0) {
              progress.total += gain;
              progress.improved = true;
              // s1 and s2 are no longer the visits' advisors.
              break swaps;
            }
          }
        }
      }
    }
  }

  undo(added: readonly number[]): void {
    for (const i of [...added].reverse()) this.remove(this.P.candidates[i] as Candidate);
  }
}
