import fs from 'node:fs';
import { analyzeJobDescription, type MatchedLine } from '../jd/jd-matcher';
import { QUESTIONS_DIR } from '../paths';
import { loadBankTerms } from './bank-files';
import { CliUsageError, runCli } from './context';

const USAGE = 'Usage: npm run jd:match -- <file | -> [--banks <dir>]';

/**
 * npm run jd:match -- <file | -> [--banks <dir>]: the skill lines of a job description and the
 * banks they match, as JSON on stdout.
 */
runCli(async () => {
  const { source, banksDir } = parseArgs(process.argv.slice(2));
  const text = decode(source === '-' ? await readStdin() : readFile(source));
  const lines = analyzeJobDescription(text, loadBankTerms(banksDir));
  console.log(JSON.stringify({ lines: lines.map(toOutput) }, null, 2));
});

function parseArgs(args: string[]): { source: string; banksDir: string } {
  let source: string | undefined;
  let banksDir = QUESTIONS_DIR;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--banks') {
      const dir = args[(i += 1)];
      if (!dir) throw new CliUsageError(`--banks needs a folder.\n${USAGE}`);
      banksDir = dir;
    } else if (arg === '-h' || arg === '--help') {
      throw new CliUsageError(USAGE);
    } else if (source === undefined && (arg === '-' || !arg.startsWith('-'))) {
      source = arg;
    } else {
      throw new CliUsageError(`Unexpected argument: ${arg}\n${USAGE}`);
    }
  }
  if (source === undefined) throw new CliUsageError(USAGE);
  return { source, banksDir };
}

function readFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new CliUsageError(`Cannot read ${file}`);
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/**
 * UTF-8, or else a single-byte file saved by an old editor: read as Latin-1, whose 0x80-0x9F the
 * parser turns into their Windows-1252 characters.
 */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** The fields a reader needs, in a fixed order; scores come rounded to 2 decimals. */
function toOutput(line: MatchedLine) {
  return {
    text: line.text,
    section: line.section,
    matches: line.matches.map(({ skill, score, confidence, why, note }) => ({
      skill,
      score,
      confidence,
      why,
      ...(note ? { note } : {}),
    })),
    ...(line.choice ? { choice: line.choice } : {}),
    ...(line.frameworks.length ? { frameworks: line.frameworks } : {}),
    unmatched: line.unmatched,
  };
}
