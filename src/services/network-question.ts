/**
 * A "which points to keep" question checked against the loaded network before anything is
 * solved: the candidate sites (a scenario's open points, every fixed point, every site, or a
 * list drawn from them, always only those in service on the date), the points that must stay or
 * close, k, the target groups' weights, and for LSCP that every area can be covered at all.
 * Every refusal names its parameter.
 */
import type { TravelMode } from '../core/access/modes.ts';
import type { LocalizedText } from '../core/i18n.ts';
import { type LocationModel, SITE_STATUS, type SiteStatus } from '../core/location/instance.ts';
import type { Area } from '../core/model/area.ts';
import { openSitesOn, type Scenario } from '../core/model/scenario.ts';
import type { Site, SiteKind, SiteRole } from '../core/model/site.ts';
import type { IsoDate } from '../core/time/civil-time.ts';
import { isInService } from '../core/time/opening-hours.ts';
import { InvalidInputError } from './errors.ts';
import type { SolverChoice } from './location/location-solver.ts';

export interface NetworkQuery {
  readonly scenarioId: string;
  readonly date?: IsoDate;
  readonly model: LocationModel;
  readonly mode: TravelMode;
  /** Points to keep (p-median, MCLP). */
  readonly k?: number;
  /** Coverage threshold in minutes (MCLP, LSCP). */
  readonly radiusMinutes?: number;
  /** Weight per target group; residents count once per group they are weighted in. Default: all = 1. */
  readonly groupWeights?: Readonly<Record<string, number>>;
  readonly mustKeep?: readonly string[];
  readonly closed?: readonly string[];
  /**
   * Which sites may be chosen (always only those in service on the date): the points the
   * scenario has open (default), every fixed point, or every site — fixed points and venues.
   */
  readonly candidates?: CandidateSet;
  /** Alias of `candidates: 'fixed-points'` (when `candidates` is not given). */
  readonly allFixedPoints?: boolean;
  /**
   * An explicit list of candidate sites (e.g. from an imported list), drawn from the set above;
   * with this list the set defaults to 'all-sites'.
   */
  readonly candidateIds?: readonly string[];
  readonly solver?: SolverChoice;
  readonly timeLimitSeconds?: number;
}

/** The candidate sets a network question can choose from. */
export const CANDIDATE_SETS = ['scenario', 'fixed-points', 'all-sites'] as const;
export type CandidateSet = (typeof CANDIDATE_SETS)[number];

/** A candidate site as forms and answers show it: "Sello Library (venue, library)". */
export interface CandidateSite {
  readonly id: string;
  readonly name: LocalizedText;
  readonly role: SiteRole;
  readonly kind: SiteKind;
}

/** Every candidate set on a date: only sites in service then, in the repository's order. */
export function candidateSets(
  sites: readonly Site[],
  scenario: Scenario | undefined,
  date: IsoDate,
): Record<CandidateSet, Site[]> {
  const inService = sites.filter((s) => isInService(s.validity, date));
  const open = new Set(scenario ? openSitesOn(scenario, date) : []);
  return {
    scenario: inService.filter((s) => open.has(s.id)),
    'fixed-points': inService.filter((s) => s.role === 'fixed-point'),
    'all-sites': inService,
  };
}

export const candidateOf = (s: Site): CandidateSite => ({
  id: s.id,
  name: s.name,
  role: s.role,
  kind: s.kind,
});

/**
 * The question's candidate set and candidates (the listed ones, when a list is given), with its
 * points to keep and close and its k checked against them.
 */
export function questionCandidates(
  q: NetworkQuery,
  everySite: readonly Site[],
  scenario: Scenario,
  date: IsoDate,
): { set: CandidateSet; candidates: Site[] } {
  const set: CandidateSet =
    q.candidates ?? (q.allFixedPoints ? 'fixed-points' : q.candidateIds ? 'all-sites' : 'scenario');
  const inSet = candidateSets(everySite, scenario, date)[set];
  let candidates = inSet;
  if (q.candidateIds) {
    const listed = new Set(q.candidateIds);
    const known = new Set(everySite.map((s) => s.id as string));
    const inSetIds = new Set(inSet.map((s) => s.id as string));
    for (const id of listed) {
      if (!known.has(id)) throw new InvalidInputError(`unknown site "${id}" in candidateIds`, 'candidateIds');
      if (!inSetIds.has(id))
        throw new InvalidInputError(
          set === 'all-sites'
            ? `site "${id}" in candidateIds is not in service on ${date}`
            : `site "${id}" in candidateIds is not in the candidate set "${set}" on ${date}`,
          'candidateIds',
        );
    }
    candidates = inSet.filter((s) => listed.has(s.id));
  }
  if (candidates.length === 0)
    throw new InvalidInputError(
      set === 'scenario' && !q.candidateIds
        ? `scenario "${q.scenarioId}" has no point open on ${date}`
        : `no candidate site is in service on ${date}`,
      q.candidateIds ? 'candidateIds' : 'date',
    );
  checkKeepAndClose(q, candidates, set, date);
  return { set, candidates };
}

