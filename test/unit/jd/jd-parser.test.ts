import { parseJobDescription, type JdLine } from '../../../src/jd/jd-parser';

/** A job description from its lines, so tests can show indentation plainly. */
function jd(...lines: string[]): string {
  return lines.join('\n');
}

function texts(lines: JdLine[]): string[] {
  return lines.map((line) => line.text);
}

function parsedTexts(...lines: string[]): string[] {
  return texts(parseJobDescription(jd(...lines)));
}

describe('bullet markers', () => {
  it.each([
    '-',
    '*',
    '+',
    '•',
    '·',
    '–',
    '—',
    '▪',
    '◦',
    '●',
    '1.',
    '12)',
    'a)',
    '(b)',
    '✅',
    '🔹',
    '👉',
    '👉🏽',
    '1️⃣',
  ])('reads "%s" as a bullet', (marker) => {
    expect(parsedTexts('Requirements', `${marker} Git and code review`)).toEqual([
      'Git and code review',
    ]);
  });

  it('reads a Markdown task list and strips emphasis, code marks and links', () => {
    expect(
      parsedTexts('## Skills', '- [x] **Node.js** and `TypeScript`', '- [Docker](https://d.io)'),
    ).toEqual(['Node.js and TypeScript', 'Docker']);
  });

  it('does not take a dash without a space or a footer sign for a bullet', () => {
    expect(
      parsedTexts('Acme Jobs', '-10% off this week', '© 2024 Acme', '', 'Skills', '- Git'),
    ).toEqual(['Git']);
  });
});

describe('headings and sections', () => {
  it.each([
    ['Skills', 'required'],
    ['Qualifications', 'required'],
    ['Requirements', 'required'],
    ['Must have', 'required'],
    ['Must-haves', 'required'],
    ['Tech stack', 'required'],
    ["What we're looking for", 'required'],
    ['What we’re looking for', 'required'],
    ['You have', 'required'],
    ['About you', 'required'],
    ['Nice to have', 'nice_to_have'],
    ['Bonus points', 'nice_to_have'],
    ['Preferred qualifications', 'nice_to_have'],
    ['Responsibilities', 'responsibility'],
    ["What you'll do", 'responsibility'],
    ['Your role', 'responsibility'],
    ['Your day-to-day', 'responsibility'],
    ['Overview', 'other'],
  ])('"%s" opens a %s section', (heading, section) => {
    const [line] = parseJobDescription(jd(heading, '- Git workflows'));
    expect(line).toMatchObject({ text: 'Git workflows', section, heading });
  });

  it.each([
    ['# Skills', 'Markdown'],
    ['### Skills ###', 'closed Markdown'],
    ['**Skills**', 'bold'],
    ['__Skills:__', 'bold with a colon'],
    ['SKILLS', 'capitals'],
    ['Skills:', 'a trailing colon'],
    ['<h3>Skills</h3>', 'HTML'],
    ['🛠️ Skills', 'emoji'],
  ])('recognises %s as a heading (%s)', (heading) => {
    const [line] = parseJobDescription(jd('Intro text here.', '', heading, '- Git'));
    expect(line).toMatchObject({ text: 'Git', section: 'required' });
    expect(line?.heading?.toLowerCase()).toBe('skills');
  });

  it('takes a short title-like line on its own for a heading, and names it', () => {
    const lines = parseJobDescription(
      jd('Skills And Qualifications', '', '• SQL', '', 'Our Engineering Culture', '', '• Git'),
    );
    expect(lines.map(({ text, section, heading }) => ({ text, section, heading }))).toEqual([
      { text: 'SQL', section: 'required', heading: 'Skills And Qualifications' },
      { text: 'Git', section: 'other', heading: 'Our Engineering Culture' },
    ]);
  });

  it('keeps separate required, nice-to-have and responsibility lines', () => {
    const lines = parseJobDescription(
      jd(
        'Requirements',
        '- Node.js',
        '',
        'Nice to have',
        '- Kubernetes',
        '',
        'Responsibilities',
        '- Build APIs',
      ),
    );
    expect(lines.map((line) => [line.text, line.section])).toEqual([
      ['Node.js', 'required'],
      ['Kubernetes', 'nice_to_have'],
      ['Build APIs', 'responsibility'],
    ]);
  });

  it('moves a required line that calls itself optional to nice-to-have', () => {
    const lines = parseJobDescription(
      jd('Requirements', '- Docker is a plus', '- Terraform (nice to have)', '- Git'),
    );
    expect(lines.map((line) => line.section)).toEqual(['nice_to_have', 'nice_to_have', 'required']);
  });

  it('reads a section name and its content on one line', () => {
    const [line] = parseJobDescription(jd('Backend Engineer', 'Tech stack: Node.js, PostgreSQL'));
    expect(line).toMatchObject({
      text: 'Node.js, PostgreSQL',
      section: 'required',
      label: 'Tech stack',
    });
  });

  it('does not take an emoji bullet that merely mentions skills for a heading', () => {
    expect(parsedTexts('Skills', '✅ Strong Git skills', '✅ SQL skills', '🔹 Docker')).toEqual([
      'Strong Git skills',
      'SQL skills',
      'Docker',
    ]);
  });
});

