import {
  MAX_INVITATION_ROWS,
  parseInvitationCsv,
  type InvitationList,
} from '../../../src/invitations/invitation-csv';

function rowsOf(result: InvitationList) {
  expect(result.problems).toEqual([]);
  return result.rows;
}

function problemsOf(text: string): string[][] {
  return rowsOf(parseInvitationCsv(text)).map((row) => row.problems);
}

describe('reading an invitation list', () => {
  it('reads name and email, and extra time when given', () => {
    const rows = rowsOf(parseInvitationCsv('Ann Lee,ann@example.com\nBo Chen,bo@example.com,25\n'));
    expect(rows).toEqual([
      { line: 1, name: 'Ann Lee', email: 'ann@example.com', extraTimePercent: null, problems: [] },
      { line: 2, name: 'Bo Chen', email: 'bo@example.com', extraTimePercent: 25, problems: [] },
    ]);
  });

  it('trims cells and lower-cases email addresses', () => {
    const [row] = rowsOf(parseInvitationCsv('  Ann Lee ,  Ann.Lee@Example.COM  , 10 '));
    expect(row).toMatchObject({
      name: 'Ann Lee',
      email: 'ann.lee@example.com',
      extraTimePercent: 10,
    });
  });

  it('skips a header line, whatever its capitalisation', () => {
    for (const header of [
      'name,email,extra_time',
      'Name,E-mail',
      'Full name,Email address,Extra time',
    ]) {
      const rows = rowsOf(parseInvitationCsv(`${header}\nAnn,ann@example.com`));
      expect(rows.map((row) => [row.line, row.email])).toEqual([[2, 'ann@example.com']]);
    }
  });

  it('reads the first line as a person when it is not a header', () => {
    const rows = rowsOf(parseInvitationCsv('Email Person,email@example.com\nAnn,ann@example.com'));
    expect(rows.map((row) => row.name)).toEqual(['Email Person', 'Ann']);
  });

  it('reads quoted cells with commas, quotes and line breaks', () => {
    const text =
      '"Lee, Ann",ann@example.com\n"Bo ""B"" Chen",bo@example.com\n"Cy\nDee",cy@example.com\n';
    const rows = rowsOf(parseInvitationCsv(text));
    expect(rows.map((row) => [row.line, row.name])).toEqual([
      [1, 'Lee, Ann'],
      [2, 'Bo "B" Chen'],
      [3, 'Cy\nDee'],
    ]);
    rows.forEach((row) => expect(row.problems).toEqual([]));
  });

  it('reads CRLF line ends and a byte order mark, and skips blank lines', () => {
    const text = '\uFEFFname,email\r\n\r\nAnn,ann@example.com\r\n  \r\n,,\r\nBo,bo@example.com\r\n';
    const rows = rowsOf(parseInvitationCsv(text));
    expect(rows.map((row) => [row.line, row.name, row.email])).toEqual([
      [3, 'Ann', 'ann@example.com'],
      [6, 'Bo', 'bo@example.com'],
    ]);
  });

  it('ignores empty cells a spreadsheet leaves after the last column', () => {
    expect(problemsOf('Ann,ann@example.com,,,\n')).toEqual([[]]);
  });

  it('accepts extra time written with a percent sign', () => {
    const [row] = rowsOf(parseInvitationCsv('Ann,ann@example.com,50%'));
    expect(row?.extraTimePercent).toBe(50);
  });
});

