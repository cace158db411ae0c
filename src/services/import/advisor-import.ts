/** Advisors from CSV. Format: docs/import-formats.md. */

import { LANGUAGE_CODE_PATTERN } from '../../core/i18n.ts';
import { asAdvisorId, asSiteId, ID_PATTERN } from '../../core/ids.ts';
import { type Advisor, SKILL_PATTERN, type Skill } from '../../core/model/advisor.ts';
import { parseCompactHours } from '../../core/time/opening-hours.ts';
import type { Located } from './area-import.ts';
import { csvSource, FieldReader } from './fields.ts';
import type { IssueList } from './issues.ts';
import { parseCsv, type SourceFile } from './text.ts';

/** Advisors of a CSV file; `knownSkills`, when given, are the only skills allowed (the city's list). */
export function parseAdvisorsCsv(
  file: SourceFile,
  issues: IssueList,
  knownSkills?: readonly string[],
): Located<Advisor>[] {
  const table = parseCsv(file, issues, ['id', 'display_name', 'languages', 'contracted_hours_per_week']);
  if (!table) return [];
  const out: Located<Advisor>[] = [];
  for (const row of table.rows) {
    const r = new FieldReader(csvSource(row), issues);
    const id = r.text('id', {
      required: true,
      pattern: ID_PATTERN,
      patternHint: 'an id of letters, digits, "_", "-" or "."',
    });
    const displayName = r.text('display_name', { required: true, maxLength: 100 });
    const languages = r.list('languages', {
      required: true,
      item: LANGUAGE_CODE_PATTERN,
      itemHint: 'ISO 639-1 language codes such as fi, sv, en, ar',
    });
    const skills: Skill[] | undefined = r.list(
      'skills',
      knownSkills
        ? { allowed: knownSkills }
        : { item: SKILL_PATTERN, itemHint: 'skill codes such as digital-support' },
    );
    const hours = r.number('contracted_hours_per_week', { required: true, min: 0, max: 60 });
    const maxVisits = r.int('max_visits_per_day', { min: 0, max: 10 }) ?? 2;
    const home = r.text('home_site_id', { pattern: ID_PATTERN, patternHint: 'a site id' }) ?? null;
    const availabilityText = r.text('availability', { maxLength: 1000 }) ?? 'Mo-Fr 08:00-16:00';
    const availability = parseCompactHours(availabilityText);
    if (!availability.ok) r.fail('availability', `${availability.error}; expected e.g. "Mo-Fr 08:00-16:00"`);
    const active = r.bool('active', true);
    const illustrative = r.bool('illustrative', false);
    if (
      !id ||
      !displayName ||
      !languages ||
      languages.length === 0 ||
      !skills ||
      hours === undefined ||
      !availability.ok
    ) {
      if (languages && languages.length === 0) r.fail('languages', 'at least one language is required');
      continue;
    }
    out.push({
      value: {
        id: asAdvisorId(id),
        displayName,
        languages,
        skills,
        contractedMinutesPerWeek: Math.round(hours * 60),
        maxVisitsPerDay: maxVisits,
        homeSiteId: home === null ? null : asSiteId(home),
        availability: availability.value.map((a) => ({ weekday: a.weekday, start: a.opens, end: a.closes })),
        absences: [],
        active,
        illustrative,
      },
      where: { line: row.line },
    });
  }
  return out;
}

export function checkAdvisorReferences(
  located: readonly Located<Advisor>[],
  siteIds: ReadonlySet<string>,
  issues: IssueList,
): void {
  const seen = new Map<string, number | undefined>();
  for (const l of located) {
    if (seen.has(l.value.id)) {
      issues.add({
        line: l.where.line,
        column: 'id',
        message: `duplicate id "${l.value.id}" (first used at line ${seen.get(l.value.id)})`,
      });
    } else seen.set(l.value.id, l.where.line);
    if (l.value.homeSiteId !== null && !siteIds.has(l.value.homeSiteId)) {
      issues.add({
        line: l.where.line,
        column: 'home_site_id',
        message: `unknown site "${l.value.homeSiteId}"; import sites first`,
      });
    }
  }
}
