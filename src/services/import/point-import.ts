/**
 * Points for a travel-time matrix (`neuvo access matrix --origins/--destinations`): a CSV of
 * `id,lat,lon` (WGS84 degrees), checked like every import: each problem with line and column.
 */
import type { Place } from '../../core/access/engine.ts';
import { ID_PATTERN } from '../../core/ids.ts';
import { csvSource, FieldReader } from './fields.ts';
import { type ImportIssue, IssueList } from './issues.ts';
import { parseCsv, type SourceFile } from './text.ts';

export function parsePointsCsv(
  file: SourceFile,
): { ok: true; places: Place[] } | { ok: false; issues: ImportIssue[] } {
  const issues = new IssueList(file.name);
  const table = parseCsv(file, issues, ['id', 'lat', 'lon']);
  const places: Place[] = [];
  const seen = new Map<string, number>();
  for (const row of table?.rows ?? []) {
    const r = new FieldReader(csvSource(row), issues);
    const id = r.text('id', {
      required: true,
      pattern: ID_PATTERN,
      patternHint: 'an id of letters, digits, "_", "-" or "." (at most 64 characters)',
    });
    const lat = r.number('lat', { required: true, min: -90, max: 90 });
    const lon = r.number('lon', { required: true, min: -180, max: 180 });
    if (!id || lat === undefined || lon === undefined) continue;
    const first = seen.get(id);
    if (first !== undefined) {
      r.fail('id', `duplicate id "${id}" (first used at line ${first})`);
      continue;
    }
    seen.set(id, row.line);
    places.push({ id, location: { lat, lon } });
  }
  if (!issues.ok) return { ok: false, issues: issues.issues };
  return { ok: true, places };
}
