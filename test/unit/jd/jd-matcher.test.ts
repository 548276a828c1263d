import {
  analyzeJobDescription,
  CHOICE_NOTE,
  createMatcher,
  type BankTerms,
  type JdMatch,
  type LineContext,
} from '../../../src/jd/jd-matcher';
import type { LanguageBank, NearestBank } from '../../../src/jd/jd-vocabulary';

/** Small banks in the shape of the shipped ones, so each rule is easy to see. */
const BANKS: BankTerms[] = [
  {
    slug: 'git',
    name: 'Git and code versioning',
    description: 'Branching, merging and repairing history.',
    keywords: ['git', 'version control', 'merge conflicts', 'git workflow'],
  },
  {
    slug: 'owasp',
    name: 'OWASP web application security',
    description: 'Injection, XSS and broken access control.',
    keywords: ['owasp', 'owasp top 10', 'xss', 'sql injection'],
  },
  {
    slug: 'session-management',
    name: 'Session management in distributed systems',
    description: 'Cookies, session stores and load balancers.',
    keywords: ['session management', 'session cookie', 'sticky sessions', 'redis', 'jwt'],
  },
  {
    slug: 'authn-authz',
    name: 'Authentication and authorization across systems',
    description: 'Sessions, tokens, OAuth and single sign-on.',
    keywords: ['authentication', 'authorization', 'oauth', 'jwt', 'single sign-on', 'mfa'],
  },
  {
    slug: 'automated-testing',
    name: 'Automated testing and unit tests',
    description: 'Unit, integration and end-to-end tests run in CI.',
    keywords: ['unit tests', 'jest', 'continuous integration', 'test automation'],
  },
  {
    slug: 'hosting-scaling',
    name: 'Hosting, database administration and scaling',
    description: 'Running production databases and scaling with load.',
    keywords: ['hosting', 'scaling', 'kubernetes', 'database administration', 'dba'],
  },
  {
    slug: 'css-preprocessors',
    name: 'CSS preprocessors (Sass, Less)',
    description: 'Compiling Sass and Less in a build pipeline.',
    keywords: ['css preprocessors', 'sass', 'less'],
  },
  {
    slug: 'frontend-basics',
    name: 'Front-end basics for back-end developers',
    description: 'JavaScript, HTML and CSS in the browser.',
    keywords: ['javascript', 'html', 'css', 'typescript'],
  },
  {
    slug: 'backend-language',
    name: 'Node.js back-end programming',
    description: 'The event loop, streams and modules.',
    keywords: ['node.js', 'nodejs'],
  },
];

const matcher = createMatcher(BANKS);

function skills(text: string): string[] {
  return matcher.match(text).map((match) => match.skill);
}

function top(text: string): JdMatch | undefined {
  return matcher.match(text)[0];
}

describe('what counts as a match', () => {
  it('matches a keyword and says which words matched, as the line writes them', () => {
    expect(matcher.match('Proficient understanding of code versioning tools, such as Git')).toEqual(
      [
        {
          skill: 'git',
          score: expect.any(Number),
          why: ['code versioning', 'git'],
          confidence: 'strong',
        },
      ],
    );
  });

  it('reports a line that matches nothing well as unmatched rather than forcing it', () => {
    expect(matcher.match('Fluent in Klingon')).toEqual([]);
    expect(matcher.match('Excellent communication skills and a team player')).toEqual([]);
  });

  it('never counts stopwords or job-ad filler', () => {
    expect(
      matcher.match('We are looking for the best of the best, with strong experience'),
    ).toEqual([]);
  });

  it('needs a whole keyword or a name phrase: loose description words only add support', () => {
    expect(matcher.match('Branching and repairing')).toEqual([]);
    const withKeyword = top('Git, branching and repairing history');
    expect(withKeyword?.skill).toBe('git');
    expect(withKeyword?.why).toEqual(['git', 'branching', 'repairing', 'history']);
  });

  it('may match two banks, best first', () => {
    const matches = matcher.match('JWT-based authentication with sticky sessions');
    expect(matches.map((match) => match.skill).sort()).toEqual([
      'authn-authz',
      'session-management',
    ]);
    expect(matches[0]?.score).toBeGreaterThanOrEqual(matches[1]?.score ?? Infinity);
  });

  it('returns at most three banks, each a reasonable fraction of the best', () => {
    const matches = matcher.match('Git, OWASP, Jest unit tests, Sass, Kubernetes and Node.js');
    expect(matches).toHaveLength(3);
    const weak = matcher.match('Git version control, merge conflicts and a git workflow; Sass');
    expect(weak.map((match) => match.skill)).toEqual(['git']);
  });
});

