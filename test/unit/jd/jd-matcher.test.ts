import {
  analyzeJobDescription,
  createMatcher,
  type BankTerms,
  type JdMatch,
} from '../../../src/jd/jd-matcher';

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
      [{ skill: 'git', score: expect.any(Number), why: ['code versioning', 'git'] }],
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
    expect(weights.match('docker').map((match) => match.skill)).toEqual(['beta', 'delta', 'gamma']);
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
    ['CI/CD pipelines', 'automated-testing', ['ci']],
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
