import crypto from 'node:crypto';
import type { Actor } from '../audit/actor';
import type { AuditLog } from '../audit/audit.repository';
import { BoundedCache } from '../bounded-cache';
import type { Clock } from '../clock';
import type { UnitOfWork } from '../db/unit-of-work';
import { BadRequestError, ConflictError, NotFoundError, ValidationError } from '../http/errors';
import type { BanksRepository } from './banks.repository';
import type {
  PendingImport,
  QuestionFilters,
  Skill,
  StoredQuestion,
  StoredVersion,
} from './banks.types';
import { contentHash } from './content-hash';
import {
  readImportFiles,
  type BankHeader,
  type ReadOptions,
  type SourceFile,
} from './import-files';
import { invalidQuestionCount, planImport, type ImportPlan, type PlanOptions } from './import-plan';
import type { PendingImportsRepository } from './pending-imports.repository';
import {
  qualityProblems,
  questionSchema,
  type Bank,
  type Question,
  type QuestionType,
} from './question.schemas';

export interface BankSummary extends Skill {
  total: number;
  retired: number;
  byType: Partial<Record<QuestionType, number>>;
  byDifficulty: Record<number, number>;
}

export interface ImportReport extends ImportPlan {
  /** False for a dry run and for an import refused because of problems. */
  applied: boolean;
}

export interface ImportOptions extends ReadOptions, PlanOptions {
  dryRun?: boolean;
  actor?: Actor;
}

export interface BanksDependencies {
  uow: UnitOfWork;
  repository: BanksRepository;
  pendingImports: PendingImportsRepository;
  audit: AuditLog;
  clock: Clock;
}

const PENDING_IMPORT_TTL_MS = 60 * 60_000;

/** Question versions kept parsed in memory: more than any library holds. */
const VERSIONS_KEPT = 20_000;