describe('nested lists and labels', () => {
  it('keeps a bullet label ending in ":" as the label of the bullets under it', () => {
    const lines = parseJobDescription(
      jd(
        '## Requirements',
        '- Backend:',
        '  - Node.js',
        '  - PostgreSQL',
        '- Frontend:',
        '  1. HTML',
        '  2. CSS',
        '- Git',
      ),
    );
    expect(lines.map(({ text, label }) => ({ text, label }))).toEqual([
      { text: 'Node.js', label: 'Backend' },
      { text: 'PostgreSQL', label: 'Backend' },
      { text: 'HTML', label: 'Frontend' },
      { text: 'CSS', label: 'Frontend' },
      { text: 'Git', label: undefined },
    ]);
  });

  it('keeps a plain or bold label line, and Markdown sub-headings, as labels', () => {
    const lines = parseJobDescription(
      jd(
        '## Requirements',
        'Databases:',
        '- Schema design',
        '**Testing:**',
        '- Jest',
        '### Tooling',
        '- Git',
      ),
    );
    expect(lines.map(({ text, label, section }) => [text, label, section])).toEqual([
      ['Schema design', 'Databases', 'required'],
      ['Jest', 'Testing', 'required'],
      ['Git', 'Tooling', 'required'],
    ]);
  });

  it('lets a label name its own section', () => {
    const lines = parseJobDescription(
      jd('Requirements', '- Git', '- Nice to have:', '  - Kubernetes', '- Benefits:', '  - Gym'),
    );
    expect(lines.map((line) => [line.text, line.section])).toEqual([
      ['Git', 'required'],
      ['Kubernetes', 'nice_to_have'],
    ]);
  });
});

describe('lines that run on', () => {
  it('joins a bullet wrapped over two physical lines, indented or not', () => {
    expect(
      parsedTexts(
        'Requirements',
        '- Experience designing relational schemas and writing',
        '  migrations for PostgreSQL',
        '• Integration of several data sources and databases into',
        'one system',
        '- Node.js, TypeScript,',
        'Express and Fastify',
      ),
    ).toEqual([
      'Experience designing relational schemas and writing migrations for PostgreSQL',
      'Integration of several data sources and databases into one system',
      'Node.js, TypeScript, Express and Fastify',
    ]);
  });

  it('keeps a line with commas and semicolons whole', () => {
    expect(parsedTexts('Skills', '- Node.js, TypeScript; PostgreSQL, Redis; Docker')).toEqual([
      'Node.js, TypeScript; PostgreSQL, Redis; Docker',
    ]);
  });

  it('reads a list whose markers were lost, in a skill section', () => {
    const lines = parseJobDescription(jd('Requirements', 'Node.js and TypeScript', 'PostgreSQL'));
    expect(lines.map((line) => [line.text, line.fromProse])).toEqual([
      ['Node.js and TypeScript', false],
      ['PostgreSQL', false],
    ]);
  });
});