describe('problems in a row', () => {
  it('says when the name is missing', () => {
    expect(problemsOf(',ann@example.com')).toEqual([['The name is missing.']]);
  });

  it('says when a name is too long', () => {
    expect(problemsOf(`${'x'.repeat(101)},ann@example.com`)).toEqual([
      ['The name is too long (at most 100 characters).'],
    ]);
  });

  it('says when the email address is missing or not valid', () => {
    expect(problemsOf('Ann\nBo,bo@\nCy,cy at example.com')).toEqual([
      ['The email address is missing.'],
      ['"bo@" is not a valid email address.'],
      ['"cy at example.com" is not a valid email address.'],
    ]);
  });

  it('refuses extra time that is not a whole number from 0 to 200', () => {
    const text = ['A,a@example.com,0', 'B,b@example.com,200', 'C,c@example.com,201'];
    text.push('D,d@example.com,-5', 'E,e@example.com,12.5', 'F,f@example.com,lots');
    const rows = rowsOf(parseInvitationCsv(text.join('\n')));
    expect(rows.map((row) => row.extraTimePercent)).toEqual([0, 200, null, null, null, null]);
    expect(rows.map((row) => row.problems)).toEqual([
      [],
      [],
      ['Extra time must be a whole number from 0 to 200 (percent), not "201".'],
      ['Extra time must be a whole number from 0 to 200 (percent), not "-5".'],
      ['Extra time must be a whole number from 0 to 200 (percent), not "12.5".'],
      ['Extra time must be a whole number from 0 to 200 (percent), not "lots".'],
    ]);
  });

  it('names the earlier line of a repeated email address, ignoring case', () => {
    const text = 'name,email\nAnn,ann@example.com\nBo,bo@example.com\nAnnie,ANN@example.com ';
    expect(problemsOf(text)).toEqual([[], [], ['This email address is already on line 2.']]);
  });

  it('says when a line has too many columns', () => {
    expect(problemsOf('Ann,ann@example.com,10,manager')).toEqual([
      ['This line has 4 columns; use name,email or name,email,extra_time.'],
    ]);
  });

  it('explains how to write a name with a comma', () => {
    expect(problemsOf('Lee, Ann, ann@example.com')).toEqual([
      [
        'The email address must be in the second column. If the name has a comma, put the name in double quotes, like "Lee, Ann",ann@example.com.',
      ],
    ]);
  });

  it('asks for commas when a line uses tabs or semicolons', () => {
    expect(problemsOf('Ann\tann@example.com\nBo;bo@example.com')).toEqual([
      ['Separate the name, email and extra time with commas.'],
      ['Separate the name, email and extra time with commas.'],
    ]);
  });

  it('reports a malformed quoted cell on its row', () => {
    expect(problemsOf('"Ann" Lee,ann@example.com')).toEqual([
      ['Cell 1 has text after its closing quote; double a " inside a quoted cell ("").'],
    ]);
  });

  it('lists every problem of a row', () => {
    expect(problemsOf(',nope,500')).toEqual([
      [
        'The name is missing.',
        '"nope" is not a valid email address.',
        'Extra time must be a whole number from 0 to 200 (percent), not "500".',
      ],
    ]);
  });
});

describe('problems with the whole list', () => {
  it('says when the list is empty', () => {
    for (const text of ['', '\n\n', 'name,email\n']) {
      expect(parseInvitationCsv(text)).toEqual({
        rows: [],
        problems: [
          'The list is empty. Write one person per line: name,email or name,email,extra_time.',
        ],
      });
    }
  });

  it('says where a quote is never closed, keeping the rows before it', () => {
    const result = parseInvitationCsv('Ann,ann@example.com\n"Bo,bo@example.com\nCy,cy@example.com');
    expect(result.rows.map((row) => row.name)).toEqual(['Ann']);
    expect(result.problems).toEqual([
      'Line 2: A quoted cell in this row is never closed: a " is missing, so the rest of the file was not read.',
    ]);
  });

  it(`accepts ${MAX_INVITATION_ROWS} people and refuses more, plainly`, () => {
    const people = (n: number) =>
      Array.from({ length: n }, (_, i) => `Person ${i},p${i}@example.com`).join('\n');
    expect(rowsOf(parseInvitationCsv(`name,email\n${people(1000)}`))).toHaveLength(1000);
    expect(parseInvitationCsv(people(1001))).toEqual({
      rows: [],
      problems: [
        'The list has 1,001 people; at most 1,000 can be invited at once. Split it into smaller lists.',
      ],
    });
  });
});