const versionKey = (ref: { id: string; version: number }) => `${ref.id}@${ref.version}`;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export class BanksService {
  private readonly parsedVersions = new BoundedCache<string, Question>(VERSIONS_KEPT);

  constructor(private readonly deps: BanksDependencies) {}

  async listBanks(): Promise<BankSummary[]> {
    const [skills, counts] = await Promise.all([
      this.deps.repository.listSkills(),
      this.deps.repository.countQuestions(),
    ]);
    const summaries = new Map<number, BankSummary>(
      skills.map((skill) => [
        skill.id,
        {
          ...skill,
          total: 0,
          retired: 0,
          byType: {},
          byDifficulty: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
        },
      ]),
    );
    for (const row of counts) {
      const summary = summaries.get(row.skillId);
      if (!summary) continue;
      if (row.retired) {
        summary.retired += row.count;
        continue;
      }
      summary.total += row.count;
      summary.byType[row.type] = (summary.byType[row.type] ?? 0) + row.count;
      summary.byDifficulty[row.difficulty] =
        (summary.byDifficulty[row.difficulty] ?? 0) + row.count;
    }
    return [...summaries.values()];
  }

  listSkills(): Promise<Skill[]> {
    return this.deps.repository.listSkills();
  }

  /**
   * Current versions of the questions not retired, in the given banks. Their content is the
   * shared, frozen parse of each version (see findVersions): every start draws from these.
   */
  async questionsInUse(skillIds: readonly number[]): Promise<StoredQuestion[]> {
    const heads = await this.deps.repository.questionsInUse(skillIds);
    const versions = await this.findVersions(
      heads.map((head) => ({ id: head.id, version: head.currentVersion })),
    );
    return heads.map((head) => {
      const key = versionKey({ id: head.id, version: head.currentVersion });
      const question = versions.get(key);
      if (!question) throw new Error(`Question version ${key} is missing`);
      return { ...head, question };
    });
  }

  /** The current version of each question, retired or not, by id. */
  currentQuestions(ids: string[]): Promise<Map<string, StoredQuestion>> {
    return this.deps.repository.findQuestions(ids);
  }

  /**
   * Question versions by `id@version`. A version never changes once written, so each is read
   * and parsed once per process and then shared, frozen, by every page that shows it.
   */
  async findVersions(
    refs: readonly { id: string; version: number }[],
  ): Promise<Map<string, Question>> {
    const found = new Map<string, Question>();
    const missing: { id: string; version: number }[] = [];
    for (const ref of refs) {
      const key = versionKey(ref);
      const cached = this.parsedVersions.get(key);
      if (cached) found.set(key, cached);
      else missing.push(ref);
    }
    if (!missing.length) return found;
    const fetched = await this.deps.repository.findVersions(missing);
    for (const [key, question] of fetched) this.parsedVersions.set(key, deepFreeze(question));
    for (const ref of missing) {
      const question = fetched.get(versionKey(ref));
      if (question) found.set(versionKey(ref), question);
    }
    return found;
  }

  async getBank(slug: string): Promise<Skill> {
    const skill = await this.deps.repository.findSkill(slug);
    if (!skill) throw new NotFoundError('There is no question bank with this name.');
    return skill;
  }

  async listQuestions(slug: string, filters: QuestionFilters): Promise<StoredQuestion[]> {
    const skill = await this.getBank(slug);
    return this.deps.repository.listQuestions(skill.id, filters);
  }

  async getQuestion(slug: string, id: string): Promise<StoredQuestion> {
    const stored = await this.deps.repository.getQuestion(id);
    if (!stored || stored.skillSlug !== slug)
      throw new NotFoundError('There is no such question in this bank.');
    return stored;
  }

  /** The other questions in the question's exclusion group, in any bank. */
  async groupMates(stored: StoredQuestion): Promise<StoredQuestion[]> {
    const { group } = stored.question;
    if (!group) return [];
    const members = await this.deps.repository.questionsInGroup(group);
    return members.filter((member) => member.id !== stored.id);
  }

  async versions(slug: string, id: string): Promise<StoredVersion[]> {
    await this.getQuestion(slug, id);
    return this.deps.repository.listVersions(id);
  }

  /** A bank as its file: current versions of the questions that are not retired. */
  async exportBank(slug: string): Promise<Bank> {
    const skill = await this.getBank(slug);
    const questions = await this.deps.repository.listQuestions(skill.id, { retired: false });
    return {
      skill: skill.slug,
      name: skill.name,
      description: skill.description,
      keywords: skill.keywords,
      questions: questions.map((q) => q.question),
    };
  }

  /**
   * Reads and plans an import; writes it unless it is a dry run or a file has a problem that
   * is not skipped (`skipInvalid` leaves out questions that break a rule, never syntax errors).
   */
  async importFiles(files: SourceFile[], options: ImportOptions = {}): Promise<ImportReport> {
    const read = readImportFiles(files, {
      skill: options.skill,
      categoryBanks: options.categoryBanks,
    });
    const { repository, uow } = this.deps;
    return uow.transaction(async () => {
      const plan = planImport(
        read,
        await repository.listSkills(),
        await repository.findQuestions(read.entries.map((e) => e.question.id)),
        { skipInvalid: options.skipInvalid },
      );
      if (options.dryRun || plan.problems.length) return { ...plan, applied: false };
      await this.applyPlan(plan, options.actor?.id ?? null);
      await this.auditImport(plan, options.actor);
      return { ...plan, applied: true };
    });
  }

  private async applyPlan(plan: ImportPlan, userId: number | null): Promise<void> {
    const { repository } = this.deps;
    const now = this.deps.clock.now();
    const fields = ({ slug, name, description, keywords }: BankHeader) => ({
      slug,
      name,
      description,
      keywords,
    });
    for (const header of plan.skillsToCreate) await repository.insertSkill(fields(header), now);
    const skills = new Map((await repository.listSkills()).map((s) => [s.slug, s]));
    for (const header of plan.skillsToUpdate) {
      await repository.updateSkill(skills.get(header.slug)?.id as number, fields(header), now);
    }
    for (const { entry, skillSlug } of plan.create) {
      const skillId = skills.get(skillSlug)?.id as number;
      await repository.insertQuestion({
        skillId,
        question: entry.question,
        source: entry.source,
        userId,
        now,
      });
    }
    for (const { id, to } of plan.move) {
      await repository.moveQuestion(id, skills.get(to)?.id as number, now);
    }
    for (const { entry } of plan.change) {
      await repository.addVersion({ question: entry.question, source: entry.source, userId, now });
    }
    for (const id of plan.resync) await repository.markInSyncWithFile(id);
  }

  private async auditImport(plan: ImportPlan, actor?: Actor): Promise<void> {
    if (
      plan.create.length ||
      plan.move.length ||
      plan.change.length ||
      plan.skillsToCreate.length ||
      plan.skillsToUpdate.length
    ) {
      await this.deps.audit.record({
        action: 'bank.imported',
        actorId: actor?.id ?? null,
        ip: actor?.ip,
        details: {
          banksCreated: plan.skillsToCreate.length,
          banksChanged: plan.skillsToUpdate.length,
          created: plan.create.length,
          moved: plan.move.length,
          changed: plan.change.length,
          conflicts: plan.conflicts.length,
          refused: plan.refused.length,
          skipped: invalidQuestionCount(plan.skipped),
        },
      });
    }
  }

  /** Keeps an uploaded file until the admin confirms its previewed import; returns its id. */
  async stageUpload(actor: Actor, file: SourceFile, defaultSkill?: string): Promise<string> {
    const now = this.deps.clock.now();
    const id = crypto.randomBytes(16).toString('hex');
    await this.deps.uow.transaction(async () => {
      await this.deps.pendingImports.deleteOlderThan(now - PENDING_IMPORT_TTL_MS);
      await this.deps.pendingImports.insert({
        id,
        userId: actor.id,
        filename: file.name,
        skill: defaultSkill ?? null,
        content: file.text,
        createdAt: now,
        categoryBanks: {},
      });
    });
    return id;
  }

  async pendingUpload(
    actor: Actor,
    id: string,
  ): Promise<{ pending: PendingImport; report: ImportReport }> {
    const pending = await this.findPending(actor, id);
    const report = await this.importFiles([{ name: pending.filename, text: pending.content }], {
      ...pendingChoices(pending),
      dryRun: true,
    });
    return { pending, report };
  }

  /** Writes the previewed import; `skipInvalid` is the preview's "import the valid ones" choice. */
  async confirmUpload(
    actor: Actor,
    id: string,
    options: { skipInvalid?: boolean } = {},
  ): Promise<ImportReport> {
    return this.deps.uow.transaction(async () => {
      const pending = await this.findPending(actor, id);
      const report = await this.importFiles([{ name: pending.filename, text: pending.content }], {
        ...pendingChoices(pending),
        skipInvalid: options.skipInvalid,
        actor,
      });
      if (report.applied) await this.deps.pendingImports.delete(id);
      return report;
    });
  }

  /**
   * Keeps the banks the admin chose for the upload's GIFT categories; an empty choice clears
   * one. Every chosen bank must exist.
   */
  async chooseCategoryBanks(
    actor: Actor,
    id: string,
    choices: Record<string, string>,
  ): Promise<void> {
    await this.deps.uow.transaction(async () => {
      const pending = await this.findPending(actor, id);
      const slugs = new Set((await this.deps.repository.listSkills()).map((s) => s.slug));
      const unknown = Object.values(choices).filter((slug) => slug && !slugs.has(slug));
      if (unknown.length) {
        throw new BadRequestError(
          'Choose one of the existing banks for each category, or create the bank first.',
        );
      }
      const categoryBanks = { ...pending.categoryBanks };
      for (const [category, slug] of Object.entries(choices)) {
        if (slug) categoryBanks[category] = slug;
        else delete categoryBanks[category];
      }
      await this.deps.pendingImports.setCategoryBanks(id, categoryBanks);
    });
  }

  private async findPending(actor: Actor, id: string): Promise<PendingImport> {
    const pending = await this.deps.pendingImports.find(
      id,
      actor.id,
      this.deps.clock.now() - PENDING_IMPORT_TTL_MS,
    );
    if (!pending)
      throw new NotFoundError(
        'This upload has expired or belongs to someone else. Upload the file again.',
      );
    return pending;
  }

  /** Checks an edited question with the same rules as bank files. */
  validate(question: unknown): Question {
    const parsed = questionSchema.safeParse(question);
    const errors: Record<string, string> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors[issue.path.join('.') || 'form'] ??= issue.message;
      throw new ValidationError(errors);
    }
    for (const problem of qualityProblems(parsed.data))
      errors[problem.path.join('.')] ??= problem.message;
    if (Object.keys(errors).length) throw new ValidationError(errors);
    return parsed.data;
  }

  async createQuestion(actor: Actor, slug: string, input: unknown): Promise<Question> {
    const question = this.validate(input);
    return this.deps.uow.transaction(async () => {
      const skill = await this.getBank(slug);
      if (await this.deps.repository.getQuestion(question.id)) {
        throw new ValidationError({
          id: 'This id is already used; ids never change, so pick another.',
        });
      }
      await this.deps.repository.insertQuestion({
        skillId: skill.id,
        question,
        source: 'editor',
        userId: actor.id,
        now: this.deps.clock.now(),
      });
      await this.audit(actor, 'question.created', question.id);
      return question;
    });
  }

  /** Saves an edit as a new version; an edit that changes nothing makes no version. */
  async updateQuestion(
    actor: Actor,
    slug: string,
    id: string,
    input: unknown,
  ): Promise<{ version: number; changed: boolean }> {
    const question = this.validate({ ...(input as object), id });
    return this.deps.uow.transaction(async () => {
      const stored = await this.getQuestion(slug, id);
      if (contentHash(question) === stored.hash)
        return { version: stored.currentVersion, changed: false };
      const version = await this.deps.repository.addVersion({
        question,
        source: 'editor',
        userId: actor.id,
        now: this.deps.clock.now(),
      });
      await this.audit(actor, 'question.edited', id, { version });
      return { version, changed: true };
    });
  }

  async duplicate(actor: Actor, slug: string, id: string): Promise<Question> {
    return this.deps.uow.transaction(async () => {
      const stored = await this.getQuestion(slug, id);
      // Every candidate id starts with this much of the original (copyIdFor shortens the rest).
      const taken = new Set(await this.deps.repository.questionIdsLike(id.slice(0, 32)));
      let copyId = copyIdFor(id, 1);
      for (let n = 2; taken.has(copyId); n += 1) copyId = copyIdFor(id, n);
      const checked = questionSchema.safeParse({ ...stored.question, id: copyId });
      if (!checked.success) {
        throw new ConflictError(
          `This question cannot be copied: ${checked.error.issues[0]?.message ?? 'its copy is not valid.'}`,
        );
      }
      const question = { ...stored.question, id: copyId };
      await this.deps.repository.insertQuestion({
        skillId: stored.skillId,
        question,
        source: 'editor',
        userId: actor.id,
        now: this.deps.clock.now(),
      });
      await this.audit(actor, 'question.duplicated', copyId, { from: id });
      return question;
    });
  }

  async setRetired(actor: Actor, slug: string, id: string, retired: boolean): Promise<void> {
    await this.deps.uow.transaction(async () => {
      const stored = await this.getQuestion(slug, id);
      if ((stored.retiredAt !== null) === retired) {
        throw new ConflictError(
          retired ? 'This question is already retired.' : 'This question is not retired.',
        );
      }
      const now = this.deps.clock.now();
      await this.deps.repository.setRetired(id, retired ? now : null, now);
      await this.audit(actor, retired ? 'question.retired' : 'question.restored', id);
    });
  }

  /** Creates an empty bank (admins, in the browser); its slug never changes. */
  async createBank(
    actor: Actor,
    fields: { slug: string; name: string; description: string; keywords: string[] },
  ): Promise<Skill> {
    return this.deps.uow.transaction(async () => {
      if (await this.deps.repository.findSkill(fields.slug)) {
        throw new ValidationError({ slug: 'A bank with this short name already exists.' });
      }
      const skill = await this.deps.repository.insertSkill(fields, this.deps.clock.now());
      await this.deps.audit.record({
        action: 'bank.created',
        actorId: actor.id,
        ip: actor.ip,
        subjectType: 'skill',
        subjectId: skill.slug,
        details: { name: skill.name },
      });
      return skill;
    });
  }

  private audit(
    actor: Actor,
    action:
      | 'question.created'
      | 'question.edited'
      | 'question.duplicated'
      | 'question.retired'
      | 'question.restored',
    id: string,
    details?: Record<string, unknown>,
  ) {
    return this.deps.audit.record({
      action,
      actorId: actor.id,
      ip: actor.ip,
      subjectType: 'question',
      subjectId: id,
      details,
    });
  }
}

/** What the admin chose for an upload: the bank for the whole file and banks per category. */
function pendingChoices(pending: PendingImport): ReadOptions {
  return { skill: pending.skill ?? undefined, categoryBanks: pending.categoryBanks };
}

const MAX_QUESTION_ID_LENGTH = 64;

/**
 * The id of the n-th copy of a question (`git-012-copy`, `git-012-copy-2`, ...), the original's
 * id shortened so that the copy's id stays within the 64 characters a question id may have.
 */
export function copyIdFor(id: string, n: number): string {
  const suffix = n === 1 ? '-copy' : `-copy-${n}`;
  const base = id.slice(0, MAX_QUESTION_ID_LENGTH - suffix.length).replace(/[-_]+$/, '');
  return `${base}${suffix}`;
}
