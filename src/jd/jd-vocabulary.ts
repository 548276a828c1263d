/**
 * The words job-description matching knows besides the banks' own keywords: filler to ignore,
 * spellings to fold together, synonyms, and the technologies that have no bank yet with the
 * bank that comes nearest. Data only; the tokenizer and the matcher read it.
 */

/** Function words and the filler of job ads ("strong understanding of"): never evidence. */
export const STOPWORDS = new Set(
  `a an the and or nor but of in on at to for from by with without within into onto over under
  between among across through via as such like than then that this these those it its is are
  was were be been being am do does did done have has had having will would shall should can
  could may might must not no yes you your yours we our us they their them he she his her i me my
  who whom whose which what when where why how all any each every some more most other others
  own same so too very also just only both either neither etc eg ie e g vs versus per up out
  about if else while because whether ll ve re s t d m one well
  understanding understand knowledge knowledgeable experience experienced proficient
  proficiency familiarity familiar good great strong solid deep basic excellent advanced expert
  expertise ability able skill skills skilled year years including include includes using use
  used required requirement requirements preferred nice bonus least minimum demonstrated proven
  hands practical relevant similar various multiple specific candidate ideally know knowing
  comfortable capable effective effectively plus new`.split(/\s+/),
);

/**
 * Everyday words that are also tool names. In a job description they count only when written
 * as a name ("LESS", "Express" inside a sentence, "Express.js"); bank keywords always count.
 */
export const AMBIGUOUS = new Set([
  'less',
  'go',
  'express',
  'rust',
  'swift',
  'spring',
  'chef',
  'puppet',
  'node',
  'next',
  'react',
  'nest',
  'spark',
  'helm',
  'pest',
  'celery',
  'flask',
  'phoenix',
]);

/** Abbreviations that stand for one word, rewritten before stemming. */
export const WORD_ALIASES = new Map<string, string>([
  ['k8s', 'kubernetes'],
  ['js', 'javascript'],
  ['ts', 'typescript'],
  ['db', 'database'],
  ['dbs', 'database'],
  ['authn', 'authentication'],
  ['authz', 'authorization'],
  ['auth', 'authentication'],
  ['a11y', 'accessibility'],
  ['postgres', 'postgresql'],
  ['golang', 'go'],
  ['ssl', 'tls'],
  ['modelling', 'modeling'],
  ['behaviour', 'behavior'],
]);

/** Word pairs written together, apart or hyphenated ("front-end", "front end", "frontend"). */
export const COMPOUNDS = new Map<string, string>([
  ['front end', 'frontend'],
  ['back end', 'backend'],
  ['full stack', 'fullstack'],
  ['real time', 'realtime'],
  ['e mail', 'email'],
  ['web site', 'website'],
  ['data base', 'database'],
  ['code base', 'codebase'],
  ['dev ops', 'devops'],
  ['java script', 'javascript'],
  ['type script', 'typescript'],
  ['post mortem', 'postmortem'],
  ['on call', 'oncall'],
]);

/** Written with punctuation that would otherwise split them. */
export const WHOLE_WORDS = new Map<string, string>([
  ['c++', 'cpp'],
  ['c#', 'csharp'],
  ['f#', 'fsharp'],
  ['.net', 'dotnet'],
  ['asp.net', 'aspnet'],
  ['n+1', 'n+1'],
]);

/**
 * Names whose digits are part of the name, not a version: "http2" is not "http" 2. Other names
 * of three letters or more lose a version written onto them ("Python3", "HTML5", "OAuth2").
 */
export const DIGITS_BELONG = new Set([
  'ipv',
  'sha',
  'http',
  'utf',
  'aes',
  'rfc',
  'base',
  'web',
  'iso',
]);

/**
 * Phrases that mean the same; a bank holding one of them is also found by the others. Groups
 * are symmetric, so list only true equivalents.
 */
export const SYNONYM_GROUPS: string[][] = [
  ['git', 'vcs', 'version control', 'code versioning', 'source control', 'revision control'],
  ['owasp', 'security principles', 'secure coding', 'application security', 'appsec'],
  ['session management', 'sticky sessions', 'session affinity', 'session handling'],
  ['authentication', 'login', 'sign in', 'log in'],
  ['authorization', 'access control', 'permissions'],
  ['sso', 'single sign-on'],
  ['mfa', 'multi-factor authentication', '2fa', 'two-factor authentication'],
  ['iam', 'identity and access management'],
  ['jwt', 'json web token'],
  ['xss', 'cross-site scripting'],
  ['csrf', 'xsrf', 'cross-site request forgery'],
  ['ci', 'continuous integration', 'ci pipeline'],
  ['cd', 'continuous delivery', 'continuous deployment'],
  ['e2e', 'end-to-end testing'],
  ['tdd', 'test-driven development'],
  ['automated testing', 'test automation', 'automated tests'],
  ['dba', 'database administration', 'database administrator'],
  ['rdbms', 'relational database'],
  ['ssr', 'server-side rendering'],
  ['schema design', 'database schema', 'database design', 'data modeling'],
  ['data integration', 'data sources', 'system integration'],
  ['output formats', 'data formats', 'file formats'],
  ['responsive design', 'mobile vs desktop', 'mobile and desktop', 'cross-device'],
  ['performance optimization', 'performance tuning', 'speed optimization'],
  ['data protection', 'data privacy'],
  ['frontend', 'client-side'],
  ['kubernetes', 'container orchestration'],
  ['spa', 'single-page application', 'single page app'],
  ['iac', 'infrastructure as code'],
];

