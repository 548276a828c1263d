/**
 * npm run loadtest [-- --candidates N] [-- --workers N]: N simulated candidates (500 by
 * default), each with its own session and CSRF token, open their links at once, start, answer
 * every question with a pause to think, and submit, against one server process in production
 * mode. Afterwards the database is read: every answer the server acknowledged must be stored
 * exactly once. Progress goes to stderr; the last line of stdout is JSON.
 */
import { parseArgs } from 'node:util';
import { runLoad } from './load-run';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      candidates: { type: 'string', default: '500' },
      workers: { type: 'string', default: '1' },
    },
  });
  const candidates = Number(values.candidates);
  const workers = Number(values.workers);
  if (!Number.isInteger(candidates) || candidates < 1 || candidates > 10_000)
    throw new Error('Give --candidates as a whole number from 1 to 10000.');
  if (!Number.isInteger(workers) || workers < 1 || workers > 16)
    throw new Error('Give --workers as a whole number from 1 to 16.');
  const summary = await runLoad({
    candidates,
    workers,
    progress: (line) => console.error(`loadtest: ${line}`),
  });
  console.log(JSON.stringify(summary));
  if (summary.errors > 0 || summary.lostAnswers > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
