import type { Skill, StoredQuestion } from './banks.types';
import { contentHash } from './content-hash';
import type { BankHeader, ImportEntry, Located, ReadFiles } from './import-files';
import { slugify } from './slug';

export interface PlannedQuestion {
  entry: ImportEntry;
  skillSlug: string;
}

export interface RefusedQuestion {
  file: string;
  line: number;
  id: string;
  reason: string;
}

/** A question whose bank file no longer lists it while another bank's file does. */
export interface MovedQuestion {
  id: string;
  file: string;
  line: number;
  from: string;
  to: string;
}

export interface ImportPlan {
  skillsToCreate: BankHeader[];
  skillsToUpdate: BankHeader[];
  create: PlannedQuestion[];
  /** Go to another bank, keeping their id, versions and the attempts that drew them. */
  move: MovedQuestion[];
  change: PlannedQuestion[];
  unchanged: PlannedQuestion[];
  /** Unchanged questions whose file version lags (edited, then the file caught up): record the sync. */
  resync: string[];
  /** Edited in the browser since the last file import: kept, not overwritten. */
  conflicts: RefusedQuestion[];
  refused: RefusedQuestion[];
  problems: Located[];
  notes: Located[];
  /** Banks the file names that do not exist yet (an admin can create them, then import). */
  missingBanks: { slug: string; name: string }[];
}

/** A GIFT category names a bank by its slug or its name. */
function resolveCategory(category: string, skills: Skill[]): Skill | undefined {
  const slug = slugify(category);
  return skills.find((s) => s.slug === slug || slugify(s.name) === slug);
}

function sameHeader(header: BankHeader, skill: Skill): boolean {
  return (
    header.name === skill.name &&
    header.description === skill.description &&
    JSON.stringify(header.keywords) === JSON.stringify(skill.keywords)
  );
}

/**
 * Decides what an import would do, without writing: which banks and questions it creates or
 * changes, which are unchanged, and which it refuses. Pure, so the preview and the import agree.
 */
export function planImport(
  read: ReadFiles,
  skills: Skill[],
  existing: Map<string, StoredQuestion>,
): ImportPlan {
  const plan: ImportPlan = {
    skillsToCreate: [],
    skillsToUpdate: [],
    create: [],
    move: [],
    change: [],
    unchanged: [],
    resync: [],
    conflicts: [],
    refused: [],
    problems: [...read.problems],
    notes: [...read.notes],
    missingBanks: [],
  };
  const missing = (slug: string, name: string) => {
    if (slug && !plan.missingBanks.some((b) => b.slug === slug))
      plan.missingBanks.push({ slug, name });
  };
  const bySlug = new Map(skills.map((s) => [s.slug, s]));
  for (const header of read.banks) {
    const skill = bySlug.get(header.slug);
    if (!skill) plan.skillsToCreate.push(header);
    else if (!sameHeader(header, skill)) plan.skillsToUpdate.push(header);
  }
  const creating = new Set(plan.skillsToCreate.map((h) => h.slug));
  // A bank whose whole file is imported says which questions it holds now.
  const wholeFiles = new Set(read.banks.map((h) => h.slug));

  for (const entry of read.entries) {
    const { id } = entry.question;
    const refuse = (reason: string) =>
      plan.refused.push({ file: entry.file, line: entry.line, id, reason });
    const skillSlug =
      'slug' in entry.skill
        ? entry.skill.slug
        : resolveCategory(entry.skill.category, skills)?.slug;
    if (!skillSlug) {
      const { category } = entry.skill as { category: string };
      missing(slugify(category), category);
      refuse(`no bank matches the category "${category}".`);
      continue;
    }
    if (!bySlug.has(skillSlug) && !creating.has(skillSlug)) {
      missing(skillSlug, skillSlug);
      refuse(`there is no bank "${skillSlug}".`);
      continue;
    }
    const stored = existing.get(id);
    const planned = { entry, skillSlug };
    if (!stored) {
      plan.create.push(planned);
      continue;
    }
    if (stored.skillSlug !== skillSlug) {
      if (!wholeFiles.has(stored.skillSlug)) {
        refuse(
          `the id is already used in the bank "${stored.skillSlug}". To move the question here, import that bank's file too, without it.`,
        );
        continue;
      }
      const { file, line } = entry;
      plan.move.push({ id, file, line, from: stored.skillSlug, to: skillSlug });
    }
    if (stored.hash === contentHash(entry.question)) {
      plan.unchanged.push(planned);
      if (stored.fileVersion !== stored.currentVersion) plan.resync.push(id);
    } else if (stored.fileVersion !== stored.currentVersion) {
      plan.conflicts.push({
        file: entry.file,
        line: entry.line,
        id,
        reason: `edited in the browser (version ${stored.currentVersion}) since the last file import; export the bank, merge, then import.`,
      });
    } else {
      plan.change.push(planned);
    }
  }
  return plan;
}
