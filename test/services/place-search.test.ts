import { describe, expect, it } from 'vitest';
import type { Site } from '../../src/core/model/site.ts';
import { matchSites, nameMatch } from '../../src/services/place-search.ts';

const site = (id: string, fi: string, sv: string, en: string, street = '', role: Site['role'] = 'venue') =>
  ({ id, role, name: { fi, sv, en }, address: { street, postalCode: '', city: '' } }) as unknown as Site;

const SITES = [
  site('LIB', 'Kivenlahden kirjasto', 'Stensviks bibliotek', 'Kivenlahti Library'),
  site('HS', 'Kivenlahden terveysasema', 'Stensviks hälsostation', 'Kivenlahti Health Station', 'Meriusva 3'),
  site('SELLO', 'Sellon kirjasto', 'Sellobiblioteket', 'Sello Library', 'Leppävaarankatu 9'),
  site('MALL', 'Kauppakeskus Sello', 'Köpcentret Sello', 'Sello shopping centre', 'Leppävaarankatu 9'),
  site(
    'SP',
    'Leppävaaran asiointipiste',
    'Albergas servicepunkt',
    'Leppävaara Service Point',
    'Leppävaarankatu 9',
    'fixed-point',
  ),
];
const ids = (q: string, visits: Record<string, number> = {}) =>
  matchSites(q, SITES, new Map(Object.entries(visits))).map((m) => m.site.id);

describe('finding a place by what residents type', () => {
  it('ranks the whole name, then its beginning, then a later word, ignoring case and accents', () => {
    expect(nameMatch(['sellobiblioteket'], 'Sellobiblioteket')).toBe(0);
    expect(nameMatch(['iso', 'omena'], 'Ison Omenan palvelutori')).toBe(1);
    expect(nameMatch(['iso', 'omena'], 'Servicetorget i Iso Omena')).toBe(2);
    expect(nameMatch(['kopcentret'], 'Köpcentret Sello')).toBe(1);
    expect(nameMatch(['omena', 'iso'], 'Iso Omena')).toBeNull();
  });

  it('prefers the place named so in more languages, then the one with visits ahead', () => {
    // "Sello" begins the library's name in fi, sv and en, the mall's in en only.
    expect(ids('Sello')).toEqual(['SELLO', 'MALL']);
    expect(ids('STENSVIK')).toEqual(['LIB', 'HS']);
    expect(ids('Stensvik', { HS: 2 })).toEqual(['HS', 'LIB']);
  });

  it('finds a street address from its beginning, and nothing for too little', () => {
    expect(ids('Leppävaarankatu 9')).toEqual(['SP', 'MALL', 'SELLO']);
    expect(ids('leppavaarankatu 9, 02600 Espoo')).toEqual(['SP', 'MALL', 'SELLO']);
    expect(ids('9')).toEqual([]);
    expect(ids('ki')).toEqual([]);
  });
});
