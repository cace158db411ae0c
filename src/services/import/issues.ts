/**
 * Import problems. Every issue says where (file, line or feature, column or JSON path) and
 * what was expected, and an import collects all of them before it gives up, so a city fixes
 * its file in one round instead of one error at a time.
 */
export interface ImportIssue {
  readonly file: string;
  /** Line in a CSV file (the header is line 1). */
  readonly line?: number;
  /** Index of a GeoJSON feature or JSON array element (0-based, as in a JSON path). */
  readonly feature?: number;
  /** CSV column or property name. */
  readonly column?: string;
  /** JSON path, e.g. `features[3].properties.population_total`. */
  readonly path?: string;
  readonly message: string;
}

export function formatIssue(i: ImportIssue): string {
  const where = [i.file];
  if (i.line !== undefined) where.push(`line ${i.line}`);
  if (i.path !== undefined) where.push(i.path);
  else if (i.feature !== undefined) where.push(`feature ${i.feature}`);
  if (i.column !== undefined && i.path === undefined) where.push(`column "${i.column}"`);
  return `${where.join(', ')}: ${i.message}`;
}

/** Collects issues for one file; `at` fixes the location part. */
export class IssueList {
  readonly issues: ImportIssue[] = [];
  constructor(readonly file: string) {}

  add(issue: Omit<ImportIssue, 'file'>): void {
    this.issues.push({ file: this.file, ...issue });
  }

  get ok(): boolean {
    return this.issues.length === 0;
  }
}
