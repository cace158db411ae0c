/**
 * What a resident's query names: a postal code (also without its leading zero), a district, a
 * postal area by name, a place by its name in any language or its street address, or a
 * position (in the city, or outside it within reach). Typing is forgiving: case, accents and
 * word endings ("Sellon kirjasto" for "Sello") do not matter.
 */
import { geometryContains, haversineMeters, type LatLon, positionsOf } from '../core/geo/geo.ts';
import type { Area } from '../core/model/area.ts';
import type { Site } from '../core/model/site.ts';
import type { ReadRepositories } from '../db/repositories.ts';

export interface NearPlace {
  readonly kind: 'postal-code' | 'district' | 'location' | 'site';
  /** The postal area travel times are measured from (the nearest one for a place outside). */
  readonly origin: Area;
  readonly district: Area | null;
  /** What was asked for: a postal code, a district, a position, or a place's id. */
  readonly label: string;
  /** Where the times start when that is one point: the resident's position, or the place asked for. */
  readonly point: LatLon | null;
  /** A position outside the city (kind `location`): the answer lists the nearest places. */
  readonly outside: boolean;
  /** The places the query names (kind `site`), the best match first: their visits come first. */
  readonly sites: readonly Site[];
  /** The street address asked for, as the data writes it (kind `site`, found by its address). */
  readonly street: string | null;
  /** Other places whose names or addresses match the query less well ("did you mean"). */
  readonly alternatives: readonly Site[];
}

export type PlaceQuery = { readonly q: string } | { readonly location: LatLon };

/** A query that names nothing: what was asked, the postal areas it may have meant, the districts. */
export interface UnknownPlace {
  readonly unknown: string;
  readonly suggestions: Area[];
  readonly districts: Area[];
}

/** A position this far off the city's postal areas is in the city still (a shore, a border street). */
const EDGE_METERS = 1000;
/** A position further than this from the city is not answered with the city's nearest places. */
const OUTSIDE_REACH_METERS = 30_000;

const normalise = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ');

/** Normalised words of a text: "Sellon kirjasto" → ["sellon", "kirjasto"]. */
const wordsOf = (s: string) =>
  normalise(s)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/**
 * How well query words name a text: 0 the whole text, 1 its beginning, 2 words further on,
 * null not at all. Each query word may be the start of a word, so "Iso Omena" names "Ison
 * Omenan palvelutori" and "Sello" names "Sellon kirjasto".
 */
export function nameMatch(query: readonly string[], text: string): 0 | 1 | 2 | null {
  const words = wordsOf(text);
  let found: 2 | null = null;
  for (let i = 0; query.length > 0 && i + query.length <= words.length; i++) {
    if (!query.every((q, k) => words[i + k]?.startsWith(q))) continue;
    if (i > 0) found = 2;
    else return query.length === words.length && query.every((q, k) => words[k] === q) ? 0 : 1;
  }
  return found;
}

export interface SiteMatch {
  readonly site: Site;
  readonly rank: 0 | 1 | 2;
  /** Names (of fi, sv, en) that match at `rank`. */
  readonly names: number;
  readonly byStreet: boolean;
}

/**
 * Places a query names, best first: by name in any language (the whole name, its beginning,
 * then a later word), else by street address ("Kirjastokatu 2"). Among equals, the place
 * named so in more languages, then the one with more visits ahead, then a service point.
 */
export function matchSites(
  query: string,
  sites: readonly Site[],
  visitsAt: ReadonlyMap<string, number> = new Map(),
): SiteMatch[] {
  const words = wordsOf(query);
  if (words.join('').length < 3) return [];
  // "Kirjastokatu 2, 00100 Kaupunki": the street is the part before the comma.
  const street = wordsOf(query.split(',')[0] ?? '');
  const matches = sites.flatMap((site): SiteMatch[] => {
    const ranks = [site.name.fi, site.name.sv, site.name.en].flatMap((n) => nameMatch(words, n) ?? []);
    if (ranks.length > 0) {
      const rank = Math.min(...ranks) as SiteMatch['rank'];
      return [{ site, rank, names: ranks.filter((r) => r === rank).length, byStreet: false }];
    }
    // A street is named from its beginning: "Piispansilta 11", not "11".
    const s = site.address.street ? nameMatch(street, site.address.street) : null;
    return s === 0 || s === 1 ? [{ site, rank: s, names: 1, byStreet: true }] : [];
  });
  const visits = (m: SiteMatch) => visitsAt.get(m.site.id) ?? 0;
  return matches.sort(
    (a, b) =>
      a.rank - b.rank ||
      Number(a.byStreet) - Number(b.byStreet) ||
      b.names - a.names ||
      visits(b) - visits(a) ||
      Number(b.site.role === 'fixed-point') - Number(a.site.role === 'fixed-point') ||
      a.site.name.fi.localeCompare(b.site.name.fi, 'fi'),
  );
}

/** The postal area whose outline comes nearest a position, and how near (by its corners). */
function nearestOutline(areas: readonly Area[], p: LatLon): { area: Area; meters: number } | null {
  let best: { area: Area; meters: number } | null = null;
  for (const area of areas) {
    if (!area.geometry) continue;
    for (const [lon, lat] of positionsOf(area.geometry)) {
      if (lon === undefined || lat === undefined) continue;
      const meters = haversineMeters({ lat, lon }, p);
      if (best === null || meters < best.meters) best = { area, meters };
    }
  }
  return best;
}

