/**
 * Bad input never changes the database and always says where and what: file, line or
 * feature, column or JSON path, and what was expected. Every case is checked on a
 * database that already holds the Espoo demo, which must come out untouched.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/store.ts';
import type { ImportIssue } from '../../src/services/import/issues.ts';
import { createImportService, type ImportOutcome } from '../../src/services/import-service.ts';
import { readEspoo } from '../helpers/espoo.ts';
import { createTestStore, snapshotDatabase, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let before: Record<string, string>;

beforeAll(async () => {
  store = await createTestStore();
  const outcome = await createImportService(store).importCity(readEspoo);
  expect(outcome.ok).toBe(true);
  before = await snapshotDatabase(store);
});
afterAll(async () => {
  await store?.destroy();
});

const file = (name: string, text: string | Uint8Array) => ({
  name,
  bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text,
});

const AREA_HEADER =
  'id,kind,name_fi,name_sv,name_en,parent_id,lat,lon,population_total,population_65_74,population_75_plus,data_year,source';
const SITE_HEADER = 'id,role,kind,name_fi,name_sv,name_en,lat,lon,district_id,hours';

async function expectRejected(outcome: Promise<ImportOutcome>): Promise<ImportIssue[]> {
  const result = await outcome;
  expect(result.ok).toBe(false);
  expect(await snapshotDatabase(store)).toEqual(before);
  return result.ok ? [] : result.issues;
}

describe('import rejects bad input and leaves the database unchanged', () => {
  it('malformed CSV (an unclosed quote)', async () => {
    const issues = await expectRejected(
      createImportService(store).importAreas(
        file('areas.csv', `${AREA_HEADER}\nA1,postal-code,"Unclosed,,,,60.2,24.7,10,1,1,2024,x\n`),
      ),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'areas.csv' });
    expect(issues[0]?.message).toMatch(/malformed CSV/);
  });

  it('a row with the wrong number of fields', async () => {
    const issues = await expectRejected(
      createImportService(store).importAreas(file('areas.csv', `${AREA_HEADER}\nA1,postal-code,Nimi\n`)),
    );
    expect(issues[0]).toMatchObject({ line: 2, message: 'expected 13 fields as in the header, found 3' });
  });

  it('parent areas in a cycle, within the file or through areas already imported', async () => {
    const inFile = [
      AREA_HEADER,
      'X1,district,Yksi,Ett,One,X2,60.2,24.7,10,,,2024,x',
      'X2,district,Kaksi,Två,Two,X1,60.2,24.7,10,,,2024,x',
    ].join('\n');
    const issues = await expectRejected(createImportService(store).importAreas(file('areas.csv', inFile)));
    expect(issues).toEqual([
      {
        file: 'areas.csv',
        line: 2,
        column: 'parent_id',
        message: 'parent areas form a cycle: X1 → X2 → X1; an area cannot be inside itself',
      },
    ]);
    // A district already imported made a child of one of its own postal-code areas.
    const through = [
      AREA_HEADER,
      'suur-tapiola,district,Suur-Tapiola,Stortapiola,Tapiola,02100,60.17,24.8,10,,,2024,x',
    ].join('\n');
    const again = await expectRejected(createImportService(store).importAreas(file('areas.csv', through)));
    expect(again[0]?.message).toMatch(/^parent areas form a cycle: suur-tapiola → 02100 → suur-tapiola/);
  });

  it('a rule only the database knows, named by line and column', async () => {
    // A rule added after the import's checks were written: the database refuses, the report
    // still names the line and the column.
    await queryRows(
      store.db,
      sql`alter table areas add constraint areas_test_forbidden_check check (name_sv <> 'Förbjuden')`,
    );
    try {
      const csv = [
        AREA_HEADER,
        'B1,postal-code,Nimi,Namn,Name,suur-tapiola,60.2,24.7,10,1,1,2024,x',
        'B2,postal-code,Nimi,Förbjuden,Name,suur-tapiola,60.2,24.7,10,1,1,2024,x',
      ].join('\n');
      const issues = await expectRejected(createImportService(store).importAreas(file('areas.csv', csv)));
      expect(issues).toEqual([
        {
          file: 'areas.csv',
          line: 3,
          column: 'name_sv',
          message: 'breaks the rule areas_test_forbidden_check that the database enforces',
        },
      ]);
    } finally {
      await queryRows(store.db, sql`alter table areas drop constraint areas_test_forbidden_check`);
    }
  });

  it('a NUL byte or other control character in a field, named by line and column', async () => {
    const csv = [
      AREA_HEADER,
      'A1,postal-code,Nimi\u0000,Namn,Name,suur-tapiola,60.2,24.7,10,1,1,2024,x',
    ].join('\n');
    const issues = await expectRejected(createImportService(store).importAreas(file('areas.csv', csv)));
    expect(issues).toEqual([
      {
        file: 'areas.csv',
        line: 2,
        column: 'name_fi',
        message:
          'holds the control character U+0000 at character 5; remove it (a single line of text is expected)',
      },
    ]);
  });

  it('wrong types, each named by line and column, all reported together', async () => {
    const csv = [
      AREA_HEADER,
      'A1,postal-code,Eka,Första,First,suur-tapiola,60.2,24.7,many,1,1,2024,x',
      'A2,county,Toka,Andra,Second,suur-tapiola,60.2,24.7,100,1,1,2024,x',
      'A3,postal-code,Kolmas,Tredje,Third,suur-tapiola,60.2,24.7,100,1,1,last year,x',
    ].join('\n');
    const issues = await expectRejected(createImportService(store).importAreas(file('areas.csv', csv)));
    expect(issues).toEqual([
      {
        file: 'areas.csv',
        line: 2,
        column: 'population_total',
        message: 'expected a whole number, got "many"',
      },
      {
        file: 'areas.csv',
        line: 3,
        column: 'kind',
        message: 'expected one of district, postal-code, statistical-area, grid-cell, got "county"',
      },
      {
        file: 'areas.csv',
        line: 4,
        column: 'data_year',
        message: 'expected a whole number, got "last year"',
      },
    ]);
  });

  it('an unknown district (areas and sites)', async () => {
    const areas = await expectRejected(
      createImportService(store).importAreas(
        file(
          'areas.csv',
          `${AREA_HEADER}\nA1,postal-code,Eka,Första,First,atlantis,60.2,24.7,100,1,1,2024,x\n`,
        ),
      ),
    );
    expect(areas).toEqual([
      {
        file: 'areas.csv',
        line: 2,
        column: 'parent_id',
        message:
          'unknown district or parent area "atlantis"; it is neither in this file nor already imported',
      },
    ]);
    const sites = await expectRejected(
      createImportService(store).importSites(
        file(
          'sites.csv',
          `${SITE_HEADER}\nX1,venue,library,Kirjasto,Bibliotek,Library,60.2,24.7,atlantis,Mo-Fr 09:00-16:00\n`,
        ),
      ),
    );
    expect(sites[0]).toMatchObject({ file: 'sites.csv', line: 2, column: 'district_id' });
    expect(sites[0]?.message).toContain('unknown district "atlantis"; expected one of');
    expect(sites[0]?.message).toContain('suur-leppavaara');
  });

  it('coordinates outside Finland, swapped, or in metres', async () => {
    const csv = [
      SITE_HEADER,
      'X1,venue,library,Kirjasto,Bibliotek,Library,59.33,18.06,,',
      'X2,venue,library,Kirjasto,Bibliotek,Library,24.7,60.2,,',
      'X3,venue,library,Kirjasto,Bibliotek,Library,6672000,385000,,',
    ].join('\n');
    const issues = await expectRejected(createImportService(store).importSites(file('sites.csv', csv)));
    expect(issues.map((i) => [i.line, i.column])).toEqual([
      [2, 'lat'],
      [3, 'lat'],
      [4, 'lat'],
    ]);
    expect(issues[0]?.message).toContain('outside Finland');
    expect(issues[1]?.message).toContain('look swapped');
    expect(issues[2]?.message).toContain('look like metres');
  });

  it('duplicate ids within a file', async () => {
    const csv = [
      AREA_HEADER,
      'A1,postal-code,Eka,Första,First,suur-tapiola,60.2,24.7,100,1,1,2024,x',
      'A1,postal-code,Eka,Första,First,suur-tapiola,60.2,24.7,100,1,1,2024,x',
    ].join('\n');
    const issues = await expectRejected(createImportService(store).importAreas(file('areas.csv', csv)));
    expect(issues).toEqual([
      { file: 'areas.csv', line: 3, column: 'id', message: 'duplicate id "A1" (first used at line 2)' },
    ]);
  });

  it('a file that is not UTF-8 (Latin-1 "ä")', async () => {
    const latin1 = Uint8Array.from(
      [...`${AREA_HEADER}\nA1,postal-code,Kalaj\u00e4rvi,x,x,suur-tapiola,60.2,24.7,100,1,1,2024,x\n`].map(
        (ch) => ch.charCodeAt(0),
      ),
    );
    const issues = await expectRejected(createImportService(store).importAreas(file('areas.csv', latin1)));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.line).toBe(2);
    expect(issues[0]?.message).toMatch(/not valid UTF-8 \(byte 0xE4 at offset \d+\); save it as UTF-8/);
  });

  it('an empty file, and a header with no rows', async () => {
    const empty = await expectRejected(createImportService(store).importSites(file('sites.csv', '')));
    expect(empty[0]?.message).toContain('the file is empty');
    const headerOnly = await expectRejected(
      createImportService(store).importSites(file('sites.csv', `${SITE_HEADER}\n`)),
    );
    expect(headerOnly[0]?.message).toContain('no data rows');
    const emptyJson = await expectRejected(
      createImportService(store).importAreas(file('areas.geojson', '  ')),
    );
    expect(emptyJson[0]?.message).toContain('the file is empty');
  });

  it('missing required columns are listed', async () => {
    const issues = await expectRejected(
      createImportService(store).importSites(file('sites.csv', 'id,name_fi\nX,Y\n')),
    );
    expect(issues[0]?.message).toContain('missing required columns "role", "kind", "name_sv", "name_en"');
  });

  it('GeoJSON problems carry the JSON path of the feature', async () => {
    const doc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {
            id: 'G1',
            kind: 'postal-code',
            name_fi: 'G',
            population_total: -5,
            data_year: 2024,
            source: 'x',
          },
          geometry: { type: 'Point', coordinates: [24.7, 60.2] },
        },
        {
          type: 'Feature',
          properties: {
            id: 'G2',
            kind: 'postal-code',
            name_fi: 'G',
            population_total: 5,
            data_year: 2024,
            source: 'x',
          },
          geometry: { type: 'Polygon', coordinates: [[[1, 2]]] },
        },
      ],
    };
    const issues = await expectRejected(
      createImportService(store).importAreas(file('areas.geojson', JSON.stringify(doc))),
    );
    expect(issues).toEqual([
      {
        file: 'areas.geojson',
        feature: 0,
        path: 'features[0].properties.population_total',
        column: 'population_total',
        message: 'expected a whole number ≥ 0, got -5',
      },
      {
        file: 'areas.geojson',
        feature: 1,
        path: 'features[1].geometry',
        message: 'malformed Polygon coordinates; each ring needs at least 4 [x, y] positions',
      },
    ]);
  });

  it('advisors with unknown skills, bad languages and unknown home sites', async () => {
    const csv = [
      'id,display_name,languages,skills,contracted_hours_per_week,home_site_id',
      'A9,Anna,fi;Swedish,kela,30,SP_MATINKYLA',
      'A10,Anton,fi,juggling,30,SP_NOWHERE',
    ].join('\n');
    const issues = await expectRejected(createImportService(store).importAdvisors(file('advisors.csv', csv)));
    expect(issues.map((i) => [i.line, i.column])).toEqual([
      [2, 'languages'],
      [3, 'skills'],
    ]);
    expect(issues[0]?.message).toContain('"Swedish" is not');
  });

  it('a population that does not add up', async () => {
    const issues = await expectRejected(
      createImportService(store).importAreas(
        file(
          'areas.csv',
          `${AREA_HEADER}\nA1,postal-code,Eka,Första,First,suur-tapiola,60.2,24.7,100,80,30,2024,x\n`,
        ),
      ),
    );
    expect(issues[0]?.message).toBe(
      'population_65_74 + population_75_plus (110) exceeds population_total (100)',
    );
  });
});

describe('good imports', () => {
  it('imports areas and sites, resolving district and postal area from the map, and re-imports without duplicates', async () => {
    const service = createImportService(store);
    const areas = await service.importAreas(
      file(
        'areas.csv',
        `${AREA_HEADER}\nZ1,statistical-area,Zeta,Zeta,Zeta,suur-tapiola,60.18,24.80,100,10,5,2024,test\n`,
      ),
    );
    expect(areas).toEqual({ ok: true, counts: { areas: 1 } });
    // x/y in EPSG:3067 instead of lat/lon; no district given: found by point-in-polygon.
    const siteCsv =
      'id,role,kind,name_fi,name_sv,name_en,x,y,hours\nNEW1,venue,library,K,B,L,378140,6673100,Mo 10:00-12:00\n';
    expect(await service.importSites(file('sites.csv', siteCsv))).toEqual({ ok: true, counts: { sites: 1 } });
    const again = await service.importSites(file('sites.csv', siteCsv));
    expect(again.ok).toBe(true);
    const { createRepositories } = await import('../../src/db/repositories.ts');
    const repos = createRepositories(store.db);
    const site = (await repos.sites.list({ ids: ['NEW1'] }))[0];
    expect(site?.districtId).toBe('suur-tapiola');
    expect(site?.areaId).toBe('02100');
    expect(await repos.sites.count()).toBe(46);
  });
});
