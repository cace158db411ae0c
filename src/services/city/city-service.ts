/**
 * The profile of the city a database holds, as the pages read it (its names, the words for its
 * service, its journey planner): read from the setting the city's import wrote, kept for a
 * minute per process so that pages do not read it on every request. A database without a city
 * (files imported one by one) has none; pages then use the product's generic words.
 */
import type { ReadRepositories } from '../../db/repositories.ts';
import { CITY_SETTING, type CityProfile, storedProfile } from './city-profile.ts';

const CACHE_MS = 60_000;

export interface CityService {
  /** The city's profile, or null when the database holds none. */
  profile(): Promise<CityProfile | null>;
}

export function createCityService(deps: { repos: ReadRepositories; now: () => number }): CityService {
  let cache: { value: CityProfile | null; until: number } | null = null;
  return {
    async profile() {
      const at = deps.now();
      if (cache && cache.until > at) return cache.value;
      const value = storedProfile(await deps.repos.access.getSetting(CITY_SETTING));
      cache = { value, until: at + CACHE_MS };
      return value;
    },
  };
}