/** The city's areas as a query is resolved against them, and the answers it may give. */
function placeContext(areas: readonly Area[]) {
  const postal = areas.filter((a) => a.kind === 'postal-code');
  const byId = new Map(areas.map((a) => [a.id as string, a]));
  const districtOf = (a: Area) => {
    const parent = a.parentId ? byId.get(a.parentId) : undefined;
    return parent?.kind === 'district' ? parent : null;
  };
  const nearestPostal = (p: LatLon, within: readonly Area[] = postal) =>
    within.reduce<Area | null>(
      (best, a) =>
        best === null || haversineMeters(a.centroid, p) < haversineMeters(best.centroid, p) ? a : best,
      null,
    );
  const unknown = (label: string, suggestions: Area[] = []): UnknownPlace => ({
    unknown: label,
    suggestions,
    districts: areas
      .filter((a) => a.kind === 'district')
      .sort((a, b) => a.name.fi.localeCompare(b.name.fi, 'fi')),
  });
  const answer = (
    kind: NearPlace['kind'],
    origin: Area,
    label: string,
    more: Partial<Omit<NearPlace, 'kind' | 'origin' | 'label'>> = {},
  ): NearPlace => ({
    kind,
    origin,
    district: districtOf(origin),
    label,
    point: null,
    outside: false,
    sites: [],
    street: null,
    alternatives: [],
    ...more,
  });
  return { postal, byId, districtOf, nearestPostal, unknown, answer };
}

type PlaceContext = ReturnType<typeof placeContext>;

/** A position: the postal area it lies in, one just off the city's edge, or the nearest one within reach. */
function placeOfPosition(
  p: LatLon,
  { postal, nearestPostal, unknown, answer }: PlaceContext,
): NearPlace | UnknownPlace {
  const label = `${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}`;
  const inside = postal.find((a) => a.geometry && geometryContains(a.geometry, p));
  if (inside) return answer('location', inside, inside.id, { point: p });
  // Off every outline: by a little is still the city; without outlines, 5 km from an area's centre.
  const edge = nearestOutline(postal, p);
  const centre = nearestPostal(p);
  const near = edge ?? (centre ? { area: centre, meters: haversineMeters(centre.centroid, p) } : null);
  if (!near) return unknown(label);
  if (near.meters <= (edge ? EDGE_METERS : 5000))
    return answer('location', near.area, near.area.id, { point: p });
  if (near.meters > OUTSIDE_REACH_METERS) return unknown(label);
  return answer('location', near.area, near.area.id, { point: p, outside: true, district: null });
}

/**
 * What a query asks about: a postal code (also without its leading zero), a district, a
 * postal area by name, a place by name or street address, or a position (in the city, or
 * outside it within reach).
 */
export async function resolvePlace(
  repos: ReadRepositories,
  query: PlaceQuery,
  sites: readonly Site[],
  visitsAt: ReadonlyMap<string, number>,
): Promise<NearPlace | UnknownPlace> {
  const areas = await repos.areas.list({ withGeometry: 'location' in query });
  const context = placeContext(areas);
  if ('location' in query) return placeOfPosition(query.location, context);
  const { postal, byId, districtOf, nearestPostal, unknown, answer } = context;
  const q = query.q.trim();
  const code = q.replace(/\s/g, '');
  if (/^\d{4,5}$/.test(code)) {
    // "2970" is 02970: every postal code of the capital region starts with 0.
    const padded = code.padStart(5, '0');
    const area = byId.get(padded);
    if (area?.kind === 'postal-code') return answer('postal-code', area, padded);
    // Suggest the postal areas with the nearest codes (a typo of one digit is common).
    const suggestions = [...postal]
      .sort((a, b) => Math.abs(Number(a.id) - Number(padded)) - Math.abs(Number(b.id) - Number(padded)))
      .slice(0, 5);
    return unknown(q, suggestions);
  }
  const wanted = normalise(q);
  const named = (a: Area) => [a.id, a.name.fi, a.name.sv, a.name.en].map(normalise);
  const district =
    areas.find((a) => a.kind === 'district' && named(a).includes(wanted)) ??
    areas.find(
      (a) => a.kind === 'district' && wanted.length >= 3 && named(a).some((n) => n.includes(wanted)),
    );
  if (district) {
    const inside = postal.filter((a) => a.parentId === district.id);
    const origin = nearestPostal(district.centroid, inside.length > 0 ? inside : postal);
    if (origin) return answer('district', origin, district.id, { district });
  }
  const byName =
    wanted.length >= 3
      ? (postal.find((a) => named(a).some((n) => n === wanted)) ??
        postal.find((a) => named(a).some((n) => n.startsWith(wanted))))
      : undefined;
  if (byName) return answer('postal-code', byName, byName.id);
  // A place by name or street address: the times start at the best match.
  const matches = matchSites(q, sites, visitsAt);
  const best = matches[0];
  const origin = best
    ? ((best.site.areaId ? byId.get(best.site.areaId) : undefined) ?? nearestPostal(best.site.location))
    : null;
  if (!best || !origin) return unknown(q);
  const siteDistrict = best.site.districtId ? byId.get(best.site.districtId) : undefined;
  return answer('site', origin, best.site.id, {
    district: siteDistrict?.kind === 'district' ? siteDistrict : districtOf(origin),
    point: best.site.location,
    sites: matches.filter((m) => m.rank === best.rank && m.byStreet === best.byStreet).map((m) => m.site),
    street: best.byStreet ? best.site.address.street : null,
    alternatives: matches.slice(1, 7).map((m) => m.site),
  });
}
