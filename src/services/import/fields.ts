/**
 * Typed field readers for one record (a CSV row or a GeoJSON feature's properties).
 * Each reader returns the value or undefined, and records an issue naming the field and
 * what was expected. Reading goes on after a bad field, so one pass finds every problem.
 */
import { type IsoDate, parseIsoDate } from '../../core/time/civil-time.ts';
import { firstControlCharacter } from '../text.ts';
import type { ImportIssue, IssueList } from './issues.ts';

type Where = Omit<ImportIssue, 'file' | 'message'>;

export interface FieldSource {
  /** Raw value; '' or null or undefined mean "empty". */
  get(name: string): unknown;
  where(name: string): Where;
}

export function csvSource(row: { line: number; get(c: string): string | undefined }): FieldSource {
  return { get: (n) => row.get(n), where: (n) => ({ line: row.line, column: n }) };
}

export function jsonSource(obj: Record<string, unknown>, basePath: string, feature?: number): FieldSource {
  return {
    get: (n) => obj[n],
    where: (n) => ({ ...(feature !== undefined ? { feature } : {}), path: `${basePath}.${n}`, column: n }),
  };
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function show(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : JSON.stringify(v);
}

export class FieldReader {
  constructor(
    private readonly source: FieldSource,
    private readonly issues: IssueList,
  ) {}

  has(name: string): boolean {
    return !isEmpty(this.source.get(name));
  }

  fail(name: string, message: string): undefined {
    this.issues.add({ ...this.source.where(name), message });
    return undefined;
  }

  text(
    name: string,
    opts: { required?: boolean; maxLength?: number; pattern?: RegExp; patternHint?: string } = {},
  ) {
    const raw = this.source.get(name);
    if (isEmpty(raw)) return opts.required ? this.fail(name, 'is required but empty') : undefined;
    if (typeof raw !== 'string' && typeof raw !== 'number')
      return this.fail(name, `expected text, got ${show(raw)}`);
    const value = String(raw).trim();
    const control = firstControlCharacter(value, false);
    if (control >= 0)
      return this.fail(
        name,
        `holds the control character U+${value.charCodeAt(control).toString(16).toUpperCase().padStart(4, '0')} at character ${control + 1}; remove it (a single line of text is expected)`,
      );
    if (opts.maxLength !== undefined && value.length > opts.maxLength) {
      return this.fail(name, `is ${value.length} characters long; at most ${opts.maxLength} allowed`);
    }
    if (opts.pattern && !opts.pattern.test(value))
      return this.fail(name, `expected ${opts.patternHint ?? opts.pattern}, got ${show(value)}`);
    return value;
  }

  number(name: string, opts: { required?: boolean; min?: number; max?: number; integer?: boolean } = {}) {
    const raw = this.source.get(name);
    if (isEmpty(raw)) return opts.required ? this.fail(name, 'is required but empty') : undefined;
    let value: number;
    if (typeof raw === 'number') value = raw;
    else if (typeof raw === 'string') {
      // Accept a decimal comma (Finnish spreadsheets) but not thousands separators.
      const s = raw.trim().replace(/^(-?\d+),(\d+)$/, '$1.$2');
      value = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s) ? Number(s) : Number.NaN;
    } else value = Number.NaN;
    const kind = opts.integer ? 'a whole number' : 'a number';
    if (!Number.isFinite(value)) return this.fail(name, `expected ${kind}, got ${show(raw)}`);
    if (opts.integer && !Number.isInteger(value))
      return this.fail(name, `expected a whole number, got ${show(raw)}`);
    if (opts.min !== undefined && value < opts.min)
      return this.fail(name, `expected ${kind} ≥ ${opts.min}, got ${value}`);
    if (opts.max !== undefined && value > opts.max)
      return this.fail(name, `expected ${kind} ≤ ${opts.max}, got ${value}`);
    return value;
  }

  int(name: string, opts: { required?: boolean; min?: number; max?: number } = {}) {
    return this.number(name, { ...opts, integer: true });
  }

  date(name: string, opts: { required?: boolean } = {}): IsoDate | undefined {
    const raw = this.text(name, opts);
    if (raw === undefined) return undefined;
    const parsed = parseIsoDate(raw);
    return parsed.ok ? parsed.value.toString() : this.fail(name, parsed.error);
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.source.get(name);
    if (isEmpty(raw)) return fallback;
    if (typeof raw === 'boolean') return raw;
    const s = String(raw).trim().toLowerCase();
    if (['true', 'yes', '1', 'kyllä', 'ja'].includes(s)) return true;
    if (['false', 'no', '0', 'ei', 'nej'].includes(s)) return false;
    this.fail(name, `expected true or false, got ${show(raw)}`);
    return fallback;
  }

  oneOf<T extends string>(
    name: string,
    allowed: readonly T[],
    opts: { required?: boolean } = {},
  ): T | undefined {
    const raw = this.text(name, opts);
    if (raw === undefined) return undefined;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    return this.fail(name, `expected one of ${allowed.join(', ')}, got ${show(raw)}`);
  }

  /** A `;`-separated list (commas are the CSV separator). */
  list(
    name: string,
    opts: { required?: boolean; item?: RegExp; itemHint?: string; allowed?: readonly string[] } = {},
  ) {
    const raw = this.text(name, opts);
    if (raw === undefined) return opts.required ? undefined : [];
    const items = raw
      .split(/[;|]/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const bad = items.filter(
      (i) => (opts.item && !opts.item.test(i)) || (opts.allowed && !opts.allowed.includes(i)),
    );
    if (bad.length > 0) {
      const expected = opts.allowed
        ? `items from ${opts.allowed.join(', ')}`
        : (opts.itemHint ?? String(opts.item));
      return this.fail(
        name,
        `expected ${expected} separated by ";", but ${bad.map(show).join(', ')} ${bad.length > 1 ? 'are' : 'is'} not`,
      );
    }
    return items;
  }
}
