import path from 'node:path';
import ejs from 'ejs';
import { VIEWS_DIR } from '../paths';

/**
 * The HTML version of an email, from an EJS template in views/emails/ (escaped like every page),
 * so no code builds HTML strings.
 */
export function renderEmailHtml(template: string, data: Record<string, unknown>): Promise<string> {
  return ejs.renderFile(path.join(VIEWS_DIR, 'emails', `${template}.ejs`), data, { cache: true });
}
