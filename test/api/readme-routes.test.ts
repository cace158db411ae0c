/** The README's list of HTTP routes names only routes the app has. */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
beforeAll(async () => {
  store = await createTestStore();
});
afterAll(async () => {
  await store?.destroy();
});

/** A path with every parameter segment (`{id}`, `{id}.ics`, `:id`) as `*`. */
const shape = (path: string) =>
  path
    .split('?')[0]
    ?.split('/')
    .map((segment) => (/[{:]/.test(segment) ? '*' : segment))
    .join('/');

describe('README', () => {
  it('lists only routes the app serves', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## HTTP'), readme.indexOf('## Architecture'));
    const listed = [...section.matchAll(/`(\/[^`\s…]*)`/g)].map((m) => m[1] as string);
    expect(listed.length).toBeGreaterThan(40);
    const routes = new Set(createApp({ store }).routes.map((r) => shape(r.path)));
    expect(listed.filter((path) => !routes.has(shape(path)))).toEqual([]);
  });
});
