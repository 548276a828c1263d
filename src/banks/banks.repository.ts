import { sql } from 'kysely';
import type { UnitOfWork } from '../db/unit-of-work';
import type { VersionSource } from '../db/schema';
import { canonicalJson, contentHash, questionContent } from './content-hash';
import type { Question, QuestionType } from './question.schemas';
import type {
  QuestionCount,
  QuestionFilters,
  Skill,
  SkillFields,
  StoredQuestion,
  StoredQuestionHead,
  StoredVersion,
} from './banks.types';

function toSkill(row: {
  id: number;
  slug: string;
  name: string;
  description: string;
  keywords: string;
}): Skill {
  return { ...row, keywords: JSON.parse(row.keywords) as string[] };
}

/**
 * Stored content went through questionSchema when it was written and versions never change, so
 * reading trusts it instead of validating every question on every page view.
 */
function toQuestion(id: string, content: string): Question {
  return { id, ...(JSON.parse(content) as Omit<Question, 'id'>) } as Question;
}

interface QuestionHeadRow {
  id: string;
  skill_id: number;
  skill_slug: string;
  current_version: number;
  file_version: number | null;
  retired_at: number | null;
  updated_at: number;
  content_hash: string;
}

function toHead(row: QuestionHeadRow): StoredQuestionHead {
  return {
    id: row.id,
    skillId: row.skill_id,
    skillSlug: row.skill_slug,
    currentVersion: row.current_version,
    fileVersion: row.file_version,
    retiredAt: row.retired_at,
    updatedAt: row.updated_at,
    hash: row.content_hash,
  };
}