describe('weights', () => {
  const weights = createMatcher([
    { slug: 'alpha', name: 'Alpha', description: 'Dashboards', keywords: ['load testing', 'k6'] },
    { slug: 'beta', name: 'Beta', description: '', keywords: ['docker', 'tracing'] },
    { slug: 'gamma', name: 'Gamma', description: '', keywords: ['docker'] },
    { slug: 'delta', name: 'Delta', description: '', keywords: ['docker'] },
  ]);
  const score = (text: string, skill: string) =>
    weights.match(text).find((match) => match.skill === skill)?.score ?? 0;

  it('weighs a multi-word keyword phrase above a single keyword', () => {
    expect(score('load testing', 'alpha')).toBeGreaterThan(score('k6', 'alpha'));
  });

  it('weighs a word that many banks share below a word only one bank has', () => {
    expect(score('tracing', 'beta')).toBeGreaterThan(score('docker', 'beta'));
  });

  it('weighs description words least', () => {
    const added = score('k6 dashboards', 'alpha') - score('k6', 'alpha');
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThan(score('k6', 'alpha') / 2);
  });

  it('breaks ties by slug, whatever the order of the banks', () => {
    const reversed = createMatcher(
      [...BANKS].reverse().concat([
        { slug: 'zeta', name: 'Zeta', description: '', keywords: ['terraform'] },
        { slug: 'eta', name: 'Eta', description: '', keywords: ['terraform'] },
      ]),
    );
    expect(reversed.match('terraform').map((match) => match.skill)).toEqual(['eta', 'zeta']);
  });

  it('counts a repeated term once', () => {
    expect(top('Git, git and GIT')?.score).toBe(top('Git')?.score);
  });

  it('lets a phrase beat its own words', () => {
    expect(top('Working knowledge of the OWASP Top 10')?.why).toEqual(['owasp top 10']);
  });
});

describe('normalising words', () => {
  it.each([
    ['Scaling services', 'hosting-scaling', ['scaling']],
    ['Scalable hosting', 'hosting-scaling', ['scalable', 'hosting']],
    ['Able to authorise API calls', 'authn-authz', ['authorise']],
    ['Writing unit testing suites', 'automated-testing', ['unit testing']],
    ['Session cookies', 'session-management', ['session cookies']],
  ])('stems "%s" to %s', (text, skill, why) => {
    expect(top(text)).toMatchObject({ skill, why });
  });

  it.each([
    ['k8s clusters', 'hosting-scaling', ['k8s']],
    ['DB administration', 'hosting-scaling', ['db administration']],
    ['authn/authz between services', 'authn-authz', ['authn/authz']],
    ['JS and TS', 'frontend-basics', ['js', 'ts']],
    ['SSO for staff', 'authn-authz', ['sso']],
    ['Two-factor authentication (2FA)', 'authn-authz', ['two-factor authentication', '2fa']],
    ['CI/CD pipelines', 'automated-testing', ['ci pipelines']],
    ['A DBA role', 'hosting-scaling', ['dba']],
  ])('reads acronyms: "%s" -> %s', (text, skill, why) => {
    expect(top(text)).toMatchObject({ skill, why });
  });

  it.each([
    ['Experience with a VCS', 'git', ['vcs']],
    ['Code versioning', 'git', ['code versioning']],
    ['Source control hygiene', 'git', ['source control']],
    ['Security principles', 'owasp', ['security principles']],
    ['Secure coding', 'owasp', ['secure coding']],
    ['Session affinity behind a proxy', 'session-management', ['session affinity']],
    ['Login flows', 'authn-authz', ['login']],
  ])('knows synonyms: "%s" -> %s', (text, skill, why) => {
    expect(top(text)).toMatchObject({ skill, why });
  });

  it('reads front-end, front end and frontend alike', () => {
    expect(skills('front-end')).toEqual(['frontend-basics']);
    expect(skills('front end')).toEqual(['frontend-basics']);
    expect(skills('frontend')).toEqual(['frontend-basics']);
  });

  it('keeps Node.js whole rather than reading "js" as JavaScript', () => {
    expect(skills('Node.js')).toEqual(['backend-language']);
  });

  it('counts everyday words that are tool names only when written as names', () => {
    expect(matcher.match('less than three years of experience')).toEqual([]);
    expect(top('Experience with LESS')?.why).toEqual(['less']);
    expect(top('Sass or Less')?.why).toEqual(['sass', 'less']);
  });

  it('quotes a hyphenated word whole', () => {
    expect(top('Single sign-on for partners')?.why).toEqual(['single sign-on']);
  });
});

