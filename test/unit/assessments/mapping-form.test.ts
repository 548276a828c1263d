import type { StoredLine } from '../../../src/assessments/assessments.types';
import { lineControls, mappingChoices } from '../../../src/assessments/mapping-form';

describe('mappingChoices', () => {
  it('reads the bank and second bank of each line, first bank first', () => {
    const form = mappingChoices({
      'line.0.extra': 'owasp',
      'line.0.primary': 'git',
      'line.1.primary': '',
      'line.2.primary': 'schema-design',
      _csrf: 'token',
    });
    expect(form.banks).toEqual(
      new Map([
        [0, ['git', 'owasp']],
        [1, []],
        [2, ['schema-design']],
      ]),
    );
    expect(form.languages).toEqual(new Map());
  });

  it('reads one ticked language or several, which arrive as a list', () => {
    const form = mappingChoices({
      'line.0.primary': 'backend-language',
      'line.0.language': ['python', 'java'],
      'line.3.language': 'go',
    });
    expect(form.languages).toEqual(
      new Map([
        [0, ['python', 'java']],
        [3, ['go']],
      ]),
    );
  });

  it('chooses nothing for a line left out, and ignores fields of other shapes', () => {
    const form = mappingChoices({
      'line.0.primary': 'git',
      'line.0.language': 'python',
      'line.0.drop': 'on',
      'line.1.primary': { nested: 'object' },
      'line.x.primary': 'git',
      'line.1.bank': 'git',
    });
    expect(form.banks).toEqual(new Map([[1, []]]));
    expect(form.languages).toEqual(new Map());
  });
});

describe('lineControls', () => {
  const line = (skills: string[], choice?: StoredLine['choice']): StoredLine => ({
    position: 0,
    text: 'Python, Ruby or Java',
    section: 'required',
    matches: [],
    skills,
    frameworks: [],
    ...(choice ? { choice } : {}),
  });
  const choice = [
    { bank: 'python', language: 'Python' },
    { bank: 'ruby', language: 'Ruby' },
    { bank: 'java', language: 'Java' },
  ];
  const existing = new Set(['python', 'java', 'backend-language', 'owasp']);

  it('shows a line without a choice as its banks', () => {
    expect(lineControls(line(['git', 'owasp']), existing)).toEqual({
      primary: 'git',
      extra: 'owasp',
      languages: [],
    });
    expect(lineControls(line([]), existing)).toEqual({ primary: '', extra: '', languages: [] });
  });

  it('offers the named languages unticked while the fallback assesses the line', () => {
    expect(lineControls(line(['backend-language'], choice), existing)).toEqual({
      primary: 'backend-language',
      extra: '',
      languages: [
        { bank: 'python', language: 'Python', available: true, checked: false },
        { bank: 'ruby', language: 'Ruby', available: false, checked: false },
        { bank: 'java', language: 'Java', available: true, checked: false },
      ],
    });
  });

  it('ticks the chosen languages and keeps the fallback in the bank list behind them', () => {
    const controls = lineControls(line(['java', 'owasp'], choice), existing);
    expect(controls.languages.filter((o) => o.checked).map((o) => o.bank)).toEqual(['java']);
    expect(controls).toMatchObject({ primary: 'owasp', extra: '' });
    expect(lineControls(line(['java'], choice), existing).primary).toBe('backend-language');
  });
});
