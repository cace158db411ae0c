/**
 * Display strings are for residents: names, street addresses and texts of the Espoo demo carry
 * no remarks on how a value was found ("not verified", "ESTIMATE", "(outsourced)" …). Such
 * remarks belong in the data's note and source columns, and from there in a site's `source`.
 * Checked twice: on the dataset as built from data/espoo, and on the rendered public pages and
 * the public JSON of sites.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { Dataset } from '../../src/services/import/city-dataset.ts';
import { createImportService } from '../../src/services/import-service.ts';
import { buildEspooDataset, readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

/** Words that mark a remark for the data's compilers, not for residents. */
const NOTE_WORDS = [
  'not verified',
  'outsourced',
  'estimate',
  'illustrative',
  'proxy',
  'derived',
  'compiler',
  'not found',
  'per brief',
];
const NOTE_WORD = new RegExp(NOTE_WORDS.join('|'), 'i');
/** In the data, any parenthesised remark counts too ("Albergas seniorcenter (elä ja asu)"). */
const NOTE_IN_DATA = new RegExp(`${NOTE_WORD.source}|[()]`, 'i');

interface Shown {
  readonly where: string;
  readonly value: string;
}

const localized = (where: string, text: Record<string, string | null | undefined> | null): Shown[] =>
  Object.entries(text ?? {}).flatMap(([lang, value]) =>
    value ? [{ where: `${where}.${lang}`, value }] : [],
  );

/** Every string of the dataset that a resident (or a planner's screen) shows as is. */
function displayStrings(d: Dataset): Shown[] {
  return [
    ...d.sites.flatMap((s) => [
      ...localized(`site ${s.id} name`, s.name),
      { where: `site ${s.id} address.street`, value: s.address.street },
      ...localized(`site ${s.id} accessibility`, s.accessibility),
      ...(s.partnerOrganisation
        ? [{ where: `site ${s.id} partnerOrganisation`, value: s.partnerOrganisation }]
        : []),
      ...s.exceptions.flatMap((e) => localized(`site ${s.id} exception ${e.date} note`, e.note)),
    ]),
    ...d.areas.flatMap((a) => localized(`area ${a.id} name`, a.name)),
    ...d.topics.flatMap((t) => [
      ...localized(`topic ${t.id} name`, t.name),
      ...localized(`topic ${t.id} description`, t.description),
    ]),
    ...d.advisors.map((a) => ({ where: `advisor ${a.id} displayName`, value: a.displayName })),
    ...d.scenarios.flatMap((s) => [
      ...localized(`scenario ${s.id} name`, s.name),
      ...localized(`scenario ${s.id} description`, s.description),
    ]),
    ...d.stations.flatMap((s) => localized(`station ${s.id} name`, s.name)),
  ];
}

const offending = (shown: readonly Shown[], pattern: RegExp) =>
  shown.filter((s) => pattern.test(s.value)).map((s) => `${s.where}: "${s.value}"`);

describe('the Espoo demo dataset', () => {
  let dataset: Dataset;
  beforeAll(async () => {
    const built = await buildEspooDataset(readEspoo);
    if (!built.ok) throw new Error(JSON.stringify(built.issues.slice(0, 5)));
    dataset = built.dataset;
  });

  it('has no compiler notes in names, addresses and texts', () => {
    const shown = displayStrings(dataset);
    expect(shown.length).toBeGreaterThan(300);
    expect(offending(shown, NOTE_IN_DATA)).toEqual([]);
  });

  it('marks every site with made-up hours or desks as illustrative', () => {
    const unmarked = dataset.sites
      .filter((s) => /illustrative|made[ -]up/i.test(s.source) && !s.illustrative)
      .map((s) => s.id);
    expect(unmarked).toEqual([]);
    // The demo's hours and desks are made up everywhere, so every site says so.
    expect(dataset.sites.every((s) => s.illustrative)).toBe(true);
  });

  it('gives the Leppävaara point (in Sello) a street address, with where it comes from', () => {
    const leppavaara = dataset.sites.find((s) => s.id === 'SP_LEPPAVAARA');
    expect(leppavaara?.address.street).toBe('Leppävaarankatu 9');
    expect(leppavaara?.address.postalCode).toBe('02600');
    expect(leppavaara?.source).toMatch(/Sello/);
    expect(leppavaara?.source).toMatch(/LIB_SELLO/);
  });

  it('requires site_details.csv to say whether a site’s hours are illustrative', async () => {
    const built = await buildEspooDataset(async (path) => {
      const bytes = await readEspoo(path);
      if (path !== 'demo/site_details.csv') return bytes;
      // Blank the `illustrative` cell of the Sello library's row.
      return new TextEncoder().encode(bytes.toString('utf8').replace(/^(LIB_SELLO,.*),true,/m, '$1,,'));
    });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.issues).toContainEqual(
      expect.objectContaining({ file: 'data/espoo/demo/site_details.csv', column: 'illustrative' }),
    );
  });

  it('keeps the moved remarks in the sites’ source', () => {
    const sites = new Map(dataset.sites.map((s) => [s.id as string, s]));
    expect(sites.get('SP_LEPPAVAARA')?.source).toMatch(/name form not verified/);
    expect(sites.get('HS_ESPOONTORI')?.source).toMatch(/outsourced/);
    expect(sites.get('SEN_LEPPAVAARA')?.source).toMatch(/translation of the name/);
  });
});

