import { describe, expect, it } from 'vitest';
import { LANGS } from '../core/i18n.ts';
import { formatDate, formatTime, isMessageKey, MESSAGES, type MessageKey } from './messages.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('resident-facing texts', () => {
  const keys = Object.keys(MESSAGES.fi).filter(isMessageKey);

  it.each(LANGS)('has every key, non-empty, in %s', (lang) => {
    expect(Object.keys(MESSAGES[lang]).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(MESSAGES[lang][key].trim(), `${lang}.${key}`).not.toBe('');
  });

  it('uses the same placeholders in every language', () => {
    for (const key of keys) {
      for (const lang of LANGS)
        expect(placeholders(MESSAGES[lang][key]), `${lang}.${key}`).toEqual(placeholders(MESSAGES.fi[key]));
    }
  });

  it('does not leave Finnish text in the Swedish and English tables', () => {
    // Texts that are legitimately the same in every language (pure formats) are exempt.
    const sameEverywhere = new Set<MessageKey>(['timeRange']);
    for (const key of keys.filter((k) => !sameEverywhere.has(k))) {
      expect(MESSAGES.sv[key], `sv.${key}`).not.toBe(MESSAGES.fi[key]);
      expect(MESSAGES.en[key], `en.${key}`).not.toBe(MESSAGES.fi[key]);
    }
  });

  it('formats times and dates the way each language writes them', () => {
    expect(formatTime('fi', '09:30')).toBe('9.30');
    expect(formatTime('en', '09:30')).toBe('9:30');
    expect(formatDate('fi', '2026-12-01')).toBe('ti 1.12.2026');
    expect(formatDate('sv', '2026-12-01')).toBe('tis 1.12.2026');
    expect(formatDate('en', '2026-12-01')).toBe('Tue, 1 Dec 2026');
  });
});
