import fs from 'node:fs';
import path from 'node:path';
import { parseBankYaml } from '../../../src/banks/formats/yaml-bank';
import {
  analyzeJobDescription,
  CHOICE_NOTE,
  type BankTerms,
  type MatchedLine,
} from '../../../src/jd/jd-matcher';

/**
 * The parser and matcher end to end, on job descriptions written for these tests
 * (test/fixtures/jd) against the banks that ship in questions/.
 */
const QUESTIONS_DIR = path.resolve(__dirname, '../../../questions');
const FIXTURES_DIR = path.resolve(__dirname, '../../fixtures/jd');

const banks: BankTerms[] = fs
  .readdirSync(QUESTIONS_DIR)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => {
    const { bank } = parseBankYaml(fs.readFileSync(path.join(QUESTIONS_DIR, name), 'utf8'), name);
    if (!bank) throw new Error(`${name} does not parse`);
    return {
      slug: bank.skill,
      name: bank.name,
      description: bank.description,
      keywords: bank.keywords,
    };
  });

function analyze(fixture: string): MatchedLine[] {
  return analyzeJobDescription(fs.readFileSync(path.join(FIXTURES_DIR, fixture), 'utf8'), banks);
}

function lineWith(lines: MatchedLine[], words: string): MatchedLine {
  const line = lines.find((candidate) => candidate.text.includes(words));
  if (!line) throw new Error(`No line with "${words}" in:\n${lines.map((l) => l.text).join('\n')}`);
  return line;
}

describe('a template-style description (backend-template.txt)', () => {
  const lines = analyze('backend-template.txt');

  it.each([
    ['front-end technologies', 'frontend-basics'],
    ['CSS preprocessors', 'css-preprocessors'],
    ['accessibility standards', 'accessibility'],
    ['authentication and authorization', 'authn-authz'],
    ['several data sources', 'data-integration'],
    ['hosting environment', 'hosting-scaling'],
    ['data migration', 'data-migration'],
    ['backups', 'backups'],
    ['outputting data', 'output-formats'],
    ['delivery platforms', 'delivery-platforms'],
    ['database schemas', 'schema-design'],
    ['automated testing platforms', 'automated-testing'],
    ['back-end programming language', 'backend-language'],
    ['code versioning', 'git'],
    ['OWASP', 'owasp'],
    ['session management', 'session-management'],
  ])('maps the "%s" skill line to %s first', (words, skill) => {
    const line = lineWith(lines, words);
    expect(line.section).toBe('required');
    expect(line.matches[0]?.skill).toBe(skill);
  });

  it('returns the 16 skill lines, without the placeholder-only ones', () => {
    expect(lines.filter((line) => line.section === 'required')).toHaveLength(16);
    expect(lines.some((line) => /[{}]/.test(line.text))).toBe(false);
  });

  it('strips an inline placeholder and keeps the rest of the line', () => {
    expect(lineWith(lines, 'accessibility').text).toBe(
      'Awareness of accessibility standards and compliance',
    );
  });

  it.each([
    ['speed and scalability', 'performance'],
    ['security and data protection', 'data-protection'],
  ])('returns the "%s" responsibility, mapped to %s', (words, skill) => {
    const line = lineWith(lines, words);
    expect(line.section).toBe('responsibility');
    expect(line.matches[0]?.skill).toBe(skill);
  });

  it('returns nothing from the intro, the marketing text or the footer', () => {
    const text = lines.map((line) => line.text).join('\n');
    expect(text).not.toMatch(/HireLoop|\bShare\b|hiring teams|job ad|Hire a|\bJoin\b|guide|top 2%/);
    expect(lines.every((line) => line.section !== 'other')).toBe(true);
  });
});

describe('a Markdown description (platform-engineer.md)', () => {
  const lines = analyze('platform-engineer.md');

  it('reads numbered responsibilities under a Markdown heading', () => {
    const responsibilities = lines.filter((line) => line.section === 'responsibility');
    expect(responsibilities.map((line) => line.matches[0]?.skill)).toEqual([
      'javascript-node',
      'schema-design',
      'git',
    ]);
  });

  it('keeps bold labels of nested bullets as labels, not as skill lines', () => {
    expect(lines.map((line) => line.text)).not.toContain('Backend');
    expect(lines.filter((line) => line.label === 'Security').map((line) => line.text)).toEqual([
      'Working knowledge of the OWASP Top 10',
      'OAuth 2.0 and OpenID Connect for service-to-service authentication',
    ]);
    expect(lineWith(lines, 'Session management behind').matches[0]?.skill).toBe(
      'session-management',
    );
    expect(lineWith(lines, 'rebasing').matches[0]?.skill).toBe('git');
  });

  it('separates the nice-to-haves and reports a line it cannot place as unmatched', () => {
    const nice = lines.filter((line) => line.section === 'nice_to_have');
    expect(nice.map((line) => [line.text, line.matches[0]?.skill ?? null])).toEqual([
      ['Kubernetes (k8s) and horizontal autoscaling', 'hosting-scaling'],
      ['Experience with WCAG 2.2 accessibility audits', 'accessibility'],
      ['Fluent in Klingon', null],
    ]);
    expect(lineWith(lines, 'Klingon').unmatched).toBe(true);
  });

  it('leaves out the company intro and the benefits, even where they mention Git', () => {
    expect(lines.map((line) => line.text).join('\n')).not.toMatch(/robots\.|holiday|budget/);
  });
});