/** The points to keep and to close are candidates, not both at once, and k leaves room for them. */
function checkKeepAndClose(
  q: NetworkQuery,
  candidates: readonly Site[],
  set: CandidateSet,
  date: IsoDate,
): void {
  const ids = new Set(candidates.map((s) => s.id as string));
  for (const [param, list] of [
    ['keep', q.mustKeep ?? []],
    ['closed', q.closed ?? []],
  ] as const) {
    for (const id of list)
      if (!ids.has(id))
        throw new InvalidInputError(
          `"${id}" is not a candidate point (set "${set}"${q.candidateIds ? ', listed' : ''}, in service on ${date}); expected one of ${[...ids].slice(0, 12).join(', ')}${ids.size > 12 ? `, … (${ids.size} in all)` : ''}`,
          param,
        );
  }
  const kept = new Set(q.mustKeep ?? []);
  const both = (q.closed ?? []).filter((id) => kept.has(id));
  if (both.length > 0)
    throw new InvalidInputError(`"${both[0]}" cannot both stay and close`, 'closed', {
      code: 'errKeepAndClose',
      params: { site: both[0] ?? '' },
    });
  if (q.model !== 'lscp' && q.k !== undefined) {
    const allowed = candidates.length - (q.closed ?? []).length;
    if (q.k > allowed)
      throw new InvalidInputError(
        `cannot keep ${q.k} points: only ${allowed} candidate point${allowed === 1 ? ' is' : 's are'} not closed`,
        'k',
        { code: 'errTooFewOpen', params: { k: String(q.k), allowed: String(allowed) } },
      );
    if (kept.size > q.k)
      throw new InvalidInputError(`${kept.size} points must stay, more than k = ${q.k}`, 'k', {
        code: 'errKeepMoreThanK',
        params: { kept: String(kept.size), k: String(q.k) },
      });
  }
}

/** The weight per target group (default: everyone once), each group one the demand knows. */
export function groupWeightsOf(q: NetworkQuery, knownGroups: readonly string[]): Record<string, number> {
  const weights =
    q.groupWeights && Object.keys(q.groupWeights).length > 0 ? { ...q.groupWeights } : { all: 1 };
  const known = new Set(knownGroups);
  for (const g of Object.keys(weights))
    if (!known.has(g) && g !== 'age65to74')
      throw new InvalidInputError(
        `unknown target group "${g}"; expected one of ${[...known].join(', ')}`,
        'weights',
      );
  return weights;
}

/** Each candidate's status: kept by rule, closed by rule, or free to choose. */
export function siteStatuses(q: NetworkQuery, candidates: readonly Site[]): SiteStatus[] {
  return candidates.map((s) =>
    (q.mustKeep ?? []).includes(s.id)
      ? SITE_STATUS.fixed
      : (q.closed ?? []).includes(s.id)
        ? SITE_STATUS.forbidden
        : SITE_STATUS.free,
  );
}

/** LSCP: every area must have a candidate point not closed within the radius, else no answer exists. */
export function checkCoverable(
  radius: number,
  pairs: readonly { demand: number; site: number; cost: number }[],
  status: readonly SiteStatus[],
  units: readonly { areaId: string }[],
  demandAreas: readonly Area[],
): void {
  const reached = new Set(
    pairs.filter((e) => e.cost <= radius && status[e.site] !== SITE_STATUS.forbidden).map((e) => e.demand),
  );
  const strandedIds = new Set(units.filter((_, i) => !reached.has(i)).map((u) => u.areaId));
  const stranded = demandAreas.filter((a) => strandedIds.has(a.id));
  if (stranded.length > 0)
    throw new InvalidInputError(
      `${stranded.length} area${stranded.length === 1 ? ' has' : 's have'} no candidate point within ${radius} minutes (${stranded
        .slice(0, 3)
        .map((a) => `${a.id} ${a.name.en}`)
        .join(
          ', ',
        )}${stranded.length > 3 ? ', …' : ''}): no set of points covers everyone; raise the radius or consider all points`,
      'radius',
      {
        code: 'errStranded',
        params: { count: String(stranded.length), radius: String(radius), first: stranded[0]?.id ?? '' },
      },
    );
}
