import type { Candidate, CandidateStatus } from '../../../src/invitations/invitations.types';
import type { AttemptScore } from '../../../src/scoring/attempt-scoring';
import {
  candidateRecords,
  candidatesCsv,
  csvCell,
  csvLines,
  csvRow,
  responseRecords,
  responsesCsv,
} from '../../../src/reports/exports';

describe('CSV cells (RFC 4180)', () => {
  it('leaves plain text and numbers as they are', () => {
    expect(csvCell('Ann Lee')).toBe('Ann Lee');
    expect(csvCell(0.75)).toBe('0.75');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell('')).toBe('');
  });

  it('quotes a cell with a comma, a quote or a line break, doubling the quotes', () => {
    expect(csvCell('Lee, Ann')).toBe('"Lee, Ann"');
    expect(csvCell('Ann "the hacker" Lee')).toBe('"Ann ""the hacker"" Lee"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it.each([
    ['=', '=1+1', "'=1+1"],
    ['+', '+1', "'+1"],
    ['-', '-1', "'-1"],
    ['@', '@SUM(A1)', "'@SUM(A1)"],
  ])('defuses a text cell starting with %s by a leading apostrophe', (_, text, expected) => {
    expect(csvCell(text)).toBe(expected);
  });

  it.each([
    // A tab needs no quotes; a line break does.
    ['a tab', '\t=1', "'\t=1"],
    ['a carriage return', '\r=1', '"\'\r=1"'],
    ['a line feed', '\n=1', '"\'\n=1"'],
  ])('defuses a text cell starting with %s', (_, text, expected) => {
    expect(csvCell(text)).toBe(expected);
  });

  it('defuses a formula and quotes it when it holds quotes and commas too', () => {
    expect(csvCell('=HYPERLINK("http://evil.test","Click")')).toBe(
      '"\'=HYPERLINK(""http://evil.test"",""Click"")"',
    );
  });

  it('leaves a formula character that is not first alone', () => {
    expect(csvCell('Ann-Marie')).toBe('Ann-Marie');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('ends each row with CRLF and starts the file with a byte order mark and the header', () => {
    expect(csvRow(['a', 1, null, false])).toBe('a,1,,false\r\n');
    expect(
      [
        ...csvLines(
          ['name', 'score'],
          [
            ['Ann', 1],
            ['=Bo', 0.5],
          ],
        ),
      ].join(''),
    ).toBe("\ufeffname,score\r\nAnn,1\r\n'=Bo,0.5\r\n");
  });
});

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 5, 9);

function candidate(overrides: Partial<Candidate>): Candidate {
  return {
    id: 1,
    assessmentId: 1,
    name: 'Ann Lee',
    email: 'ann@example.test',
    extraTimePercent: 0,
    expiresAt: T0 + 14 * 24 * HOUR,
    createdAt: T0,
    openedAt: null,
    revokedAt: null,
    remindersSent: 0,
    accommodationKey: null,
    accommodationPercent: 0,
    attemptId: null,
    attemptStatus: null,
    startedAt: null,
    deadlineAt: null,
    finishedAt: null,
    answered: 0,
    total: 0,
    score: null,
    ...overrides,
  };
}

const score: AttemptScore = {
  questions: [
    { position: 0, skill: 'git', fraction: 1, earned: 1, max: 1, rule: 'r' },
    { position: 1, skill: 'http', fraction: null, earned: null, max: 5, rule: 'r' },
  ],
  skills: [
    {
      skill: 'git',
      earned: 1,
      possible: 1,
      score: 2 / 3,
      low: 0.2,
      high: 0.9,
      questions: 1,
      passed: true,
      pending: false,
    },
  ],
  overall: { score: 2 / 3, passed: true },
  pending: true,
};

const pool: { candidate: Candidate; status: CandidateStatus }[] = [
  {
    candidate: candidate({
      id: 7,
      attemptId: 3,
      attemptStatus: 'submitted',
      startedAt: T0 + HOUR,
      finishedAt: T0 + HOUR + 754_400,
      score,
    }),
    status: 'submitted',
  },
  { candidate: candidate({ id: 8, name: '@Bo', email: 'bo@example.test' }), status: 'invited' },
];

describe('the candidates download', () => {
  const records = candidateRecords(['git', 'http'], pool);

  it('is one record per candidate with times in ISO 8601 and scores as fractions', () => {
    expect(records[0]).toEqual({
      invitationId: 7,
      name: 'Ann Lee',
      email: 'ann@example.test',
      status: 'submitted',
      invitedAt: '2026-01-05T09:00:00.000Z',
      startedAt: '2026-01-05T10:00:00.000Z',
      finishedAt: '2026-01-05T10:12:34.400Z',
      durationSeconds: 754,
      overall: 0.6667,
      passed: true,
      provisional: true,
      skills: { git: 0.6667, http: null },
    });
    expect(records[1]).toMatchObject({ overall: null, passed: null, skills: { git: null } });
  });

  it('has a column per skill in CSV, empty where there is no score', () => {
    const [header, first, second] = [...candidatesCsv(['git', 'http'], records)];
    expect(header).toBe(
      '\ufeffinvitation_id,name,email,status,invited_at,started_at,finished_at,duration_seconds,overall_score,passed,provisional,score_git,score_http\r\n',
    );
    expect(first).toBe(
      '7,Ann Lee,ann@example.test,submitted,2026-01-05T09:00:00.000Z,2026-01-05T10:00:00.000Z,2026-01-05T10:12:34.400Z,754,0.6667,true,true,0.6667,\r\n',
    );
    expect(second).toBe("8,'@Bo,bo@example.test,invited,2026-01-05T09:00:00.000Z,,,,,,,,\r\n");
  });
});

describe('the responses download', () => {
  const records = responseRecords(
    [
      {
        invitationId: 7,
        name: 'Ann Lee',
        email: 'ann@example.test',
        position: 0,
        questionId: 'git-001',
        version: 2,
        skill: 'git',
        response: { type: 'single', choice: 0 },
      },
      {
        invitationId: 7,
        name: 'Ann Lee',
        email: 'ann@example.test',
        position: 1,
        questionId: 'http-essay',
        version: 1,
        skill: 'http',
        response: { type: 'essay', text: '=cmd|"/c calc"!A1, then "more"' },
      },
    ],
    new Map([[7, score]]),
  );

  it('numbers questions from 1 and takes points from the stored score, null while a grade waits', () => {
    expect(records.map((r) => [r.questionNumber, r.pointsEarned, r.pointsMax])).toEqual([
      [1, 1, 1],
      [2, null, 5],
    ]);
  });

  it('writes the answer as JSON in one quoted cell', () => {
    const [, first, second] = [...responsesCsv(records)];
    expect(first).toBe(
      '7,Ann Lee,ann@example.test,1,git-001,2,git,"{""type"":""single"",""choice"":0}",1,1\r\n',
    );
    expect(second).toBe(
      '7,Ann Lee,ann@example.test,2,http-essay,1,http,"{""type"":""essay"",""text"":""=cmd|\\""/c calc\\""!A1, then \\""more\\""""}",,5\r\n',
    );
  });
});