describe('the public pages and the public JSON of sites', () => {
  let store: TestStore;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    store = await createTestStore();
    expect((await createImportService(store).importCity(readEspoo)).ok).toBe(true);
    app = createApp({ store, now: () => TUESDAY_2026_12_01 });
  });
  afterAll(async () => {
    await store?.destroy();
  });

  /** The text a reader sees: the content, plus the alt, title and aria-label attributes. */
  const visibleText = (html: string) =>
    [
      ...[...html.matchAll(/\s(?:alt|title|aria-label)="([^"]*)"/g)].map((m) => m[1] ?? ''),
      html
        .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
        .replace(/<[^>]*>/g, ' ')
        .replace(/&nbsp;/g, ' ')
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#39;|&#x27;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>'),
    ].join('\n');

  /** Each note word found, with some text around it. */
  const notesIn = (text: string) => {
    const flat = text.replace(/\s+/g, ' ');
    return [...flat.matchAll(new RegExp(NOTE_WORD.source, 'gi'))].map(
      (m) => `…${flat.slice(Math.max(0, m.index - 40), m.index + m[0].length + 20)}…`,
    );
  };

  it('show no compiler notes on the pages a resident reads', async () => {
    const points = [
      'SP_MATINKYLA',
      'SP_LEPPAVAARA',
      'SP_KALAJARVI',
      'SP_ESPOONLAHTI',
      'SP_ESPOONKESKUS',
      'SP_TAPIOLA',
    ];
    const paths = [
      '/',
      '/sv',
      '/en',
      '/schedule',
      '/sv/schedule',
      '/print/districts/suur-leppavaara',
      '/sv/print/places/SP_LEPPAVAARA',
      // Venues whose names and addresses carried remarks in the compiled files.
      '/places/HS_ESPOONTORI',
      '/sv/places/SEN_LEPPAVAARA',
      '/places/LIB_OMENA',
      ...points.flatMap((id) => [`/places/${id}`, `/sv/places/${id}`]),
    ];
    const found: string[] = [];
    const addresses: string[] = [];
    for (const path of paths) {
      const res = await app.request(path, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(200);
      const html = await res.text();
      for (const line of notesIn(visibleText(html))) found.push(`${path}: ${line}`);
      if (/^(\/sv)?\/places\/SP_LEPPAVAARA$/.test(path))
        addresses.push(/Leppävaarankatu 9/.test(html) ? 'Leppävaarankatu 9' : `${path}: no street address`);
    }
    expect(found).toEqual([]);
    expect(addresses).toEqual(['Leppävaarankatu 9', 'Leppävaarankatu 9']);
  });

  it('still tell residents on the front page that the demo’s hours are made up', async () => {
    const res = await app.request('/en', { headers: { accept: 'text/html' } });
    expect(await res.text()).toContain('opening hours and advisors are made-up examples');
  });

  it('show no compiler notes in the display fields of GET /api/v1/sites', async () => {
    const res = await app.request('/api/v1/sites', { headers: { accept: 'application/json' } });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as {
      items: {
        id: string;
        name: Record<string, string>;
        address: { street: string };
        accessibility: Record<string, string> | null;
        illustrative: boolean;
      }[];
    };
    expect(items.length).toBeGreaterThan(40);
    const shown = items.flatMap((s) => [
      ...localized(`${s.id} name`, s.name),
      { where: `${s.id} address.street`, value: s.address.street },
      ...localized(`${s.id} accessibility`, s.accessibility),
    ]);
    expect(offending(shown, NOTE_IN_DATA)).toEqual([]);
    expect(items.every((s) => s.illustrative)).toBe(true);
  });
});
