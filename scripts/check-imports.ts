/**
 * Fails the build when an import points outward (CONTRIBUTING.md, "Layers"):
 *   core → nothing of ours, and no I/O module, clock or randomness
 *   db → core;  services → db, core;  api → services, core;  web → services, core
 *   src/app.ts with its parts in src/app/, src/server.ts (composition roots) → api, web, services,
 *   db, core;  cli → anything
 * and the database's tables stay behind the services: api, web, the composition roots and cli
 * import neither src/db/schema (the tables and their row types) nor a type named `…Row` that
 * comes from src/db, directly or passed on by a service (services hand out domain types).
 * Imports are read with TypeScript's own pre-processor, so multi-line and dynamic
 * imports are seen as the compiler sees them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export type Layer = 'core' | 'db' | 'services' | 'api' | 'web' | 'app' | 'cli';

const ALLOWED: Record<Layer, readonly Layer[]> = {
  core: ['core'],
  db: ['db', 'core'],
  services: ['services', 'db', 'core'],
  api: ['api', 'services', 'core'],
  web: ['web', 'services', 'core'],
  app: ['app', 'api', 'web', 'services', 'db', 'core'],
  cli: ['cli', 'app', 'api', 'web', 'services', 'db', 'core'],
};

/** Packages that do I/O or belong to an outer layer; core must not import them. */
const IO_PACKAGES = [
  /^node:/,
  /^pg$/,
  /^@electric-sql\//,
  /^drizzle-/,
  /^hono/,
  /^@hono\//,
  /^commander$/,
  /^playwright/,
];
const NODE_BUILTINS = new Set([
  'fs',
  'fs/promises',
  'path',
  'os',
  'net',
  'http',
  'https',
  'child_process',
  'worker_threads',
  'crypto',
  'url',
  'process',
]);
/** Clock and randomness: core gets time and random numbers passed in. */
const IMPURE = [
  { pattern: /\bMath\.random\s*\(/, what: 'Math.random()' },
  { pattern: /\bDate\.now\s*\(/, what: 'Date.now()' },
  { pattern: /\bnew Date\s*\(\s*\)/, what: 'new Date()' },
  { pattern: /\bTemporal\.Now\b/, what: 'Temporal.Now' },
  { pattern: /\bprocess\.(env|argv|exit|cwd)\b/, what: 'process globals' },
];

export interface Violation {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

function layerOf(srcDir: string, file: string): Layer | undefined {
  const rel = relative(srcDir, file);
  if (rel.startsWith('..')) return undefined;
  const top = rel.split(sep)[0];
  // The composition roots: the app (with its parts in src/app/), and a server process around it.
  if (rel === 'app.ts' || rel === 'server.ts' || top === 'app') return 'app';
  return (['core', 'db', 'services', 'api', 'web', 'cli'] as const).find((l) => l === top);
}

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx)$/.test(name)) yield path;
  }
}

const lineAt = (text: string, pos: number) => text.slice(0, pos).split('\n').length;

/** Layers outside the services: they see domain types only, never the database's tables or rows. */
const PAST_SERVICES: readonly Layer[] = ['api', 'web', 'app', 'cli'];

const isSchemaFile = (srcDir: string, target: string) => {
  const rel = relative(join(srcDir, 'db'), target).split(sep).join('/');
  return rel === 'schema.ts' || rel === 'schema' || rel.startsWith('schema/');
};

/** Names a file imports or re-exports by name, with the module each comes from. */
function* namedImports(file: string, text: string): Generator<{ spec: string; name: string; pos: number }> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  for (const statement of source.statements) {
    if (
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      const spec = statement.moduleSpecifier.text;
      const bindings = ts.isImportDeclaration(statement)
        ? statement.importClause?.namedBindings
        : statement.exportClause;
      if (!bindings || ts.isNamespaceImport(bindings) || ts.isNamespaceExport(bindings)) continue;
      for (const element of bindings.elements)
        yield { spec, name: (element.propertyName ?? element.name).text, pos: element.getStart(source) };
    }
  }
}