describe('placeholders and boilerplate', () => {
  it('strips placeholders inline and drops lines that are only a placeholder', () => {
    expect(
      parsedTexts(
        'Skills',
        '• Security compliance {{Depending on the project}}',
        '• {{List other frameworks}}',
        '- {{Education}}',
      ),
    ).toEqual(['Security compliance']);
  });

  it('leaves out company intro, benefits, EEO, how to apply, metadata and footer links', () => {
    const lines = parseJobDescription(
      jd(
        'About us',
        '- We have used Git since 2008',
        '',
        'Location: Berlin',
        'Salary: €70,000 - €80,000',
        '- Full-time',
        '- Remote (EU)',
        '- Hybrid · Berlin',
        '',
        'Requirements',
        '- Git and code review',
        '',
        'Benefits',
        '- Free Git training budget',
        '',
        'Equal opportunity',
        'We are an equal opportunity employer and value diversity.',
        '',
        'How to apply',
        '- Send your CV and GitHub profile',
        '',
        'Recent articles',
        '- Git tips for teams',
        '',
        'Share',
        'Hire a top developer',
        'Join the community',
      ),
    );
    expect(texts(lines)).toEqual(['Git and code review']);
  });

  it('drops an EEO statement or footer junk that follows a skill list without a heading', () => {
    const lines = parseJobDescription(
      jd(
        'Requirements',
        '- SQL',
        '',
        'We are an equal opportunity employer. We welcome people of every background.',
        '',
        'Hire a top developer',
        'Join the community',
      ),
    );
    expect(texts(lines)).not.toContain('Hire a top developer');
    expect(texts(lines).join(' ')).not.toMatch(/equal opportunity|community/);
  });

  it('does not return the intro prose of a description that has lists', () => {
    const lines = parseJobDescription(
      jd(
        'Backend Developer',
        '',
        'We are a fast-growing company. You will write Node.js services every day.',
        '',
        'Skills',
        '- Git',
      ),
    );
    expect(texts(lines)).toEqual(['Git']);
  });

  it('keeps skill lines that merely start like footer or metadata words', () => {
    const lines = [
      'Read and write SQL fluently',
      'Contract testing with Pact',
      'Ability to apply security patches',
      'Remote debugging of Node.js services',
      'Join data from several sources',
    ];
    expect(parsedTexts('Skills', ...lines.map((line) => `- ${line}`))).toEqual(lines);
  });

  it('lists a line repeated in a section once', () => {
    expect(parsedTexts('Skills', '- Git', '- SQL', '- git')).toEqual(['Git', 'SQL']);
  });
});

describe('prose', () => {
  it('falls back to sentences when there is no list, with the nearest heading', () => {
    const lines = parseJobDescription(
      jd(
        'Junior Developer',
        '',
        'The role',
        'You will build web pages with HTML and CSS. You will also write tests, e.g. unit tests.',
      ),
    );
    expect(lines).toEqual([
      {
        text: 'You will build web pages with HTML and CSS.',
        section: 'other',
        heading: 'The role',
        position: 0,
        line: 4,
        fromProse: true,
      },
      {
        text: 'You will also write tests, e.g. unit tests.',
        section: 'other',
        heading: 'The role',
        position: 1,
        line: 4,
        fromProse: true,
      },
    ]);
  });

  it('reads prose inside a skill section even when the description has lists', () => {
    const lines = parseJobDescription(
      jd(
        'Requirements',
        'You know Git well. You have used Docker.',
        '',
        'Responsibilities',
        '- Ship',
      ),
    );
    expect(lines.map((line) => [line.text, line.section, line.fromProse])).toEqual([
      ['You know Git well.', 'required', true],
      ['You have used Docker.', 'required', true],
      ['Ship', 'responsibility', false],
    ]);
  });

  it('drops marketing sentences from prose', () => {
    const lines = parseJobDescription(
      jd('We were founded in 2012 and are trusted by 500 startups. You will use Git daily.'),
    );
    expect(texts(lines)).toEqual(['You will use Git daily.']);
  });
});

