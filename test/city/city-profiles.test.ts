/**
 * City profiles: every city folder under data/ has a valid profile, a profile without a
 * required field is refused with the field's JSON path, and no file under src/ names the
 * demo city, its transport authority or its districts (city facts belong in data/).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cityIds, defaultCityId, loadCityProfile } from '../../src/services/city/city-folders.ts';
import { cityProfileSchema, readCityProfile } from '../../src/services/city/city-profile.ts';
import { espooWords } from '../helpers/espoo.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const espooProfile = JSON.parse(readFileSync(join(ROOT, 'data/espoo/city.json'), 'utf8')) as Record<
  string,
  unknown
>;
const reading = (profile: unknown) => async (path: string) => {
  if (path !== 'city.json') throw new Error(`unexpected read of ${path}`);
  return new TextEncoder().encode(JSON.stringify(profile));
};

describe('city profiles', () => {
  it('has a valid profile in every city folder, the default among them', async () => {
    const ids = cityIds();
    expect(ids).toEqual(expect.arrayContaining(['espoo', 'esimerkkila']));
    expect(ids).toContain(defaultCityId());
    for (const id of ids) expect((await loadCityProfile(id)).id).toBe(id);
  });

  it('refuses a profile without any one of its required fields, naming the field', async () => {
    const required = Object.keys(cityProfileSchema.shape).filter(
      (k) => !cityProfileSchema.shape[k as 'id'].safeParse(undefined).success,
    );
    expect(required).toEqual(
      expect.arrayContaining(['id', 'name', 'journeyPlanner', 'files', 'retentionDays']),
    );
    for (const field of required) {
      const { [field]: _dropped, ...rest } = espooProfile;
      const read = await readCityProfile(reading(rest), 'data/espoo');
      expect(read.ok, field).toBe(false);
      if (!read.ok)
        expect(
          read.issues.map((i) => i.path),
          field,
        ).toContain(field);
    }
  });

  it('names a nested missing or malformed field by its JSON path', async () => {
    const files = { ...(espooProfile.files as Record<string, string>) };
    delete files.venues;
    const cases: [Record<string, unknown>, string][] = [
      [{ ...espooProfile, files }, 'files.venues'],
      [{ ...espooProfile, name: { fi: 'Espoo', sv: 'Esbo' } }, 'name.en'],
      [
        { ...espooProfile, timeBlocks: [{ id: 'morning', start: '12:00', end: '09:30' }] },
        'timeBlocks[0].end',
      ],
      [
        {
          ...espooProfile,
          journeyPlanner: { ...(espooProfile.journeyPlanner as object), url: 'http://x.fi/{lat}' },
        },
        'journeyPlanner.url',
      ],
      [{ ...espooProfile, files: { ...files, venues: '../other/venues.csv' } }, 'files.venues'],
      [{ ...espooProfile, skills: ['Digital Support'] }, 'skills[0]'],
    ];
    for (const [profile, path] of cases) {
      const read = await readCityProfile(reading(profile), 'data/espoo');
      expect(read.ok, path).toBe(false);
      if (!read.ok) {
        expect(
          read.issues.map((i) => i.path),
          path,
        ).toContain(path);
        expect(read.issues[0]?.file).toBe('data/espoo/city.json');
      }
    }
  });

  it('refuses an unknown city by listing the known ones', async () => {
    await expect(loadCityProfile('atlantis')).rejects.toThrow(
      /unknown city "atlantis"; expected one of .*espoo/,
    );
  });
});

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('src/ names no city', () => {
  it('has no file under src/ that names Espoo, HSL or an Espoo district', () => {
    const { pattern: words, names } = espooWords();
    expect(names).toEqual(expect.arrayContaining(['Leppävaara', 'Tapiola', 'Hagalund', 'Köklax']));
    const found: string[] = [];
    for (const path of filesUnder(join(ROOT, 'src'))) {
      const lines = readFileSync(path, 'utf8').split('\n');
      for (const [i, line] of lines.entries()) {
        const m = words.exec(line);
        if (m) found.push(`${relative(ROOT, path)}:${i + 1}: "${m[1]}"`);
      }
    }
    expect(found).toEqual([]);
  });

  it('would find such a name (the check itself is not blind)', () => {
    const words = espooWords().pattern;
    for (const line of [
      'Espoon asiointi',
      'in Esbo',
      'HSL:n Reittiopas',
      'Suur-Leppävaara',
      'kohti Tapiolaa',
      'Stor-Köklax',
    ])
      expect(words.test(line), line).toBe(true);
    for (const line of ['hsla(0 0% 0%)', 'the resident’s phone', 'Leppä', 'espresso'])
      expect(words.test(line), line).toBe(false);
  });
});
