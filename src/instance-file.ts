import fs from 'node:fs';
import path from 'node:path';

/**
 * `DATA_DIR/skillscreen.pid` names the server process using the data folder, so that a restore
 * can refuse to replace the database under a running instance. A file left by a process that
 * was killed names a process that no longer runs, and counts as stopped.
 */
export function instanceFile(dataDir: string): string {
  return path.join(dataDir, 'skillscreen.pid');
}

export function markRunning(dataDir: string): void {
  fs.writeFileSync(instanceFile(dataDir), `${process.pid}\n`);
}

export function markStopped(dataDir: string): void {
  fs.rmSync(instanceFile(dataDir), { force: true });
}

/** The pid of a live server on this data folder, or undefined. */
export function runningInstance(dataDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(instanceFile(dataDir), 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it is running all the same.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}
