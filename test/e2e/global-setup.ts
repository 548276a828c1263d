import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const PACKAGE = 'chromium';

/**
 * Finds Chromium for the browser tests: CHROME_PATH, then /usr/bin/chromium. When neither exists
 * and this runs as root with apt-get, installs Debian's package; otherwise stops with a message.
 */
export default function ensureChromium(): void {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium'].filter(Boolean) as string[];
  const found = candidates.find((file) => fs.existsSync(file));
  if (found) {
    process.env.CHROME_PATH = found;
    return;
  }
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('which', ['apt-get']).status === 0;
  if (!isRoot || !hasApt) {
    throw new Error(
      `Browser tests need Chromium. Install Debian's "${PACKAGE}" package (sudo apt-get install -y ${PACKAGE}) or set CHROME_PATH.`,
    );
  }
  console.log(`Chromium not found: installing Debian's ${PACKAGE} package...`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', PACKAGE], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  process.env.CHROME_PATH = '/usr/bin/chromium';
}