describe('determinism', () => {
  it('gives the same output for the same input, whatever the bank order', () => {
    const text = [
      'Requirements',
      '- Git and JWT sessions',
      '- OWASP and XSS',
      '- Scaling with Kubernetes',
    ].join('\n');
    const first = analyzeJobDescription(text, BANKS);
    expect(analyzeJobDescription(text, BANKS)).toEqual(first);
    expect(analyzeJobDescription(text, [...BANKS].reverse())).toEqual(first);
  });
});

describe('analyzeJobDescription', () => {
  it('keeps unmatched list lines, drops unmatched prose, and renumbers positions', () => {
    const lines = analyzeJobDescription(
      [
        'Requirements',
        'You know Git. You enjoy long walks.',
        '',
        'Responsibilities',
        '- Fluent in Klingon',
        '- Write Jest unit tests',
      ].join('\n'),
      BANKS,
    );
    expect(lines.map(({ text, position, unmatched }) => ({ text, position, unmatched }))).toEqual([
      { text: 'You know Git.', position: 0, unmatched: false },
      { text: 'Fluent in Klingon', position: 1, unmatched: true },
      { text: 'Write Jest unit tests', position: 2, unmatched: false },
    ]);
    expect(lines[1]?.matches).toEqual([]);
  });

  it('works with no banks at all', () => {
    const lines = analyzeJobDescription('Skills\n- Git', []);
    expect(lines).toEqual([expect.objectContaining({ text: 'Git', matches: [], unmatched: true })]);
  });
});

/** Banks shaped like the shipped ones, with the words each rule below needs. */
const ECOSYSTEM: BankTerms[] = [
  {
    slug: 'backend-language',
    name: 'Node.js and TypeScript back-end programming',
    description: 'The event loop, streams and modules.',
    keywords: ['node.js', 'express', 'typescript', 'javascript', 'rest api'],
  },
  {
    slug: 'frontend-basics',
    name: 'Front-end basics',
    description: 'The DOM and the browser.',
    keywords: ['javascript', 'typescript', 'html', 'css'],
  },
  {
    slug: 'automated-testing',
    name: 'Automated testing',
    description: 'Suites that run in CI.',
    keywords: ['unit tests', 'integration tests', 'tests', 'jest'],
  },
  {
    slug: 'backups',
    name: 'Backups',
    description: 'Testing that restores work, thoroughly and often.',
    keywords: ['backups', 'restore testing'],
  },
  {
    slug: 'schema-design',
    name: 'Relational schema design',
    description: 'Keys and constraints.',
    keywords: ['postgresql', 'mysql', 'sql'],
  },
  {
    slug: 'data-migration',
    name: 'Data migration',
    description: 'Moving data between databases.',
    keywords: ['data migration', 'mysql to postgresql'],
  },
  {
    slug: 'hosting-scaling',
    name: 'Hosting and scaling',
    description: 'Running production.',
    keywords: ['aws', 'kubernetes', 'cdn'],
  },
  {
    slug: 'performance',
    name: 'Performance',
    description: 'Fast pages.',
    keywords: ['profiling', 'cdn'],
  },
  {
    slug: 'delivery-platforms',
    name: 'Delivery platforms',
    description: 'Fast, responsive pages for customers on mobile and desktop.',
    keywords: ['responsive design', 'cdn'],
  },
];

