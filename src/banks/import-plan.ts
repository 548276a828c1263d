import type { Skill, StoredQuestion } from './banks.types';
import { contentHash } from './content-hash';
import type { BankHeader, ImportEntry, ImportNote, ImportProblem, ReadFiles } from './import-files';
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
  /** Set when the reason is that this GIFT category names no bank (reported per category). */
  category?: string;
}

/** A bank the file names that does not exist; GIFT categories say how many questions wait for it. */
export interface MissingBank {
  slug: string;
  name: string;
  category?: string;
  file: string;
  lines: number[];
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
  problems: ImportProblem[];
  /** Problems of questions left out because the import was asked to skip invalid questions. */
  skipped: ImportProblem[];
  notes: ImportNote[];
  /** Banks the file names that do not exist yet (an admin can create them or map the category). */
  missingBanks: MissingBank[];
}

export interface PlanOptions {
  /** Import the valid questions when every problem concerns one question, not the file. */
  skipInvalid?: boolean;
}

/** Whether leaving out some questions would let the rest import: no problem is about the file. */
export function onlyInvalidQuestions(problems: readonly ImportProblem[]): boolean {
  return problems.length > 0 && problems.every((problem) => problem.skippable);
}

/** The questions (file and line) that the problems concern, each once. */
export function invalidQuestionCount(problems: readonly ImportProblem[]): number {
  return new Set(problems.map((problem) => `${problem.file}:${problem.line}`)).size;
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
  options: PlanOptions = {},
): ImportPlan {
  const skip = options.skipInvalid === true && onlyInvalidQuestions(read.problems);
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
    problems: skip ? [] : [...read.problems],
    skipped: skip ? [...read.problems] : [],
    notes: [...read.notes],
    missingBanks: [],
  };
  const missing = (entry: ImportEntry, slug: string, name: string, category?: string) => {
    const known = plan.missingBanks.find((b) => b.slug === slug && b.category === category);
    if (known) known.lines.push(entry.line);
    else if (slug || category)
      plan.missingBanks.push({ slug, name, category, file: entry.file, lines: [entry.line] });
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
      missing(entry, slugify(category), category, category);
      plan.refused.push({
        file: entry.file,
        line: entry.line,
        id,
        reason: `no bank matches the category "${category}".`,
        category,
      });
      continue;
    }
    if (!bySlug.has(skillSlug) && !creating.has(skillSlug)) {
      missing(entry, skillSlug, skillSlug);
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