describe('positions and source lines', () => {
  it('numbers positions in result order and keeps 1-based source lines', () => {
    const lines = parseJobDescription(jd('', 'Skills', '', '- Git', '- {{x}}', '', '- SQL'));
    expect(lines.map(({ position, line }) => ({ position, line }))).toEqual([
      { position: 0, line: 4 },
      { position: 1, line: 7 },
    ]);
  });
});

describe('messy input', () => {
  it('reads HTML lists, entities, bold headings and mojibake', () => {
    const html =
      '<p><b>Requirements</b></p><ul><li>Git &amp; GitHub</li><li>Youâ€™ll write SQL</li></ul>';
    expect(parseJobDescription(html)).toEqual([
      expect.objectContaining({ text: 'Git & GitHub', section: 'required', line: 1 }),
      expect.objectContaining({ text: 'You’ll write SQL', section: 'required', line: 1 }),
    ]);
  });

  it('reads CRLF line ends and tab indentation', () => {
    const lines = parseJobDescription('Skills\r\n- Backend:\r\n\t- Node.js\r\n\t- SQL\r\n');
    expect(lines.map(({ text, label, line }) => ({ text, label, line }))).toEqual([
      { text: 'Node.js', label: 'Backend', line: 3 },
      { text: 'SQL', label: 'Backend', line: 4 },
    ]);
  });

  it('reads an overlong bullet as prose pieces of bounded length', () => {
    const lines = parseJobDescription(jd('Skills', `- ${'Git and SQL and Docker. '.repeat(100)}`));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.fromProse && line.text.length <= 400)).toBe(true);
  });

  it.each([
    ['a 1 MB description', `Skills\n${'- Node.js and Git\n'.repeat(60_000)}`],
    ['a 20,000-character line', `Skills\n${'word, '.repeat(3500)}`],
    ['unclosed tags', '<li'.repeat(100_000)],
    ['unclosed placeholders', '{{a'.repeat(100_000)],
    ['brackets', `${'['.repeat(100_000)}](`],
    ['hashes', `# ${'# '.repeat(100_000)}`],
    ['dots', 'a.'.repeat(200_000)],
    ['capitals', 'A'.repeat(100_000)],
    ['mojibake', 'â€'.repeat(100_000)],
    ['emoji', '🔹'.repeat(100_000)],
    ['a hard-wrapped paragraph', `${'word '.repeat(30)}\n`.repeat(5000)],
    ['nothing', ''],
    ['only white space', ' \n\t\r\n '],
  ])('copes with %s', (_name, text) => {
    const lines = parseJobDescription(text);
    expect(lines.length).toBeLessThanOrEqual(1000);
    expect(lines.every((line) => line.text.length <= 400)).toBe(true);
  });
});

