import {
  DEFAULT_QUESTION_COUNTS,
  deriveSkills,
  expectedMinutes,
  preferredTags,
  strongerSection,
  suggestTimeLimit,
  titleFromDescription,
} from '../../../src/assessments/assessment-rules';

describe('deriveSkills', () => {
  it('lists skills in the order the description first names them, once each', () => {
    const skills = deriveSkills([
      { section: 'required', skills: ['git', 'owasp'] },
      { section: 'required', skills: ['git'] },
      { section: 'nice_to_have', skills: ['backups'] },
    ]);
    expect(skills.map((s) => s.skill)).toEqual(['git', 'owasp', 'backups']);
  });

  it('gives required skills more questions than nice-to-haves', () => {
    const [required, nice] = deriveSkills([
      { section: 'required', skills: ['git'] },
      { section: 'nice_to_have', skills: ['backups'] },
    ]);
    expect(required?.questionCount).toBe(DEFAULT_QUESTION_COUNTS.required);
    expect(nice?.questionCount).toBe(DEFAULT_QUESTION_COUNTS.nice_to_have);
    expect(DEFAULT_QUESTION_COUNTS.required).toBeGreaterThan(DEFAULT_QUESTION_COUNTS.nice_to_have);
  });

  it('takes the strongest section when several lines name a skill', () => {
    const [skill] = deriveSkills([
      { section: 'nice_to_have', skills: ['git'] },
      { section: 'responsibility', skills: ['git'] },
    ]);
    expect(skill?.section).toBe('responsibility');
    expect(strongerSection('other', 'required')).toBe('required');
  });

  it('keeps the settings a manager already chose', () => {
    const previous = new Map([
      [
        'git',
        {
          skill: 'git',
          section: 'required' as const,
          questionCount: 9,
          weight: 2,
          passThreshold: 80,
        },
      ],
    ]);
    const [skill] = deriveSkills([{ section: 'nice_to_have', skills: ['git'] }], previous);
    expect(skill).toMatchObject({
      questionCount: 9,
      weight: 2,
      passThreshold: 80,
      section: 'nice_to_have',
    });
  });

  it('ignores dropped lines', () => {
    expect(deriveSkills([{ section: 'required', skills: [] }])).toEqual([]);
  });
});

describe('time limits', () => {
  it('expects harder and longer question types to take longer', () => {
    expect(expectedMinutes('essay', 3)).toBeGreaterThan(expectedMinutes('single', 3));
    expect(expectedMinutes('single', 5)).toBeGreaterThan(expectedMinutes('single', 1));
  });

  it('suggests the expected time plus a margin, rounded up to 5 minutes, at least 5', () => {
    expect(suggestTimeLimit([{ questionCount: 10, averageMinutes: 1 }])).toBe(15);
    expect(
      suggestTimeLimit([
        { questionCount: 20, averageMinutes: 1 },
        { questionCount: 1, averageMinutes: 10 },
      ]),
    ).toBe(35);
    expect(suggestTimeLimit([])).toBe(5);
  });
});

describe('titleFromDescription', () => {
  it('takes a short first line, without Markdown marks', () => {
    expect(titleFromDescription('\n# Senior Backend Engineer\n\nWe are...')).toBe(
      'Senior Backend Engineer',
    );
    expect(titleFromDescription('**Platform Developer**\n- Git')).toBe('Platform Developer');
  });

  it('falls back when the first line is a sentence or too long', () => {
    expect(titleFromDescription('We are hiring someone great.')).toBe('Untitled assessment');
    expect(titleFromDescription('x'.repeat(100))).toBe('Untitled assessment');
  });
});

describe('preferredTags', () => {
  it('gathers per bank the frameworks named on the lines still assessed', () => {
    const django = { tag: 'django', bank: 'python' };
    const spring = { tag: 'spring', bank: 'java' };
    const flask = { tag: 'flask', bank: 'python' };
    expect(
      preferredTags([
        { skills: ['python'], frameworks: [django] },
        { skills: ['java'], frameworks: [spring, django] },
        { skills: [], frameworks: [flask] },
        { skills: ['git'], frameworks: [] },
      ]),
    ).toEqual(
      new Map([
        ['python', ['django']],
        ['java', ['spring']],
      ]),
    );
  });
});
