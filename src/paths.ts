import fs from 'node:fs';
import path from 'node:path';

/** The folder holding package.json, whether running from src/ (tests) or dist/src/ (built). */
function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'views')))
      return dir;
    if (path.dirname(dir) === dir) throw new Error(`No project root above ${start}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
export const VIEWS_DIR = path.join(PROJECT_ROOT, 'views');
export const PUBLIC_DIR = path.join(PROJECT_ROOT, 'public');
export const QUESTIONS_DIR = path.join(PROJECT_ROOT, 'questions');
