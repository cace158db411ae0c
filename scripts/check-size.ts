/**
 * Fails the lint when a function in src/ is over 200 lines or a file over 600 (CONTRIBUTING.md,
 * "Size"): a function does one job, a file holds one concept. Left out: message catalogues
 * (texts in three languages) and page components (a capitalised function whose body is JSX, a
 * page's markup read top to bottom). Lines are counted from the declaration to its closing
 * brace, comments included.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const MAX_FUNCTION_LINES = 200;
const MAX_FILE_LINES = 600;
const CATALOGUE = /(^|\/)([a-z-]+-)?messages\.ts$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const containsJsx = (node: ts.Node): boolean =>
  ts.isJsxElement(node) ||
  ts.isJsxFragment(node) ||
  ts.isJsxSelfClosingElement(node) ||
  ts.forEachChild(node, containsJsx) === true;

function nameOf(node: ts.Node): string | null {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name)
    return node.name.getText();
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isVariableDeclaration(node.parent))
    return node.parent.name.getText();
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isPropertyAssignment(node.parent))
    return node.parent.name.getText();
  return null;
}

/** What is over the limits under `root`/src, one line each (empty when all is well). */
export function checkSizes(root: string): string[] {
  const problems: string[] = [];
  for (const path of files(join(root, 'src'))) {
    problems.push(...problemsOf(relative(root, path), path));
  }
  return problems;
}

function problemsOf(rel: string, path: string): string[] {
  const problems: string[] = [];
  const text = readFileSync(path, 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  // A final line break ends the last line; it does not start another.
  const total = lineOf(text.length) - (text.endsWith('\n') ? 1 : 0);
  if (total > MAX_FILE_LINES && !CATALOGUE.test(rel))
    problems.push(`${rel}: ${total} lines (at most ${MAX_FILE_LINES}; split it by concept)`);
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const lines = lineOf(node.getEnd()) - lineOf(node.getStart()) + 1;
      const name = nameOf(node) ?? '(anonymous)';
      const page = /^[A-Z]/.test(name) && path.endsWith('.tsx') && containsJsx(node.body as ts.Node);
      if (lines > MAX_FUNCTION_LINES && !page)
        problems.push(
          `${rel}:${lineOf(node.getStart())}: ${name} has ${lines} lines (at most ${MAX_FUNCTION_LINES})`,
        );
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = checkSizes(resolve(fileURLToPath(new URL('..', import.meta.url))));
  if (problems.length > 0) {
    console.error(
      `size check: ${problems.length} over the limits\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
    process.exit(1);
  }
  console.log('sizes: ok');
}