/** Every Kysely query about skills, questions and their versions. */
export class BanksRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get db() {
    return this.uow.db;
  }

  async listSkills(): Promise<Skill[]> {
    const rows = await this.db
      .selectFrom('skills')
      .select(['id', 'slug', 'name', 'description', 'keywords'])
      .orderBy('name')
      .execute();
    return rows.map(toSkill);
  }

  async findSkill(slug: string): Promise<Skill | undefined> {
    const row = await this.db
      .selectFrom('skills')
      .select(['id', 'slug', 'name', 'description', 'keywords'])
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row && toSkill(row);
  }

  async insertSkill(fields: SkillFields, now: number): Promise<Skill> {
    const row = await this.db
      .insertInto('skills')
      .values({
        ...fields,
        keywords: JSON.stringify(fields.keywords),
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'slug', 'name', 'description', 'keywords'])
      .executeTakeFirstOrThrow();
    return toSkill(row);
  }

  async updateSkill(id: number, fields: Omit<SkillFields, 'slug'>, now: number): Promise<void> {
    await this.db
      .updateTable('skills')
      .set({ ...fields, keywords: JSON.stringify(fields.keywords), updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  /** Counts of current versions per skill, type, difficulty and retired state. */
  async countQuestions(): Promise<QuestionCount[]> {
    const rows = await this.currentVersions()
      .select((eb) => [
        'questions.skill_id',
        'question_versions.type',
        'question_versions.difficulty',
        eb.case().when('questions.retired_at', 'is', null).then(0).else(1).end().as('retired'),
        eb.fn.countAll<number>().as('count'),
      ])
      .groupBy([
        'questions.skill_id',
        'question_versions.type',
        'question_versions.difficulty',
        'retired',
      ])
      .execute();
    return rows.map((r) => ({
      skillId: r.skill_id,
      type: r.type as QuestionType,
      difficulty: r.difficulty,
      retired: Number(r.retired) === 1,
      count: Number(r.count),
    }));
  }

  async findQuestions(ids: string[]): Promise<Map<string, StoredQuestion>> {
    const found = new Map<string, StoredQuestion>();
    for (let start = 0; start < ids.length; start += 500) {
      const rows = await this.storedQuestions()
        .where('questions.id', 'in', ids.slice(start, start + 500))
        .execute();
      for (const row of rows) found.set(row.id, this.toStored(row));
    }
    return found;
  }

  async getQuestion(id: string): Promise<StoredQuestion | undefined> {
    return (await this.findQuestions([id])).get(id);
  }

  async listQuestions(skillId: number, filters: QuestionFilters = {}): Promise<StoredQuestion[]> {
    let query = this.storedQuestions().where('questions.skill_id', '=', skillId);
    if (filters.type) query = query.where('question_versions.type', '=', filters.type);
    if (filters.difficulty)
      query = query.where('question_versions.difficulty', '=', filters.difficulty);
    if (filters.retired !== undefined) {
      query = query.where('questions.retired_at', filters.retired ? 'is not' : 'is', null);
    }
    if (filters.search) {
      const like = `%${escapeLike(filters.search)}%`;
      query = query.where((eb) =>
        eb.or([
          sql<boolean>`${eb.ref('questions.id')} like ${like} escape '\\'`,
          sql<boolean>`${eb.ref('question_versions.content')} like ${like} escape '\\'`,
        ]),
      );
    }
    const rows = await query.orderBy('questions.id').execute();
    const questions = rows.map((row) => this.toStored(row));
    return filters.tag
      ? questions.filter((q) => q.question.tags.includes(filters.tag as string))
      : questions;
  }

  /**
   * Questions in use (not retired) of the given banks, without their content: a draw takes the
   * parsed versions from the banks service's cache instead of parsing every one again.
   */
  async questionsInUse(skillIds: readonly number[]): Promise<StoredQuestionHead[]> {
    if (!skillIds.length) return [];
    const rows = await this.questionHeads()
      .where('questions.skill_id', 'in', [...skillIds])
      .where('questions.retired_at', 'is', null)
      .orderBy('questions.id')
      .execute();
    return rows.map(toHead);
  }

  /** Current versions in an exclusion group, from every bank, retired ones included. */
  async questionsInGroup(group: string): Promise<StoredQuestion[]> {
    const rows = await this.storedQuestions()
      .where('question_versions.exclusion_group', '=', group)
      .orderBy('questions.id')
      .execute();
    return rows.map((row) => this.toStored(row));
  }

  /** Exact versions by question id and version number, keyed `id@version`. */
  async findVersions(
    refs: readonly { id: string; version: number }[],
  ): Promise<Map<string, Question>> {
    const found = new Map<string, Question>();
    const ids = [...new Set(refs.map((ref) => ref.id))];
    for (let start = 0; start < ids.length; start += 500) {
      const rows = await this.db
        .selectFrom('question_versions')
        .select(['question_id', 'version', 'content'])
        .where('question_id', 'in', ids.slice(start, start + 500))
        .execute();
      for (const row of rows)
        found.set(`${row.question_id}@${row.version}`, toQuestion(row.question_id, row.content));
    }
    return found;
  }

  async listVersions(questionId: string): Promise<StoredVersion[]> {
    const rows = await this.db
      .selectFrom('question_versions')
      .leftJoin('users', 'users.id', 'question_versions.created_by')
      .select([
        'question_versions.version',
        'question_versions.source',
        'question_versions.created_at',
        'question_versions.content',
        'question_versions.content_hash',
        'users.name as created_by_name',
      ])
      .where('question_versions.question_id', '=', questionId)
      .orderBy('question_versions.version', 'desc')
      .execute();
    return rows.map((row) => ({
      version: row.version,
      source: row.source,
      createdAt: row.created_at,
      createdBy: row.created_by_name,
      hash: row.content_hash,
      question: toQuestion(questionId, row.content),
    }));
  }

  async insertQuestion(input: {
    skillId: number;
    question: Question;
    source: VersionSource;
    userId: number | null;
    now: number;
  }): Promise<void> {
    const fromFile = isFileSource(input.source);
    await this.db
      .insertInto('questions')
      .values({
        id: input.question.id,
        skill_id: input.skillId,
        current_version: 1,
        file_version: fromFile ? 1 : null,
        retired_at: null,
        created_at: input.now,
        updated_at: input.now,
      })
      .execute();
    await this.insertVersion(input.question, 1, input.source, input.userId, input.now);
  }

  /** Adds the next version and makes it current; returns its number. */
  async addVersion(input: {
    question: Question;
    source: VersionSource;
    userId: number | null;
    now: number;
  }): Promise<number> {
    const { current_version: current } = await this.db
      .selectFrom('questions')
      .select('current_version')
      .where('id', '=', input.question.id)
      .executeTakeFirstOrThrow();
    const version = current + 1;
    await this.insertVersion(input.question, version, input.source, input.userId, input.now);
    await this.db
      .updateTable('questions')
      .set({
        current_version: version,
        updated_at: input.now,
        ...(isFileSource(input.source) ? { file_version: version } : {}),
      })
      .where('id', '=', input.question.id)
      .execute();
    return version;
  }

  /** Puts a question in another bank; its versions, and the attempts that drew them, stay. */
  async moveQuestion(questionId: string, skillId: number, now: number): Promise<void> {
    await this.db
      .updateTable('questions')
      .set({ skill_id: skillId, updated_at: now })
      .where('id', '=', questionId)
      .execute();
  }

  /** Records that the file and the database agree at the current version. */
  async markInSyncWithFile(questionId: string): Promise<void> {
    await this.db
      .updateTable('questions')
      .set((eb) => ({ file_version: eb.ref('current_version') }))
      .where('id', '=', questionId)
      .execute();
  }

  async setRetired(questionId: string, retiredAt: number | null, now: number): Promise<void> {
    await this.db
      .updateTable('questions')
      .set({ retired_at: retiredAt, updated_at: now })
      .where('id', '=', questionId)
      .execute();
  }

  async questionIdsLike(prefix: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('questions')
      .select('id')
      .where(sql<boolean>`id like ${`${escapeLike(prefix)}%`} escape '\\'`)
      .execute();
    return rows.map((r) => r.id);
  }

  private async insertVersion(
    question: Question,
    version: number,
    source: VersionSource,
    userId: number | null,
    now: number,
  ): Promise<void> {
    await this.db
      .insertInto('question_versions')
      .values({
        question_id: question.id,
        version,
        type: question.type,
        difficulty: question.difficulty,
        points: question.points,
        tags: JSON.stringify(question.tags),
        prompt: question.prompt,
        content: canonicalJson(questionContent(question)),
        content_hash: contentHash(question),
        reviewed: question.reviewed ?? null,
        exclusion_group: question.group ?? null,
        source,
        created_by: userId,
        created_at: now,
      })
      .execute();
  }

  private currentVersions() {
    return this.db
      .selectFrom('questions')
      .innerJoin('question_versions', (join) =>
        join
          .onRef('question_versions.question_id', '=', 'questions.id')
          .onRef('question_versions.version', '=', 'questions.current_version'),
      );
  }

  private storedQuestions() {
    return this.questionHeads().select('question_versions.content');
  }

  private questionHeads() {
    return this.currentVersions()
      .innerJoin('skills', 'skills.id', 'questions.skill_id')
      .select([
        'questions.id',
        'questions.skill_id',
        'skills.slug as skill_slug',
        'questions.current_version',
        'questions.file_version',
        'questions.retired_at',
        'questions.updated_at',
        'question_versions.content_hash',
      ]);
  }

  private toStored(row: QuestionHeadRow & { content: string }): StoredQuestion {
    return { ...toHead(row), question: toQuestion(row.id, row.content) };
  }
}

function isFileSource(source: VersionSource): boolean {
  return source !== 'editor';
}

/** Escapes LIKE wildcards; every query using it says `escape '\\'` so `_` and `%` match literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