describe('a prose-only description (prose-only.txt)', () => {
  const lines = analyze('prose-only.txt');

  it('falls back to the sentences that name skills', () => {
    expect(lines.every((line) => line.fromProse)).toBe(true);
    expect(lines.map((line) => line.matches[0]?.skill)).toEqual([
      'frontend-basics',
      'accessibility',
      'automated-testing',
      'git',
    ]);
  });

  it('drops the agency intro, the perks and how to apply', () => {
    expect(lines.map((line) => line.text).join('\n')).not.toMatch(
      /founded|charities|flexible hours|apply|curious/,
    );
  });
});

describe('placeholders, benefits, EEO and how to apply (security-engineer-placeholders.txt)', () => {
  const lines = analyze('security-engineer-placeholders.txt');

  it('returns only the skill lines, placeholders stripped', () => {
    expect(lines.map((line) => [line.text, line.section, line.matches[0]?.skill])).toEqual([
      ['Hands-on experience with and the OWASP Top 10', 'required', 'owasp'],
      ['Designing login flows with OAuth 2.0, SSO and MFA', 'required', 'authn-authz'],
      [
        'Securing cookies and server-side sessions behind sticky load balancers',
        'required',
        'session-management',
      ],
      ['Penetration testing experience', 'nice_to_have', 'owasp'],
    ]);
  });
});

describe('a messy description (degraded-mojibake-html.txt)', () => {
  const lines = analyze('degraded-mojibake-html.txt');

  it('returns what it can, cleaned up', () => {
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const line of lines) {
      expect(line.text).not.toMatch(/â€|Ã|Â|<|>|&amp;|&nbsp;|\r|\t/);
      expect(line.text.length).toBeLessThanOrEqual(400);
    }
    expect(lineWith(lines, '“Session management”').matches[0]?.skill).toBe('session-management');
  });

  it('reads German and French lines, and their sections', () => {
    expect(lineWith(lines, 'Kenntnisse in Git').matches[0]?.skill).toBe('git');
    expect(lineWith(lines, 'Node.js und TypeScript')).toMatchObject({
      section: 'responsibility',
      heading: 'Ihre Aufgaben',
    });
    expect(lineWith(lines, 'OWASP Top 10 – ein Plus').section).toBe('nice_to_have');
    expect(lineWith(lines, 'Maîtrise de Git').matches[0]?.skill).toBe('git');
  });

  it('skips the benefits ("Wir bieten") and the footer, and the junk line', () => {
    expect(lines.map((line) => line.text).join('\n')).not.toMatch(/Urlaub|Schulungen|Lorem|Share/);
  });
});

