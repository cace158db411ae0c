/**
 * The cities neuvo ships: one folder per city under `data/` with its profile (`city.json`) and
 * dataset, and `data/cities.json` naming the default (the demo `npm start` serves). A server or
 * an import picks one by id (`--city`, `NEUVO_CITY`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CITY_PROFILE_FILE,
  type CityProfile,
  describeProfileIssues,
  readCityProfile,
} from './city-profile.ts';

export const DATA_ROOT = fileURLToPath(new URL('../../../data/', import.meta.url));

/** The ids of the cities with a profile under `data/`, sorted. */
export function cityIds(root = DATA_ROOT): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, CITY_PROFILE_FILE)))
    .map((d) => d.name)
    .sort();
}

/** The default city's id (`data/cities.json`, `{"default": "<id>"}`). */
export function defaultCityId(root = DATA_ROOT): string {
  const parsed: unknown = JSON.parse(readFileSync(join(root, 'cities.json'), 'utf8'));
  const id = (parsed as { default?: unknown }).default;
  if (typeof id !== 'string')
    throw new Error(`${join(root, 'cities.json')}: expected {"default": "<city id>"}`);
  return id;
}

/** Reads a file of a city's folder by its path relative to the folder. */
export const cityFileReader =
  (id: string, root = DATA_ROOT) =>
  (relative: string): Promise<Uint8Array> =>
    readFile(join(root, id, relative));

/** A city's folder as messages name it: `data/<id>`. */
export const cityFolderName = (id: string) => `data/${id}`;

/** Thrown when the city asked for is unknown or its profile is invalid (the message lists why). */
export class CityProfileError extends Error {}

/** A shipped city's profile; `CityProfileError` for an unknown id or an invalid profile. */
export async function loadCityProfile(id: string, root = DATA_ROOT): Promise<CityProfile> {
  const known = cityIds(root);
  if (!known.includes(id))
    throw new CityProfileError(
      `unknown city "${id}"; expected one of ${known.join(', ')} (folders under data/)`,
    );
  const read = await readCityProfile(cityFileReader(id, root), cityFolderName(id));
  if (!read.ok)
    throw new CityProfileError(
      `the city profile of "${id}" is invalid:\n${describeProfileIssues(read.issues)}`,
    );
  if (read.profile.id !== id)
    throw new CityProfileError(
      `${cityFolderName(id)}/${CITY_PROFILE_FILE}: id "${read.profile.id}" must be the folder's name "${id}"`,
    );
  return read.profile;
}
