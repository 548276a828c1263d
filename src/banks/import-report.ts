import type { ImportReport } from './banks.service';
import { groupNotes } from './import-notes';
import { invalidQuestionCount, type MissingBank } from './import-plan';

/** The lines a person reads after an import or a dry run (CLI output, server log). */
export function describeImport(report: ImportReport): string[] {
  const lines: string[] = [];
  for (const p of report.problems) lines.push(`${p.file}:${p.line}: ${p.message}`);
  if (report.skipped.length) {
    lines.push(`Left out, with their problems (${invalidQuestionCount(report.skipped)}):`);
    for (const p of report.skipped) lines.push(`  ${p.file}:${p.line}: ${p.message}`);
  }
  for (const group of groupNotes(report.notes)) {
    lines.push(`${group.title} (${group.notes.length}):`);
    for (const n of group.notes) lines.push(`  ${n.file}:${n.line}: ${n.message}`);
  }
  for (const c of report.conflicts)
    lines.push(`${c.file}:${c.line}: conflict: ${c.id} ${c.reason}`);
  for (const r of report.refused.filter((r) => !r.category))
    lines.push(`${r.file}:${r.line}: refused: ${r.id}: ${r.reason}`);
  for (const bank of report.missingBanks.filter((b) => b.category))
    lines.push(describeUnknownCategory(bank));
  const ids = (items: { entry: { question: { id: string } } }[]) =>
    items.map((i) => i.entry.question.id).join(', ');
  if (report.skillsToCreate.length)
    lines.push(`banks created: ${report.skillsToCreate.map((b) => b.slug).join(', ')}`);
  if (report.skillsToUpdate.length)
    lines.push(`banks changed: ${report.skillsToUpdate.map((b) => b.slug).join(', ')}`);
  if (report.create.length) lines.push(`created (${report.create.length}): ${ids(report.create)}`);
  if (report.move.length) {
    const moves = report.move.map((m) => `${m.id} (${m.from} → ${m.to})`).join(', ');
    lines.push(`moved to another bank (${report.move.length}): ${moves}`);
  }
  if (report.change.length) lines.push(`changed (${report.change.length}): ${ids(report.change)}`);
  const skipped = invalidQuestionCount(report.skipped);
  lines.push(
    `${report.create.length} created, ${report.move.length ? `${report.move.length} moved, ` : ''}${report.change.length} changed, ${report.unchanged.length} unchanged (skipped), ` +
      `${report.conflicts.length + report.refused.length} refused` +
      `${skipped ? `, ${skipped} left out with problems` : ''}` +
      `${report.problems.length ? `, ${report.problems.length} problems: nothing was imported` : ''}.`,
  );
  return lines;
}

function describeUnknownCategory(bank: MissingBank): string {
  const count = bank.lines.length;
  const where = `line${count === 1 ? '' : 's'} ${bank.lines.join(', ')}`;
  const slug = bank.slug || '<bank>';
  return (
    `${bank.file}: the category "${bank.category}" names no bank, so its ${count} question${count === 1 ? ' was' : 's were'} not imported (${where}). ` +
    `Put them in a bank with --map-category "${bank.category}=<bank>" (or every question with --skill <bank>), or create the bank "${slug}" first.`
  );
}
