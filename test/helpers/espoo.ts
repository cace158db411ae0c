import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describeProfileIssues, readCityProfile } from '../../src/services/city/city-profile.ts';
import { buildCityDataset } from '../../src/services/import/city-dataset.ts';

export const ESPOO_DIR = fileURLToPath(new URL('../../data/espoo/', import.meta.url));
export const readEspoo = (relative: string) => readFile(`${ESPOO_DIR}${relative}`);

/** A fixed instant for tests: Tuesday 1 December 2026, 10:00 in Helsinki (08:00 UTC). */
export const TUESDAY_2026_12_01 = Date.UTC(2026, 11, 1, 8, 0, 0);

/** The Espoo demo's dataset as the city import builds it, its files read through `read`. */
export async function buildEspooDataset(read: (relative: string) => Promise<Uint8Array> = readEspoo) {
  const profile = await readCityProfile(read, 'data/espoo');
  if (!profile.ok) throw new Error(describeProfileIssues(profile.issues));
  return buildCityDataset(profile.profile, read);
}

/**
 * The words that give the Espoo demo away: the city's names, its transport authority (HSL, in
 * Swedish HRT, and its journey planner) and its major districts' names with the "Suur-"/"Stor-"
 * ("greater") and "Vanha-"/"Pohjois-" prefixes off, so that "Leppävaara" is caught as well as
 * "Suur-Leppävaara". Names match at the start of a word (Finnish inflects at the end:
 * "Espoon", "Tapiolan"); the authority's initials only as whole words ("HSL:n", not "hsla(").
 */
export function espooWords(): { names: string[]; pattern: RegExp } {
  const rows = parse(readFileSync(`${ESPOO_DIR}districts.csv`), { columns: true }) as Record<
    string,
    string
  >[];
  const districts = rows
    .filter((r) => r.level === 'suuralue')
    .flatMap((r) => [r.name_fi ?? '', r.name_sv ?? ''])
    .map((n) => n.replace(/^(Suur|Stor)-/, '').replace(/^(Vanha|Pohjois|Gamla|Norra)[- ]/, ''));
  const names = [...new Set(['Espoo', 'Esbo', 'Reittiopas', 'Reseplanerare', ...districts])].filter(Boolean);
  return {
    names,
    pattern: new RegExp(`(?<![\\p{L}\\p{N}_])(${names.join('|')}|(?:HSL|HRT)(?![\\p{L}\\p{N}_]))`, 'iu'),
  };
}