const NEAREST: NearestBank[] = [
  { bank: 'backend-language', terms: ['django', 'ruby on rails', 'rails', 'spring boot', 'go'] },
  { bank: 'frontend-basics', terms: ['react', 'next.js', 'webpack'] },
];

const ecosystem = createMatcher(ECOSYSTEM, NEAREST);

function best(text: string, context?: LineContext): JdMatch | undefined {
  return ecosystem.match(text, context)[0];
}

describe('technology names, however they are written', () => {
  it.each([
    ['Express.js APIs', 'express.js'],
    ['ExpressJS APIs', 'expressjs'],
    ['APIs in expressjs', 'expressjs'],
    ['Node and Express 5', 'express'],
  ])('reads "%s" as Express', (text, word) => {
    expect(best(text)).toMatchObject({ skill: 'backend-language' });
    expect(best(text)?.why).toContain(word);
  });

  it('drops a version written onto a name', () => {
    expect(best('HTML5 and CSS3')).toMatchObject({
      skill: 'frontend-basics',
      why: ['html5', 'css3'],
    });
    expect(best('Next.js 14 and React18')?.why).toEqual(['next.js', 'react18']);
  });

  it('reads plurals and singulars alike', () => {
    expect(best('Backup')?.skill).toBe('backups');
    expect(best('MySQL databases')?.skill).toBe('schema-design');
  });

  it('counts an everyday word as a name only when written as one', () => {
    expect(ecosystem.match('React quickly to incidents')).toEqual([]);
    expect(best('React, Redux and CSS modules')?.skill).toBe('frontend-basics');
    expect(ecosystem.match('Ready to go the extra mile')).toEqual([]);
    expect(best('Go, Rust or Java')?.skill).toBe('backend-language');
  });
});

describe('listed kinds', () => {
  it('reads "unit, integration, and system tests" as unit tests, integration tests and system tests', () => {
    expect(best('Write unit, integration, and system tests')).toMatchObject({
      skill: 'automated-testing',
      why: ['unit tests', 'integration tests', 'tests'],
    });
  });

  it('expands lists joined by slashes and "or" too', () => {
    expect(best('Unit/integration tests')?.why).toEqual(['unit tests', 'integration tests']);
    expect(best('unit or integration tests')?.why).toEqual(['unit tests', 'integration tests']);
  });
});

describe('technologies without a bank', () => {
  it('proposes the nearest bank and says so', () => {
    expect(ecosystem.match('Django or Ruby on Rails')).toEqual([
      {
        skill: 'backend-language',
        score: expect.any(Number),
        why: ['django', 'ruby on rails'],
        confidence: 'fair',
        note: 'No bank covers Django or Ruby on Rails yet; this is the nearest.',
      },
    ]);
    expect(best('React and Next.js')).toMatchObject({
      skill: 'frontend-basics',
      note: 'No bank covers React or Next.js yet; this is the nearest.',
    });
  });

  it('never calls a stand-in strong, however many technologies the line names', () => {
    expect(best('Django, Rails, Spring Boot and Go')?.confidence).toBe('fair');
  });

  it('has no note when the line also names what the bank covers', () => {
    const match = best('Node.js, Express and Django');
    expect(match?.skill).toBe('backend-language');
    expect(match?.note).toBe('No bank covers Django yet; this is the nearest.');
    expect(best('Node.js and Express')?.note).toBeUndefined();
  });

  it('gives way to a bank that lists the technology itself', () => {
    const withPython = createMatcher(
      [
        ...ECOSYSTEM,
        {
          slug: 'python',
          name: 'Python back-end programming',
          description: '',
          keywords: ['python', 'django'],
        },
      ],
      NEAREST,
    );
    expect(withPython.match('Django')).toEqual([
      { skill: 'python', score: expect.any(Number), why: ['django'], confidence: 'fair' },
    ]);
  });

  it('ignores a table entry whose bank does not exist, and leaves unknown technologies unmatched', () => {
    const matcher = createMatcher(ECOSYSTEM, [{ bank: 'no-such-bank', terms: ['cobol'] }]);
    expect(matcher.match('COBOL on the mainframe')).toEqual([]);
    expect(ecosystem.match('COBOL on the mainframe')).toEqual([]);
  });
});

