import { describe, expect, it } from 'vitest';
import { DURATION_BANDS, durationBandOf } from './contact.ts';

describe('duration bands', () => {
  it('read each band’s representative minutes back as that band', () => {
    for (const band of DURATION_BANDS) expect(durationBandOf(band.minutes)).toBe(band.id);
  });

  it('put a stored duration in the band whose range holds it', () => {
    expect(durationBandOf(null)).toBeNull();
    expect(durationBandOf(0)).toBe('under-10');
    expect(durationBandOf(9)).toBe('under-10');
    expect(durationBandOf(10)).toBe('10-20');
    expect(durationBandOf(20)).toBe('10-20');
    expect(durationBandOf(21)).toBe('20-40');
    expect(durationBandOf(41)).toBe('over-40');
    expect(durationBandOf(600)).toBe('over-40');
  });
});
