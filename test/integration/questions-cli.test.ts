import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bankFile } from '../helpers/bank-files';
import { sample } from '../helpers/questions';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skillscreen-qcli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(script: string, args: string[]) {
  return spawnSync(TSX, [path.join(ROOT, 'src/cli', script), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATA_DIR: path.join(dir, 'data'),
      LOG_LEVEL: 'silent',
    },
    timeout: 60_000,
  });
}

describe('npm run questions:check', () => {
  it('passes on the shipped banks and prints counts per bank', () => {
    const result = run('questions-check.ts', [path.join(ROOT, 'questions')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/git \(.*git\.yaml\): \d+ questions/);
    expect(result.stdout).toContain('correct-option positions: A');
    expect(result.stdout).toContain('multiple-choice keys per item: ');
    expect(result.stdout).toContain('Similar prompts in different banks (cosine similarity');
    const shipped = fs.readdirSync(path.join(ROOT, 'questions')).filter((f) => f.endsWith('.yaml'));
    expect(result.stdout).toMatch(
      new RegExp(
        `${shipped.length} banks, \\d{3} questions, 0 problems; warnings: \\d+ questions? due for review, \\d+ similar pairs?\\.`,
      ),
    );
  });

  it('prints review and similarity warnings without failing, unless --strict', () => {
    const prompt =
      'After login the `connect.sid` cookie keeps the value it had before login. Which change stops an attacker who planted that session ID?';
    const banks = [
      bankFile({
        skill: 'authn-authz',
        name: 'Authentication',
        questions: [sample('single', { id: 'auth-001', prompt, reviewed: '2001-01' })],
      }),
      bankFile({
        skill: 'session-management',
        name: 'Sessions',
        questions: [sample('single', { id: 'sm-001', prompt: `Pen test: ${prompt}` })],
      }),
    ];
    for (const bank of banks) fs.writeFileSync(path.join(dir, bank.name), bank.text);

    const result = run('questions-check.ts', [dir]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /authn-authz\.yaml:\d+: auth-001: last reviewed 2001-01, \d+ months ago: review it again \(due after 18 months\)\./,
    );
    expect(result.stdout).toMatch(/session-management\.yaml:\d+: sm-001: not reviewed yet/);
    expect(result.stdout).toMatch(
      /auth-001 \(authn-authz\) and sm-001 \(session-management, session-management\.yaml:\d+\) are 0\.\d\d similar/,
    );
    expect(result.stdout).toContain(
      '2 banks, 2 questions, 0 problems; warnings: 2 questions due for review, 1 similar pair.',
    );

    expect(run('questions-check.ts', [dir, '--strict']).status).toBe(1);
    const unknown = run('questions-check.ts', [dir, '--strcit']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Usage: npm run questions:check [path] [--strict]');
  });

  it('prints every problem as file:line: message and exits non-zero', () => {
    const file = path.join(dir, 'bad.yaml');
    fs.writeFileSync(
      file,
      [
        'skill: bad',
        'name: Bad',
        'questions:',
        '  - id: bad-1',
        '    type: single',
        '    difficulty: 2',
        '    prompt: Pick one',
        '    options:',
        '      - { text: A, correct: true }',
        '      - { text: B, correct: true }',
        '    explanation: Because.',
        '  - id: bad-1',
        '    type: essay',
        '    difficulty: 3',
        '    prompt: Write',
        '    rubric: Grade it',
      ].join('\n'),
    );
    const result = run('questions-check.ts', [file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      'bad.yaml:9: bad-1 options: A single-choice question needs exactly one correct option (has 2).',
    );
    expect(result.stdout).toContain('bad.yaml:12: bad-1: duplicate id (first on line 4).');
  });
});

describe('npm run questions:import and questions:export', () => {
  it('imports, reports a repeat as unchanged, dry-runs without writing, and exports the same banks', () => {
    const file = path.join(dir, 'http-basics.yaml');
    fs.writeFileSync(file, bankFile().text);

    const dry = run('questions-import.ts', [file, '--dry-run']);
    expect(dry.stdout).toContain('Dry run: nothing is written.');
    expect(dry.stdout).toContain('2 created, 0 changed, 0 unchanged (skipped), 0 refused.');

    const first = run('questions-import.ts', [file]);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('created (2): http-001, http-002');

    const second = run('questions-import.ts', [file]);
    expect(second.stdout).toContain('0 created, 0 changed, 2 unchanged (skipped), 0 refused.');

    const out = path.join(dir, 'out');
    const exported = run('questions-export.ts', [out]);
    expect(exported.status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'http-basics.yaml'), 'utf8')).toContain('id: http-001');
    const reimport = run('questions-import.ts', [path.join(out, 'http-basics.yaml')]);
    expect(reimport.stdout).toContain('0 created, 0 changed, 2 unchanged (skipped), 0 refused.');

    const csv = run('questions-export.ts', [out, '--csv']);
    expect(csv.status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'http-basics.csv'), 'utf8')).toContain('http-001');
  });

  it('reads GIFT with --skill for questions without a category', () => {
    fs.writeFileSync(path.join(dir, 'http-basics.yaml'), bankFile().text);
    run('questions-import.ts', [path.join(dir, 'http-basics.yaml')]);
    const gift = path.join(dir, 'extra.gift');
    fs.writeFileSync(gift, '// a comment\n::Idem:: PUT is idempotent. {T}\n');
    const result = run('questions-import.ts', [gift, '--skill', 'http-basics']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1 created');
  });

  it('refuses a bad file with its line and exits 1', () => {
    const file = path.join(dir, 'broken.yaml');
    fs.writeFileSync(
      file,
      'skill: broken\nname: Broken\nquestions:\n  - id: x-1\n    type: single\n    difficulty: 7\n',
    );
    const result = run('questions-import.ts', [file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/broken\.yaml:6: x-1 difficulty/);
    expect(result.stdout).toContain('nothing was imported');
  });
});