describe('confidence', () => {
  it('needs the skill’s own terms: words from a bank description are not enough', () => {
    expect(best('Test your code thoroughly before it ships')?.skill).toBe('automated-testing');
    expect(ecosystem.match('Restores, thoroughly and often')).toEqual([]);
  });

  it('leaves a line unmatched when its only evidence is a word many banks hold', () => {
    expect(ecosystem.match('A CDN')).toEqual([]);
  });

  it('sends a list of databases to schema design, not to data migration', () => {
    expect(ecosystem.match('PostgreSQL, MySQL and MongoDB').map((match) => match.skill)).toEqual([
      'schema-design',
    ]);
  });

  it('gives words two banks share to the focus of the posting', () => {
    expect(best('JavaScript and TypeScript')?.skill).toBe('backend-language');
    expect(best('JavaScript and TypeScript', { focus: 'frontend-basics' })?.skill).toBe(
      'frontend-basics',
    );
    expect(best('REST APIs in Node.js', { focus: 'frontend-basics' })?.skill).toBe(
      'backend-language',
    );
  });

  it('asks responsibilities and prose outside the skill sections to name the skill', () => {
    const loose = 'A CDN for fast, responsive pages for customers';
    const prose: LineContext = { section: 'other', fromProse: true };
    expect(best(loose, { section: 'required' })?.skill).toBe('delivery-platforms');
    expect(ecosystem.match(loose, prose)).toEqual([]);
    expect(ecosystem.match(loose, { section: 'responsibility' })).toEqual([]);
    expect(best('You will design our PostgreSQL tables', prose)?.skill).toBe('schema-design');
  });

  it('calls a line that names the bank in several of its own words strong', () => {
    expect(best('Jest unit tests and integration tests')?.confidence).toBe('strong');
    expect(best('Kubernetes')?.confidence).toBe('fair');
  });
});

