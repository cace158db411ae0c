/**
 * The random draws of the demo's synthetic history: a small seeded generator (mulberry32, so the
 * same seed gives the same history on every machine), Poisson counts, the season and the trend
 * of visitor numbers, and one resident's codes for the contact log drawn from the need a visit
 * or a service point reaches. Nothing here reads a clock or `Math.random`.
 */
import type { Area } from '../../core/model/area.ts';
import { groupPopulation } from '../../core/model/area.ts';
import {
  type AgeBand,
  type ContactOutcome,
  REFERRAL_TARGETS,
  type ReferralTarget,
} from '../../core/model/contact.ts';
import type { Topic } from '../../core/model/topic.ts';
import { seededRandom } from '../../core/random.ts';
import { AGE_GROUPS } from '../contact-groups.ts';
import type { GroupSetting } from '../planning/planning-data.ts';

/** A seeded source of numbers in [0, 1) and the draws built on it. */
export class Draw {
  /** mulberry32 (src/core/random.ts): 32 bits of state, good enough for sampling, the same everywhere. */
  readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** An item with probability proportional to its weight (the last one if all weigh nothing). */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + Math.max(0, w), 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= Math.max(0, w);
      if (r < 0) return item;
    }
    return (items.at(-1) as readonly [T, number])[0];
  }

  /** A standard normal number (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A Poisson count (Knuth's product of uniforms, in parts so that e^-mean stays representable). */
  poisson(mean: number): number {
    let n = 0;
    let left = Math.max(0, mean);
    while (left > 0) {
      const part = Math.min(left, 400);
      left -= part;
      const limit = Math.exp(-part);
      let p = this.next();
      while (p > limit) {
        n++;
        p *= this.next();
      }
    }
    return n;
  }

  /** A version 4 UUID from the generator (ids and device client ids of the history). */
  uuid(): string {
    const bytes = Array.from({ length: 16 }, () => this.int(256));
    bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
    bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  bytes(n: number): Uint8Array {
    return Uint8Array.from({ length: n }, () => this.int(256));
  }
}

/**
 * Visitors per month relative to the year's mean: busy in winter and autumn (taxes, Kela's
 * decisions, the heating season), quiet in summer.
 */
const SEASON = [1.2, 1.2, 1.15, 1.0, 0.95, 0.8, 0.55, 0.85, 1.1, 1.15, 1.15, 0.9] as const;

export function seasonOf(date: string): number {
  return SEASON[Number(date.slice(5, 7)) - 1] ?? 1;
}

/** The city expects fewer visitors year by year: 8 % fewer a year, so the past had more. */
export const YEARLY_TREND = -0.08;

/** The trend's factor on a date `daysBeforeEnd` days before the history's last day. */
export function trendOf(daysBeforeEnd: number): number {
  return (1 + YEARLY_TREND) ** (-daysBeforeEnd / 365.25);
}

/** Whom a visit or a service point reaches: target groups with their weighted need. */
export interface Audience {
  readonly groups: readonly (readonly [string, number])[];
  /** Share of the need that is Swedish-speaking (more contacts in Swedish where it is high). */
  readonly swedishShare: number;
  /** Share of residents served who belong to none of the groups (more at a service point). */
  readonly anyoneShare: number;
  /**
   * Chance that a resident drawn for another group speaks a foreign language or Swedish: small
   * where the need counts the language group itself, larger where the data has no figure for it
   * (a city's area data often lacks language figures, yet its advisors meet these residents).
   */
  readonly otherForeign: number;
  readonly otherSwedish: number;
}

/** Mobile visits go where the target groups live; service points serve everyone. */
export const VISIT_ANYONE_SHARE = 0.3;
export const POINT_ANYONE_SHARE = 0.5;

/**
 * The audience of a visit from its explanation's `reached` areas: each area's weighted need is
 * shared among the groups it lists in proportion to their residents times the group's weight.
 */
export function audienceOfReached(
  reached: readonly { areaId: string; groups: readonly string[]; weightedNeed: number }[],
  areas: ReadonlyMap<string, Area>,
  targetGroups: readonly GroupSetting[],
): Audience {
  const weight = new Map(targetGroups.map((g) => [g.id, g.weight]));
  const byGroup = new Map<string, number>();
  for (const r of reached) {
    const area = areas.get(r.areaId);
    const parts = r.groups.map((g) => {
      const people = area ? (groupPopulation(area.population, g) ?? 0) : 1;
      return [g, people * (weight.get(g) ?? 1)] as const;
    });
    const total = parts.reduce((s, [, w]) => s + w, 0);
    for (const [g, w] of parts) {
      const share = total > 0 ? w / total : 1 / parts.length;
      byGroup.set(g, (byGroup.get(g) ?? 0) + share * Math.max(0, r.weightedNeed));
    }
  }
  return audienceOf(byGroup, VISIT_ANYONE_SHARE, targetGroups);
}

/** The audience of the residents of an area (a service point's district). */
export function audienceOfArea(area: Area | undefined, targetGroups: readonly GroupSetting[]): Audience {
  const byGroup = new Map<string, number>();
  if (area)
    for (const g of targetGroups) byGroup.set(g.id, (groupPopulation(area.population, g.id) ?? 0) * g.weight);
  return audienceOf(byGroup, POINT_ANYONE_SHARE, targetGroups);
}

