import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSizes } from './check-size.ts';

const dirs: string[] = [];
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'neuvo-sizes-'));
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

/** A function of `n` lines, declaration and closing brace included. */
const fn = (name: string, n: number) =>
  `export function ${name}() {\n${'  console.log(1);\n'.repeat(n - 2)}}\n`;

describe('size check', () => {
  it('passes on this repository', () => {
    expect(checkSizes(join(dirname(fileURLToPath(import.meta.url)), '..'))).toEqual([]);
  });

  it('names a function over 200 lines and a file over 600, not those at the limits', () => {
    const root = tree({
      'src/core/long.ts': fn('tooLong', 201),
      'src/core/fine.ts': fn('atTheLimit', 200),
      'src/core/big.ts': `${fn('a', 150)}${fn('b', 150)}${fn('c', 150)}${fn('d', 151)}`,
      'src/core/ok.ts': `${fn('a', 150)}${fn('b', 150)}${fn('c', 150)}${fn('d', 150)}`,
    });
    expect(checkSizes(root)).toEqual([
      'src/core/big.ts: 601 lines (at most 600; split it by concept)',
      'src/core/long.ts:1: tooLong has 201 lines (at most 200)',
    ]);
  });

  it('leaves out message catalogues and page components, not other functions in .tsx files', () => {
    const page = `export function Page() {\n  return (\n    <main>\n${'      <p>x</p>\n'.repeat(220)}    </main>\n  );\n}\n`;
    const helper = `export function helper() {\n${'  console.log(1);\n'.repeat(210)}  return <p>x</p>;\n}\n`;
    const root = tree({
      'src/web/public-messages.ts': `export const m = {\n${"  a: 'b',\n".repeat(700)}};\n`,
      'src/web/page.tsx': page,
      'src/web/helper.tsx': helper,
    });
    expect(checkSizes(root)).toEqual(['src/web/helper.tsx:1: helper has 213 lines (at most 200)']);
  });
});
