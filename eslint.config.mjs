import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noSqlite = {
  name: 'better-sqlite3',
  message:
    'Only src/db/connection.ts (and the backup API in src/db/backup.ts) open SQLite; use the Kysely instance.',
};

/**
 * The direction of imports inside the app: routes -> services -> repositories of the same
 * feature. A feature that needs another's data calls that feature's service. The audit log and
 * the outbox are the shared writers every use case may append to in its transaction.
 */
const otherFeaturesRepositories = {
  group: ['../*/*.repository', '!../audit/audit.repository', '!../mail/outbox.repository'],
  message: "Call that feature's service instead of reaching into its repository.",
};
const httpLayer = {
  group: ['express', '*.routes', '**/*.routes'],
  message: 'Services and repositories never see HTTP.',
};

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'coverage/', 'node_modules/', 'public/', 'bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
      'no-restricted-imports': ['error', { paths: [noSqlite] }],
    },
  },
  {
    files: ['src/*/**/*.ts'],
    ignores: ['src/db/**', 'src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noSqlite], patterns: [otherFeaturesRepositories] },
      ],
    },
  },
  {
    files: ['src/**/*.routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noSqlite],
          patterns: [
            {
              group: ['*.repository', '**/*.repository'],
              message: 'Routes call services; only services use repositories.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.service.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noSqlite], patterns: [otherFeaturesRepositories, httpLayer] },
      ],
    },
  },
  {
    files: ['src/**/*.repository.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noSqlite],
          patterns: [
            httpLayer,
            {
              group: ['*.service', '**/*.service'],
              message: 'Repositories are called by services, never the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/db/connection.ts', 'src/db/backup.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/cli/**/*.ts', 'src/server.ts', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
