/**
 * A moment in UTC, readable, with its machine form; a dash when it has not happened. Tables
 * repeat it hundreds of times, so it is a function, not an EJS include (each include copies
 * every view local). Only a date goes in: nothing needs escaping.
 */
export function timeCell(ms: number | null): string {
  if (ms === null) return '—';
  const at = new Date(ms).toISOString();
  return `<time datetime="${at}">${at.replace('T', ' ').slice(0, 16)}</time>`;
}
