import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createImportService } from '../../src/services/import-service.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
beforeAll(async () => {
  store = await createTestStore();
  expect((await createImportService(store).importCity(readEspoo)).ok).toBe(true);
});
afterAll(async () => {
  await store?.destroy();
});

const page = async (path: string, now = TUESDAY_2026_12_01) => {
  const res = await createApp({ store, now: () => now }).request(path, { headers: { accept: 'text/html' } });
  return { res, html: await res.text() };
};

describe('front page', () => {
  it.each([
    ['/', 'fi', 'Matinkylän asiointipiste', 'Auki tänään 9.00–18.00'],
    ['/sv', 'sv', 'Mattby servicepunkt', 'Öppet i dag 9.00–18.00'],
    ['/en', 'en', 'Matinkylä Service Point', 'Open today 9:00–18:00'],
  ])('%s lists the service points in %s with today’s hours', async (path, lang, name, hours) => {
    const { res, html } = await page(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(name);
    expect(html).toContain(hours);
    for (const l of ['fi', 'sv', 'en']) expect(html).toContain(`hreflang="${l}"`);
    // Closed points are not listed; the decision of 2021 left four in service.
    expect(html.match(/<li><h3/g)).toHaveLength(4);
    // No client framework: only the optional location button's small script.
    expect([...html.matchAll(/<script[^>]*>/g)].map((m) => m[0])).toEqual([
      '<script type="module" src="/assets/locate.js"></script>'.replace('></script>', '>'),
    ]);
    expect(new TextEncoder().encode(html).length).toBeLessThan(100_000);
  });

  it('says why a point is closed on a city closure day', async () => {
    const { html } = await page('/sv', Date.UTC(2026, 11, 24, 9));
    expect(html).toContain('Stängt i dag: Julafton');
  });

  it('shows the six points of 2021 on a date in 2021', async () => {
    const { html } = await page('/en', Date.UTC(2021, 11, 1, 9));
    expect(html.match(/<li><h3/g)).toHaveLength(6);
    expect(html).toContain('Closes for good on 31 Mar 2022.');
  });

  it('answers an unknown page with a 404 page in the right language', async () => {
    const { res, html } = await page('/sv/nothing');
    expect(res.status).toBe(404);
    expect(html).toContain('Sidan hittades inte');
  });

  it('serves the stylesheet with caching headers', async () => {
    const res = await createApp({ store }).request('/assets/site.css');
    expect(res.headers.get('content-type')).toContain('text/css');
    expect(res.headers.get('cache-control')).toContain('max-age');
  });
});
