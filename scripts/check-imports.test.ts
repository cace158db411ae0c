import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkImportDirections } from './check-imports.ts';

const dirs: string[] = [];
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'neuvo-imports-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('import-direction check', () => {
  it('passes on this repository', () => {
    expect(checkImportDirections(join(dirname(fileURLToPath(import.meta.url)), '..'))).toEqual([]);
  });

  it('fails when a core file imports from db', () => {
    const root = tree({
      'src/db/store.ts': 'export const x = 1;\n',
      'src/core/model.ts': "import { x } from '../db/store.ts';\nexport const y = x;\n",
    });
    expect(checkImportDirections(root)).toEqual([
      { file: 'src/core/model.ts', line: 1, message: 'core must not import db ("../db/store.ts")' },
    ]);
  });

  it('sees multi-line, re-exported and dynamic imports', () => {
    const root = tree({
      'src/api/x.ts': 'export const a = 1;\n',
      'src/db/a.ts': "import {\n  a,\n} from '../api/x.ts';\nexport { a };\n",
      'src/db/b.ts': "export { a } from '../api/x.ts';\n",
      'src/db/c.ts': "export const load = () => import('../api/x.ts');\n",
    });
    expect(checkImportDirections(root).map((v) => `${v.file}:${v.line}`)).toEqual([
      'src/db/a.ts:3',
      'src/db/b.ts:1',
      'src/db/c.ts:1',
    ]);
  });

  it('keeps I/O, the clock and randomness out of core', () => {
    const root = tree({
      'src/core/a.ts': "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
      'src/core/b.ts': "import pg from 'pg';\nexport const b = pg;\n",
      'src/core/c.ts': 'export const now = () => Date.now();\n',
      'src/core/d.ts': 'export const r = () => Math.random();\n',
      'src/core/e.ts':
        "import { Temporal } from 'temporal-polyfill';\nexport const d = Temporal.PlainDate.from('2026-01-01');\n",
    });
    const found = checkImportDirections(root).map((v) => `${v.file}: ${v.message}`);
    expect(found).toEqual([
      'src/core/a.ts: core must not import the I/O module "node:fs"',
      'src/core/b.ts: core must not import the I/O module "pg"',
      'src/core/c.ts: core must not use Date.now(); pass it in',
      'src/core/d.ts: core must not use Math.random(); pass it in',
    ]);
  });

  it('keeps the schema and the row types of src/db behind the services', () => {
    const root = tree({
      'src/db/schema/planning.ts': 'export const plans = {};\n',
      'src/db/repositories/plan-repository.ts':
        "import { plans } from '../schema/planning.ts';\nexport interface PlanRow { id: string }\nexport interface PlanVersion { id: string }\nexport const p = plans;\n",
      'src/services/plans.ts':
        "import { plans } from '../db/schema/planning.ts';\nimport type { PlanRow, PlanVersion } from '../db/repositories/plan-repository.ts';\nexport type { PlanRow, PlanVersion };\nexport interface ReachRow { n: number }\nexport const s = plans;\n",
      'src/cli/schema.ts': "import { plans } from '../db/schema/planning.ts';\nexport const c = plans;\n",
      'src/cli/row.ts':
        "import type { PlanRow } from '../db/repositories/plan-repository.ts';\nexport type C = PlanRow;\n",
      'src/web/page.ts':
        "import type {\n  PlanVersion,\n  PlanRow,\n  ReachRow,\n} from '../services/plans.ts';\nexport type W = [PlanVersion, PlanRow, ReachRow];\n",
    });
    const found = checkImportDirections(root).map((v) => `${v.file}:${v.line}: ${v.message}`);
    expect(found).toEqual([
      'src/cli/row.ts:1: cli must not import the database row type PlanRow ("../db/repositories/plan-repository.ts"): services hand out domain types',
      'src/cli/schema.ts:1: cli must not import the database schema ("../db/schema/planning.ts"): tables and their row types stay in src/db; use a repository or service and its domain types',
      'src/web/page.ts:3: web must not import the database row type PlanRow ("../services/plans.ts"): services hand out domain types',
    ]);
  });

  it('lets the outer layers import inward', () => {
    const root = tree({
      'src/core/m.ts': 'export const m = 1;\n',
      'src/db/d.ts': "import { m } from '../core/m.ts';\nexport const d = m;\n",
      'src/services/s.ts': "import { d } from '../db/d.ts';\nexport const s = d;\n",
      'src/web/w.ts': "import { s } from '../services/s.ts';\nexport const w = s;\n",
      'src/cli/c.ts': "import { w } from '../web/w.ts';\nexport const c = w;\n",
    });
    expect(checkImportDirections(root)).toEqual([]);
  });
});
