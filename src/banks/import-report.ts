import type { ImportReport } from './banks.service';

/** The lines a person reads after an import or a dry run (CLI output, server log). */
export function describeImport(report: ImportReport): string[] {
  const lines: string[] = [];
  for (const p of report.problems) lines.push(`${p.file}:${p.line}: ${p.message}`);
  for (const n of report.notes) lines.push(`${n.file}:${n.line}: note: ${n.message}`);
  for (const c of report.conflicts)
    lines.push(`${c.file}:${c.line}: conflict: ${c.id} ${c.reason}`);
  for (const r of report.refused) lines.push(`${r.file}:${r.line}: refused: ${r.id}: ${r.reason}`);
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
  lines.push(
    `${report.create.length} created, ${report.move.length ? `${report.move.length} moved, ` : ''}${report.change.length} changed, ${report.unchanged.length} unchanged (skipped), ` +
      `${report.conflicts.length + report.refused.length} refused${report.problems.length ? `, ${report.problems.length} problems: nothing was imported` : ''}.`,
  );
  return lines;
}
