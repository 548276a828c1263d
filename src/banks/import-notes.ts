/**
 * What kind of change an import note reports, most important first: something in the file that
 * did not make it in, credit that scores differently, a change in how it looks, and advice
 * about the imported question itself.
 */
export const NOTE_KINDS = ['lost-content', 'lost-credit', 'cosmetic', 'review'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const NOTE_KIND_TITLES: Record<NoteKind, string> = {
  'lost-content': 'Content that was left out',
  'lost-credit': 'Partial credit or penalties that score differently',
  cosmetic: 'Changes in wording or layout',
  review: 'Worth reviewing after the import',
};

export interface KindedNote {
  kind: NoteKind;
  message: string;
}

export interface NoteGroup<T extends { kind: NoteKind }> {
  kind: NoteKind;
  title: string;
  notes: T[];
}

/** Notes grouped by kind in the order above; empty groups are left out. */
export function groupNotes<T extends { kind: NoteKind }>(notes: readonly T[]): NoteGroup<T>[] {
  return NOTE_KINDS.map((kind) => ({
    kind,
    title: NOTE_KIND_TITLES[kind],
    notes: notes.filter((note) => note.kind === kind),
  })).filter((group) => group.notes.length > 0);
}