/**
 * A technology that no bank covers yet, and the bank that comes nearest, which the matcher
 * proposes with a note saying so. An entry only counts while no bank lists the technology among
 * its own keywords: a later Kotlin bank that lists "kotlin" takes those lines over without a
 * change here. Languages with a bank of their own, or one planned, are in LANGUAGE_BANKS.
 */
export interface NearestBank {
  bank: string;
  terms: string[];
}

export const NEAREST_BANKS: NearestBank[] = [
  {
    bank: 'backend-language',
    terms: ['scala', 'rust', 'elixir', 'phoenix', 'perl', 'erlang', 'clojure', 'compiled language'],
  },
  {
    bank: 'frontend-basics',
    terms: [
      'react',
      'react hooks',
      'redux',
      'next.js',
      'vue',
      'vue.js',
      'nuxt',
      'angular',
      'svelte',
      'sveltekit',
      'ember.js',
      'jquery',
      'spa',
      'webpack',
      'vite',
      'babel',
      'esbuild',
      'tailwind',
      'hotwire',
      'stimulus',
      'blade templates',
      'component library',
      'state management',
      'storybook',
    ],
  },
];

/** A framework written in a language; `tag` is the tag its questions carry in the bank. */
export interface Framework {
  tag: string;
  /** As a manager reads it. */
  name: string;
  terms: string[];
}

/**
 * A server-side language with a bank of its own: the words that name the language and the
 * frameworks written in it. A line that names one, or one of its frameworks, goes to its bank;
 * a line that names several lets the manager choose. Until a language's bank file arrives its
 * words stand in for LANGUAGE_FALLBACK, as NEAREST_BANKS entries do.
 */
export interface LanguageBank {
  bank: string;
  /** As a manager reads it. */
  language: string;
  terms: string[];
  frameworks: Framework[];
}

/** The bank for a line that names no language, or several of which none was chosen. */
export const LANGUAGE_FALLBACK = 'backend-language';

export const LANGUAGE_BANKS: LanguageBank[] = [
  {
    bank: 'python',
    language: 'Python',
    terms: ['python', 'cpython'],
    frameworks: [
      { tag: 'django', name: 'Django', terms: ['django', 'django rest framework'] },
      { tag: 'flask', name: 'Flask', terms: ['flask'] },
      { tag: 'fastapi', name: 'FastAPI', terms: ['fastapi'] },
    ],
  },
  {
    bank: 'java',
    language: 'Java',
    terms: ['java', 'kotlin'],
    frameworks: [
      {
        tag: 'spring',
        name: 'Spring',
        terms: ['spring', 'spring boot', 'spring mvc', 'spring framework', 'spring data'],
      },
      { tag: 'jakarta-ee', name: 'Jakarta EE', terms: ['jakarta ee'] },
    ],
  },
  {
    bank: 'ruby',
    language: 'Ruby',
    terms: ['ruby'],
    frameworks: [
      { tag: 'rails', name: 'Ruby on Rails', terms: ['rails', 'ruby on rails'] },
      { tag: 'sinatra', name: 'Sinatra', terms: ['sinatra'] },
    ],
  },
  {
    bank: 'php',
    language: 'PHP',
    terms: ['php'],
    frameworks: [
      { tag: 'laravel', name: 'Laravel', terms: ['laravel'] },
      { tag: 'symfony', name: 'Symfony', terms: ['symfony'] },
    ],
  },
  {
    bank: 'csharp-dotnet',
    language: 'C#/.NET',
    terms: ['csharp', 'dotnet'],
    frameworks: [{ tag: 'aspnet-core', name: 'ASP.NET Core', terms: ['aspnet', 'asp.net core'] }],
  },
  {
    bank: 'go',
    language: 'Go',
    terms: ['go', 'goroutines'],
    frameworks: [],
  },
  {
    bank: 'javascript-node',
    language: 'JavaScript and Node.js',
    terms: ['node.js', 'javascript', 'typescript'],
    frameworks: [
      { tag: 'express', name: 'Express', terms: ['express'] },
      { tag: 'nestjs', name: 'NestJS', terms: ['nestjs'] },
      { tag: 'fastify', name: 'Fastify', terms: ['fastify'] },
      { tag: 'koa', name: 'Koa', terms: ['koa'] },
    ],
  },
];

/**
 * On a front-end posting the words the front-end bank shares with the back-end ones (JavaScript,
 * TypeScript) are front-end work. A posting is one when its title says so and does not also say
 * back-end or full-stack, or, without such a title, when more than twice as many of its lines go
 * to the front-end bank as to the back-end ones.
 */
export const FRONT_END_FOCUS = {
  bank: 'frontend-basics',
  rivals: ['javascript-node', 'backend-language'],
  title: /\b(front[- ]?end|ui|react|vue(\.js)?|angular|javascript)\b[^\n]*\b(developer|engineer)/i,
  notTitle: /\b(back[- ]?end|full[- ]?stack)\b/i,
};
