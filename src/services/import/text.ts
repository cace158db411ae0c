/**
 * Turning uploaded bytes into text and tables, with errors a person can act on.
 */
import { parse } from 'csv-parse/sync';
import type { IssueList } from './issues.ts';

export interface SourceFile {
  /** Shown in every error message. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * Decodes UTF-8 strictly. A file saved as Latin-1 or Windows-1252 (common for "ä" and "ö"
 * from older spreadsheet programs) fails here with the line of the first bad byte instead
 * of importing mangled names.
 */
export function decodeUtf8(file: SourceFile, issues: IssueList): string | undefined {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    const text = decoder.decode(file.bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    const { line, offset, byte } = firstInvalidUtf8(file.bytes);
    issues.add({
      line,
      message: `the file is not valid UTF-8 (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at offset ${offset}); save it as UTF-8 and import again`,
    });
    return undefined;
  }
}

function firstInvalidUtf8(bytes: Uint8Array): { line: number; offset: number; byte: number } {
  let line = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    let need = 0;
    if (b === 0x0a) line++;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return { line, offset: i, byte: b };
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return { line, offset: i, byte: b };
    }
    i += need + 1;
  }
  return { line, offset: bytes.length, byte: 0 };
}

export interface CsvRow {
  /** Line number in the file where the record ends (header is line 1). */
  readonly line: number;
  /** Value of a column, trimmed; undefined if the column is not in the header. */
  get(column: string): string | undefined;
}

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
}

/**
 * Parses a CSV file with a header row. Separator `,` or `;` (spreadsheet programs in
 * Finland often write `;`), detected from the header line.
 */
export function parseCsv(
  file: SourceFile,
  issues: IssueList,
  required: readonly string[],
  options: { allowNoRows?: boolean } = {},
): CsvTable | undefined {
  const text = decodeUtf8(file, issues);
  if (text === undefined) return undefined;
  if (text.trim() === '') {
    issues.add({ message: 'the file is empty; expected a header row and at least one data row' });
    return undefined;
  }
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (e) {
    const lines = (e as { lines?: number }).lines;
    const reason =
      e instanceof Error
        ? e.message.replace(/^Invalid Record Length:|^Quote Not Closed:/, '').trim()
        : String(e);
    issues.add({ ...(lines !== undefined ? { line: lines } : {}), message: `malformed CSV: ${reason}` });
    return undefined;
  }
  const [head, ...body] = records;
  if (!head) {
    issues.add({ message: 'the file is empty; expected a header row' });
    return undefined;
  }
  const header = head.record.map((h) => h.trim());
  const index = new Map<string, number>();
  for (const [i, h] of header.entries()) {
    if (index.has(h))
      issues.add({ line: 1, column: h, message: `column "${h}" appears twice in the header` });
    index.set(h, i);
  }
  const missing = required.filter((c) => !index.has(c));
  if (missing.length > 0) {
    issues.add({
      line: 1,
      message: `missing required column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}; the header has ${header.map((h) => `"${h}"`).join(', ')}`,
    });
    return undefined;
  }
  if (body.length === 0 && !options.allowNoRows) {
    issues.add({ message: 'the file has a header but no data rows' });
    return undefined;
  }
  const rows: CsvRow[] = [];
  for (const { record, info } of body) {
    if (record.length !== header.length) {
      issues.add({
        line: info.lines,
        message: `expected ${header.length} fields as in the header, found ${record.length}`,
      });
      continue;
    }
    rows.push({
      line: info.lines,
      get(column) {
        const i = index.get(column);
        return i === undefined ? undefined : (record[i] ?? '').trim();
      },
    });
  }
  return { header, rows };
}

export function parseJson(file: SourceFile, issues: IssueList): unknown {
  const text = decodeUtf8(file, issues);
  if (text === undefined) return undefined;
  if (text.trim() === '') {
    issues.add({ message: 'the file is empty; expected JSON' });
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message);
    const line = pos?.[1] ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
    issues.add({ ...(line !== undefined ? { line } : {}), message: `not valid JSON: ${message}` });
    return undefined;
  }
}