/** Who a visit or point serves, among the city's target groups (`targetGroups`). */
function audienceOf(
  byGroup: ReadonlyMap<string, number>,
  anyoneShare: number,
  targetGroups: readonly GroupSetting[],
): Audience {
  const ids = new Set(targetGroups.map((g) => g.id));
  const groups = [...byGroup.entries()].filter(([g, w]) => w > 0 && ids.has(g)).sort();
  const total = groups.reduce((s, [, w]) => s + w, 0);
  const has = (g: string) => (byGroup.get(g) ?? 0) > 0;
  return {
    groups,
    swedishShare: total > 0 ? (byGroup.get('swedishSpeaking') ?? 0) / total : 0,
    anyoneShare,
    otherForeign: has('foreignLanguage') ? 0.02 : 0.1,
    otherSwedish: has('swedishSpeaking') ? 0.01 : 0.04,
  };
}

/** One resident's codes as the advisor's form records them. */
export interface Person {
  readonly ageBand: AgeBand;
  /** Target groups the form asks for (never the groups the age band tells). */
  readonly groups: readonly string[];
  readonly language: string;
  readonly topicIds: readonly string[];
  readonly durationMinutes: number | null;
  readonly outcome: ContactOutcome;
  readonly referredTo: ReferralTarget | null;
}

/** Languages of the foreign-language residents the demo's advisors meet (ISO 639-1). */
const FOREIGN_LANGUAGES = [
  ['en', 25],
  ['ar', 18],
  ['ru', 17],
  ['so', 14],
  ['et', 13],
  ['fa', 13],
] as const;
const AGE_BANDS_OF_ANYONE = [
  ['under-30', 18],
  ['30-64', 52],
  ['65-74', 14],
  ['75-plus', 10],
  ['unknown', 6],
] as const;
const DURATIONS = [
  [5, 25],
  [15, 40],
  [30, 24],
  [50, 8],
  [null, 3],
] as const;
const OUTCOMES = [
  ['solved', 70],
  ['referred', 18],
  ['follow-up', 12],
] as const;
const REFERRAL_WEIGHTS: Record<ReferralTarget, number> = {
  kela: 35,
  'city-service': 30,
  'city-eservice': 25,
  other: 10,
};

/** Topics weighted by the catalogue's order: the first ones are asked about most. */
export function topicWeights(topics: readonly Topic[]): (readonly [string, number])[] {
  return topics.map((t, i) => [t.id as string, 1 / (1 + 0.35 * i)] as const);
}

/** A resident reached by a visit or a service point, with the codes an advisor would log. */
export function drawPerson(
  d: Draw,
  audience: Audience,
  topics: readonly (readonly [string, number])[],
): Person {
  const primary =
    audience.groups.length === 0 || d.chance(audience.anyoneShare) ? null : d.weighted(audience.groups);
  const ageBand: AgeBand =
    primary === 'age75plus'
      ? '75-plus'
      : primary === 'age65to74'
        ? '65-74'
        : primary === 'unemployed'
          ? d.chance(0.3)
            ? 'under-30'
            : '30-64'
          : d.weighted(AGE_BANDS_OF_ANYONE);
  const groups = primary && !AGE_GROUPS.includes(primary) ? [primary] : [];
  const others = audience.groups.filter(([g]) => !AGE_GROUPS.includes(g) && !groups.includes(g));
  if (others.length > 0 && d.chance(0.12)) groups.push(d.weighted(others));
  if (!groups.includes('foreignLanguage') && !groups.includes('swedishSpeaking')) {
    const r = d.next();
    if (r < audience.otherForeign) groups.push('foreignLanguage');
    else if (r < audience.otherForeign + audience.otherSwedish) groups.push('swedishSpeaking');
  }
  const language = groups.includes('swedishSpeaking')
    ? d.chance(0.85)
      ? 'sv'
      : 'fi'
    : groups.includes('foreignLanguage')
      ? d.chance(0.75)
        ? d.weighted(FOREIGN_LANGUAGES)
        : 'fi'
      : d.weighted([
          ['fi', 0.96 - 0.3 * audience.swedishShare],
          ['sv', 0.02 + 0.3 * audience.swedishShare],
          ['en', 0.02],
        ]);
  const topicIds: string[] = [];
  if (topics.length > 0) topicIds.push(d.weighted(topics));
  const rest = topics.filter(([t]) => !topicIds.includes(t));
  if (rest.length > 0 && d.chance(0.3)) topicIds.push(d.weighted(rest));
  const outcome: ContactOutcome = d.weighted(OUTCOMES);
  const referredTo =
    outcome === 'referred'
      ? d.weighted(REFERRAL_TARGETS.map((r) => [r, REFERRAL_WEIGHTS[r]] as const))
      : null;
  return {
    ageBand,
    groups: groups.sort(),
    language,
    topicIds,
    durationMinutes: d.weighted(DURATIONS),
    outcome,
    referredTo,
  };
}