/** The names a file takes from src/db (imported or re-exported), or none when it cannot be read. */
function namesFromDb(srcDir: string, file: string): ReadonlySet<string> {
  const path = existsSync(file) ? file : file.replace(/\.js$/, '.ts');
  if (!existsSync(path) || statSync(path).isDirectory()) return new Set();
  const names = new Set<string>();
  for (const { spec, name } of namedImports(path, readFileSync(path, 'utf8')))
    if (spec.startsWith('.') && layerOf(srcDir, resolve(dirname(path), spec)) === 'db') names.add(name);
  return names;
}

/** Imports of the schema, or of row types from src/db, by a layer past the services. */
function rowLeaks(srcDir: string, file: string, layer: Layer, text: string, shown: string): Violation[] {
  if (!PAST_SERVICES.includes(layer)) return [];
  const found: Violation[] = [];
  for (const imported of ts.preProcessFile(text, true, true).importedFiles) {
    const spec = imported.fileName;
    if (spec.startsWith('.') && isSchemaFile(srcDir, resolve(dirname(file), spec)))
      found.push({
        file: shown,
        line: lineAt(text, imported.pos),
        message: `${layer} must not import the database schema ("${spec}"): tables and their row types stay in src/db; use a repository or service and its domain types`,
      });
  }
  for (const { spec, name, pos } of namedImports(file, text)) {
    if (!spec.startsWith('.') || !/Row$/.test(name)) continue;
    const targetFile = resolve(dirname(file), spec);
    const target = layerOf(srcDir, targetFile);
    const fromDb = target === 'db' || (target === 'services' && namesFromDb(srcDir, targetFile).has(name));
    if (fromDb)
      found.push({
        file: shown,
        line: lineAt(text, pos),
        message: `${layer} must not import the database row type ${name} ("${spec}"): services hand out domain types`,
      });
  }
  return found;
}

/** Every outward import under `<root>/src`. */
export function checkImportDirections(root: string): Violation[] {
  const srcDir = join(root, 'src');
  const violations: Violation[] = [];
  for (const file of sourceFiles(srcDir)) {
    const layer = layerOf(srcDir, file);
    if (!layer) continue;
    const text = readFileSync(file, 'utf8');
    const shown = relative(root, file);
    const isTest = /\.test\.tsx?$/.test(file);
    for (const imported of ts.preProcessFile(text, true, true).importedFiles) {
      const spec = imported.fileName;
      const line = lineAt(text, imported.pos);
      if (spec.startsWith('.')) {
        const target = layerOf(srcDir, resolve(dirname(file), spec));
        if (!target) {
          violations.push({ file: shown, line, message: `imports "${spec}", outside src/` });
        } else if (!ALLOWED[layer].includes(target)) {
          violations.push({ file: shown, line, message: `${layer} must not import ${target} ("${spec}")` });
        }
      } else if (
        layer === 'core' &&
        !isTest &&
        (IO_PACKAGES.some((p) => p.test(spec)) || NODE_BUILTINS.has(spec))
      ) {
        violations.push({ file: shown, line, message: `core must not import the I/O module "${spec}"` });
      }
    }
    violations.push(...rowLeaks(srcDir, file, layer, text, shown));
    if (layer === 'core' && !isTest) {
      for (const { pattern, what } of IMPURE) {
        const m = pattern.exec(text);
        if (m)
          violations.push({
            file: shown,
            line: lineAt(text, m.index),
            message: `core must not use ${what}; pass it in`,
          });
      }
    }
  }
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const violations = checkImportDirections(root);
  for (const v of violations) process.stderr.write(`${v.file}:${v.line}: ${v.message}\n`);
  if (violations.length > 0) {
    process.stderr.write(
      `${violations.length} import-direction violation${violations.length === 1 ? '' : 's'}\n`,
    );
    process.exit(1);
  }
  process.stderr.write('import directions: ok\n');
}
