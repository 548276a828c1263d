import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const FIXTURES_DIR = path.join(ROOT, 'test/fixtures/psychometrics');

/** No DATA_DIR on purpose: the CLI must not need a database. */
function run(args: string[]) {
  return spawnSync(TSX, [path.join(ROOT, 'src/cli/item-analysis.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    timeout: 60_000,
  });
}

interface ItemRow {
  item: string;
  p: number;
  pointBiserial: number;
  alphaIfDeleted: number;
}
interface Analysis {
  n: number;
  items: ItemRow[];
  alpha: number;
  sem: number;
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skillscreen-item-analysis-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run item-analysis', () => {
  it('prints the LSAT6 statistics R computed, to 3 decimals, keys in the documented order', () => {
    const result = run([path.join(FIXTURES_DIR, 'lsat6.csv')]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout) as Analysis;
    const expected = JSON.parse(
      fs.readFileSync(path.join(FIXTURES_DIR, 'lsat6-expected.json'), 'utf8'),
    ) as Analysis;
    expect(Object.keys(output).slice(0, 4)).toEqual(['n', 'items', 'alpha', 'sem']);
    expect(output.n).toBe(expected.n);
    expect(output.alpha).toBeCloseTo(expected.alpha, 3);
    expect(output.sem).toBeCloseTo(expected.sem, 3);
    expect(output.items.map((item) => item.item)).toEqual(expected.items.map((item) => item.item));
    expected.items.forEach((want, j) => {
      const got = output.items[j];
      expect(Object.keys(got ?? {}).slice(0, 4)).toEqual([
        'item',
        'p',
        'pointBiserial',
        'alphaIfDeleted',
      ]);
      expect(got?.p).toBeCloseTo(want.p, 3);
      expect(got?.pointBiserial).toBeCloseTo(want.pointBiserial, 3);
      expect(got?.alphaIfDeleted).toBeCloseTo(want.alphaIfDeleted, 3);
    });
  });

  it('refuses a non-numeric cell, naming its row and column, with exit code 1', () => {
    const file = path.join(dir, 'matrix.csv');
    fs.writeFileSync(file, 'q1,q2,q3\n1,0,1\n0,yes,1\n');
    const result = run([file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Row 2 (line 3), column q2: "yes" is not a number');
  });

  it.each([
    ['a value outside 0..1', 'q1,q2\n1,0\n2,1\n', 'Row 2 (line 3), column q1: 2 is outside 0..1'],
    [
      'rows of different lengths',
      'q1,q2\n1,0\n1\n',
      'Row 2 (line 3) has 1 cells; the header has 2',
    ],
    ['fewer than 2 items', 'q1\n1\n0\n', 'needs at least 2 items; the header names 1'],
  ])('refuses %s', (_, text, message) => {
    const file = path.join(dir, 'matrix.csv');
    fs.writeFileSync(file, text);
    const result = run([file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(message);
  });

  it('refuses a file it cannot read', () => {
    const result = run([path.join(dir, 'missing.csv')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Cannot read');
  });

  it('reads empty cells as items not shown', () => {
    const file = path.join(dir, 'matrix.csv');
    fs.writeFileSync(file, 'q1,q2\n1,1\n0,\n0.5,0\n');
    const result = run([file]);
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout) as Analysis & { nComplete: number };
    expect(output.nComplete).toBe(2);
    expect(output.items.map((item) => item.p)).toEqual([0.5, 0.5]);
  });
});