describe('at scale', () => {
  it('analyses a 5,000-word description', () => {
    const template = fs.readFileSync(path.join(FIXTURES_DIR, 'backend-template.txt'), 'utf8');
    const copies = Array.from({ length: 16 }, (_, i) => template.replace(/• /g, `• (${i}) `));
    const text = copies.join('\n\n');
    expect(text.split(/\s+/).length).toBeGreaterThan(5000);
    const lines = analyzeJobDescription(text, banks);
    expect(lines.length).toBeGreaterThan(300);
    for (const line of lines) {
      const scores = line.matches.map((match) => match.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });

  it('is deterministic', () => {
    const text = fs.readFileSync(path.join(FIXTURES_DIR, 'platform-engineer.md'), 'utf8');
    expect(analyzeJobDescription(text, [...banks].reverse())).toEqual(
      analyzeJobDescription(text, banks),
    );
  });
});

describe('what real postings name, against the shipped banks', () => {
  function readingOf(line: string, title = 'Back-End Engineer'): MatchedLine | undefined {
    const lines = analyzeJobDescription(`${title}\n\nRequirements\n- ${line}\n`, banks);
    return lines.find((candidate) => candidate.text === line);
  }

  function topOf(line: string, title?: string): MatchedLine['matches'][number] | undefined {
    return readingOf(line, title)?.matches[0];
  }

  it.each([
    ['Express.js, ExpressJS or Nest.js', 'javascript-node'],
    ['AWS, Azure or GCP', 'hosting-scaling'],
    ['RSpec, pytest, JUnit or Cypress', 'automated-testing'],
    ['Unit, integration, and system tests', 'automated-testing'],
    ['Test your code thoroughly before it ships', 'automated-testing'],
    ['Experience with PostgreSQL, MySQL and MongoDB', 'schema-design'],
    ['Strong grasp of REST API structure', 'backend-language'],
    ['Terraform and Helm', 'hosting-scaling'],
    ['Kafka or RabbitMQ', 'data-integration'],
  ])('maps "%s" to %s', (line, skill) => {
    expect(topOf(line)?.skill).toBe(skill);
  });

  it.each([
    ['Elixir and Phoenix', 'backend-language', 'Elixir or Phoenix'],
    ['React, Next.js, Vue or Angular', 'frontend-basics', 'React, Next.js, Vue or Angular'],
    ['Webpack', 'frontend-basics', 'Webpack'],
    ['Building an SPA', 'frontend-basics', 'SPA'],
  ])('maps "%s" to the nearest bank, %s, and says so', (line, skill, names) => {
    expect(topOf(line)).toMatchObject({
      skill,
      confidence: 'fair',
      note: `No bank covers ${names} yet; this is the nearest.`,
    });
  });

  it('reads JavaScript and TypeScript as front-end work on a front-end posting only', () => {
    const line = '5+ years of JavaScript and TypeScript';
    expect(topOf(line, 'Senior Frontend Engineer (React)')?.skill).toBe('frontend-basics');
    expect(topOf(line, 'Senior Back-End Engineer (Node.js)')?.skill).toBe('javascript-node');
  });

  it.each([
    [
      '4+ years with Python and Django',
      'python',
      [{ tag: 'django', name: 'Django', bank: 'python' }],
    ],
    ['Django REST Framework', 'python', [{ tag: 'django', name: 'Django', bank: 'python' }]],
    ['FastAPI services', 'python', [{ tag: 'fastapi', name: 'FastAPI', bank: 'python' }]],
    ['Java/Spring', 'java', [{ tag: 'spring', name: 'Spring', bank: 'java' }]],
    ['Spring Boot 3', 'java', [{ tag: 'spring', name: 'Spring', bank: 'java' }]],
    ['Go (Golang) microservices', 'go', []],
    [
      'Node.js with NestJS',
      'javascript-node',
      [{ tag: 'nestjs', name: 'NestJS', bank: 'javascript-node' }],
    ],
  ])('maps "%s" to its language bank, %s, and names the framework', (line, skill, frameworks) => {
    const reading = readingOf(line);
    expect(reading?.matches[0]?.skill).toBe(skill);
    expect(reading?.frameworks).toEqual(frameworks);
    expect(reading?.choice).toBeUndefined();
  });

  it('offers the languages of a line that names several, with the language-neutral bank until one is chosen', () => {
    const line = 'Proficiency with server-side languages such as Python, Ruby, Java, PHP and .NET';
    const reading = readingOf(line);
    expect(reading?.matches[0]).toMatchObject({
      skill: 'backend-language',
      confidence: 'fair',
      note: CHOICE_NOTE,
    });
    expect(reading?.matches[0]?.why).toEqual(
      expect.arrayContaining(['server-side languages', 'python', 'java']),
    );
    expect(reading?.choice?.map((named) => named.bank)).toEqual([
      'python',
      'ruby',
      'java',
      'php',
      'csharp-dotnet',
    ]);
  });

  it('reads a framework as its language when counting the languages of a line', () => {
    expect(readingOf('Django, Spring Boot or Express')?.choice).toEqual([
      { bank: 'python', language: 'Python' },
      { bank: 'java', language: 'Java' },
      { bank: 'javascript-node', language: 'JavaScript and Node.js' },
    ]);
  });

  it('finds a front-end posting by its lines when the title does not say', () => {
    const lines = analyzeJobDescription(
      [
        'Engineer, Editor Team',
        '',
        'Requirements',
        '- React and Redux',
        '- Vue or Angular',
        '- HTML, CSS and the DOM',
        '- JavaScript and TypeScript',
      ].join('\n'),
      banks,
    );
    expect(lineWith(lines, 'JavaScript and TypeScript').matches[0]?.skill).toBe('frontend-basics');
  });

  it('leaves a line unmatched rather than guessing from loose words', () => {
    expect(topOf('Take part in agile ceremonies and refinement sessions')).toBeUndefined();
    expect(topOf('OSCP or CISSP certification')).toBeUndefined();
    expect(topOf('Own features end to end, from design to deployment')).toBeUndefined();
    expect(topOf('Streaming video experience')).toBeUndefined();
  });

  it('offers every sentence, unmatched, when no line matches a bank', () => {
    const lines = analyzeJobDescription(
      'You will answer customer emails. You will keep the shop tidy and friendly.',
      banks,
    );
    expect(lines.map(({ text, unmatched, fromProse }) => [text, unmatched, fromProse])).toEqual([
      ['You will answer customer emails.', true, true],
      ['You will keep the shop tidy and friendly.', true, true],
    ]);
  });
});