describe('languages', () => {
  const LANGUAGES: LanguageBank[] = [
    {
      bank: 'python',
      language: 'Python',
      terms: ['python'],
      frameworks: [{ tag: 'django', name: 'Django', terms: ['django'] }],
    },
    {
      bank: 'ruby',
      language: 'Ruby',
      terms: ['ruby'],
      frameworks: [{ tag: 'rails', name: 'Ruby on Rails', terms: ['rails', 'ruby on rails'] }],
    },
    { bank: 'php', language: 'PHP', terms: ['php'], frameworks: [] },
    {
      bank: 'javascript-node',
      language: 'JavaScript and Node.js',
      terms: ['node.js', 'javascript'],
      frameworks: [{ tag: 'express', name: 'Express', terms: ['express'] }],
    },
  ];
  const bank = (slug: string, keywords: string[] = []): BankTerms => ({
    slug,
    name: slug,
    description: '',
    keywords,
  });
  const fallback = bank('backend-language', ['rest api', 'server-side language']);
  const python = bank('python');
  const javascript = bank('javascript-node', ['node.js']);
  const frontEnd = bank('frontend-basics', ['javascript', 'html']);
  const today = createMatcher([fallback, python, javascript, frontEnd], [], LANGUAGES);

  it('sends a language, or a framework written in it, to the language bank', () => {
    expect(today.read('4+ years with Python and Django')).toEqual({
      matches: [expect.objectContaining({ skill: 'python', why: ['python', 'django'] })],
      frameworks: [{ tag: 'django', name: 'Django', bank: 'python' }],
    });
    expect(today.match('Django')[0]?.skill).toBe('python');
  });

  it('lets a language without a bank stand in for the fallback, and gives it to its bank once there', () => {
    expect(today.match('Ruby on Rails')).toEqual([
      expect.objectContaining({
        skill: 'backend-language',
        note: 'No bank covers Ruby on Rails yet; this is the nearest.',
      }),
    ]);
    const withRuby = createMatcher([fallback, python, bank('ruby')], [], LANGUAGES);
    expect(withRuby.read('Ruby on Rails')).toEqual({
      matches: [expect.objectContaining({ skill: 'ruby', why: ['ruby on rails'] })],
      frameworks: [{ tag: 'rails', name: 'Ruby on Rails', bank: 'ruby' }],
    });
  });

  it('offers a line that names several languages as a choice, proposing the fallback until then', () => {
    expect(today.read('Server-side language: Python, Ruby, PHP or Node.js')).toEqual({
      matches: [
        {
          skill: 'backend-language',
          score: expect.any(Number),
          why: ['server-side language', 'python', 'ruby', 'php', 'node.js'],
          confidence: 'fair',
          note: CHOICE_NOTE,
        },
      ],
      choice: [
        { bank: 'python', language: 'Python' },
        { bank: 'ruby', language: 'Ruby' },
        { bank: 'php', language: 'PHP' },
        { bank: 'javascript-node', language: 'JavaScript and Node.js' },
      ],
      frameworks: [],
    });
  });

  it('keeps the other banks a several-language line names', () => {
    const matcher = createMatcher(
      [fallback, python, javascript, bank('schema-design', ['postgresql'])],
      [],
      LANGUAGES,
    );
    const reading = matcher.read('Python or Express with PostgreSQL');
    expect(reading.matches.map((match) => match.skill).sort()).toEqual([
      'backend-language',
      'schema-design',
    ]);
    expect(reading.frameworks).toEqual([
      { tag: 'express', name: 'Express', bank: 'javascript-node' },
    ]);
  });

  it('offers no choice when none of the languages has a bank', () => {
    const reading = today.read('Ruby or PHP');
    expect(reading.choice).toBeUndefined();
    expect(reading.matches[0]).toMatchObject({
      skill: 'backend-language',
      note: 'No bank covers Ruby or PHP yet; this is the nearest.',
    });
  });

  it('drops the languages of a choice line when there is no fallback bank', () => {
    const matcher = createMatcher([python, javascript], [], LANGUAGES);
    expect(matcher.read('Python or Node.js')).toMatchObject({
      matches: [],
      choice: [{ bank: 'python' }, { bank: 'javascript-node' }],
    });
  });

  it('counts no language for words the focus bank of the posting keeps', () => {
    const reading = today.read('JavaScript and Python', { focus: 'frontend-basics' });
    expect(reading.choice).toBeUndefined();
    expect(today.read('JavaScript and Python').choice).toHaveLength(2);
  });

  it('carries the choice and the frameworks into the analysed lines', () => {
    const lines = analyzeJobDescription('Requirements\n- Python or Node.js\n- Django\n', [
      fallback,
      python,
      javascript,
    ]);
    expect(lines.map(({ choice, frameworks }) => ({ choice, frameworks }))).toEqual([
      {
        choice: [
          { bank: 'python', language: 'Python' },
          { bank: 'javascript-node', language: 'JavaScript and Node.js' },
        ],
        frameworks: [],
      },
      { choice: undefined, frameworks: [{ tag: 'django', name: 'Django', bank: 'python' }] },
    ]);
  });
});