describe('real postings: structure', () => {
  it('keeps the prose description under a title that says "hiring"', () => {
    const lines = parseJobDescription(
      jd(
        'Platform Engineer at Tidewater – We’re Hiring',
        '',
        'You will look after our Kubernetes clusters and the Terraform code that builds them.',
        'You will also review pull requests from the product teams.',
      ),
    );
    expect(texts(lines)).toEqual([
      'You will look after our Kubernetes clusters and the Terraform code that builds them.',
      'You will also review pull requests from the product teams.',
    ]);
    expect(lines.every((line) => line.fromProse)).toBe(true);
  });

  it('still reads "How to hire" footers as boilerplate', () => {
    expect(
      parsedTexts('Skills', '- Git', '', 'How to Hire Great Engineers', '', '- Post the job ad'),
    ).toEqual(['Git']);
  });

  it('offers the sentences under boilerplate headings rather than nothing at all', () => {
    const lines = parseJobDescription(
      jd('About us', '', 'Our data team writes Python and dbt models every day.'),
    );
    expect(texts(lines)).toEqual(['Our data team writes Python and dbt models every day.']);
    expect(lines[0]?.fromProse).toBe(true);
  });

  it('leaves out titles and metadata written as lines or bullets', () => {
    expect(
      parsedTexts(
        'Full Stack Developer',
        '- Job Title: Full Stack Developer',
        '- Date Posted: 12 May 2025',
        '- Remote Status: Remote within the EU',
        '**Team:** Payments',
        'Posted 3 days ago · 57 applicants',
        'Ferrous Ltd · Glasgow, Scotland (Hybrid)',
        '',
        'Requirements',
        '- Go and PostgreSQL',
      ),
    ).toEqual(['Go and PostgreSQL']);
  });

  it.each([
    ['🚀 Requirements', 'an emoji'],
    ['ðŸš€ Requirements', 'an emoji turned to mojibake'],
    ['ðŸ“ Requirements', 'mojibake that lost a byte'],
    ['âš™ï¸ Requirements', 'a symbol and variation selector that lost a byte'],
    ['## Requirements', 'Markdown'],
    ['## 🧰 Requirements', 'Markdown and an emoji'],
    ['**Requirements**', 'bold'],
    ['REQUIREMENTS:', 'capitals and a colon'],
  ])('recognises the heading "%s" (%s), over a list that lost its markers', (heading) => {
    const lines = parseJobDescription(
      jd(
        'About Ferrous',
        'We make software for steel mills.',
        '',
        heading,
        'Rust and gRPC',
        'Kafka',
      ),
    );
    expect(lines.map(({ text, section }) => [text, section])).toEqual([
      ['Rust and gRPC', 'required'],
      ['Kafka', 'required'],
    ]);
  });

  it('reads an emoji bullet that lost a byte as a bullet, without the debris', () => {
    expect(parsedTexts('Skills', 'ðŸ“ Node.js', 'ðŸ“ Docker')).toEqual(['Node.js', 'Docker']);
  });

  it('takes an emoji heading over a paragraph for a heading, not a bullet', () => {
    expect(
      parsedTexts(
        '🏢 About Ferrous',
        'We make software for steel mills.',
        '',
        '🧠 Skills',
        '- Rust',
      ),
    ).toEqual(['Rust']);
  });

  it('keeps the company intro out of a posting whose bullets lost their markers', () => {
    const lines = parseJobDescription(
      jd(
        'Data Engineer',
        'Brightwater · Cardiff (Remote)',
        '',
        'About the job',
        'Brightwater is one of the fastest-growing energy start-ups in Wales.',
        'We have raised £8m from leading investors.',
        'Our customers are 200 solar farms.',
        '',
        'What you will do',
        'Build pipelines in Airflow and dbt.',
        'Model the warehouse in Snowflake, keeping each table documented and tested, and explain the models to analysts who depend on them every morning.',
        '',
        'What we are looking for',
        'Experience with Python and SQL',
        'Strong data modelling skills',
        'Git',
      ),
    );
    expect(lines.map(({ text, section }) => [text, section])).toEqual([
      ['Build pipelines in Airflow and dbt.', 'responsibility'],
      [
        'Model the warehouse in Snowflake, keeping each table documented and tested, and explain the models to analysts who depend on them every morning.',
        'responsibility',
      ],
      ['Experience with Python and SQL', 'required'],
      ['Strong data modelling skills', 'required'],
      ['Git', 'required'],
    ]);
  });

  it('drops a company introducing itself in prose', () => {
    expect(
      parsedTexts(
        'Ledgerly builds accounting software for 3,000 small firms.',
        'You will write our Django services and their PostgreSQL schemas.',
      ),
    ).toEqual(['You will write our Django services and their PostgreSQL schemas.']);
  });

  it('keeps a role used as a label ("Backend engineers:") inside its section', () => {
    const lines = parseJobDescription(
      jd('Requirements', 'Backend engineers:', '- Go', '**Frontend engineers:**', '- Vue'),
    );
    expect(lines.map(({ text, section, label }) => [text, section, label])).toEqual([
      ['Go', 'required', 'Backend engineers'],
      ['Vue', 'required', 'Frontend engineers'],
    ]);
  });

  it('leaves out benefits under a "Why <company>" heading', () => {
    expect(
      parsedTexts('Skills', '- Terraform', '', 'Why Tidewater', '- Four-day week', '- Pension'),
    ).toEqual(['Terraform']);
  });
});
