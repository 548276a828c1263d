import readline from 'node:readline';

/**
 * Reads one line from stdin. On a terminal it prompts without echoing; from a pipe it takes the
 * first line. Passwords never come from argv, where `ps` and shell history would show them.
 */
export function readSecretLine(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    return new Promise((resolve) => {
      const rl = readline.createInterface({ input });
      let first: string | undefined;
      rl.once('line', (line) => {
        first = line;
        rl.close();
      });
      rl.once('close', () => resolve(first ?? ''));
    });
  }
  return new Promise((resolve) => {
    process.stdout.write(prompt);
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    let value = '';
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stdout.write('\n');
          resolve(value);
          return;
        }
        if (char === '\u0003') process.exit(130);
        value = char === '\u007f' ? value.slice(0, -1) : value + char;
      }
    };
    input.on('data', onData);
  });
}
