import type { Kysely } from 'kysely';
import { PreparedQuery } from '../db/prepared-query';
import type { UnitOfWork } from '../db/unit-of-work';
import type { AssessmentStatus, DB } from '../db/schema';
import type { NamedFramework, NamedLanguage } from '../jd/jd-matcher';
import type { JdSection } from '../jd/jd-parser';
import type { SkillSettings } from './assessment-rules';
import type {
  Accommodation,
  Assessment,
  AssessmentFields,
  AssessmentSummary,
  Member,
  StoredLine,
  StoredMatch,
} from './assessments.types';

type AssessmentRow = {
  id: number;
  owner_id: number;
  owner_name: string;
  title: string;
  status: AssessmentStatus;
  job_description: string;
  time_limit_minutes: number;
  question_time_limit_seconds: number | null;
  pass_threshold: number;
  difficulty_min: number;
  difficulty_max: number;
  shuffle: number;
  show_results: number;
  notify_on_submit: number;
  accommodations: string;
  created_at: number;
  updated_at: number;
  results_version: number;
};

function toAssessment(row: AssessmentRow): Assessment {
  return {
    id: row.id,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    title: row.title,
    status: row.status,
    jobDescription: row.job_description,
    timeLimitMinutes: row.time_limit_minutes,
    questionTimeLimitSeconds: row.question_time_limit_seconds,
    passThreshold: row.pass_threshold,
    difficultyMin: row.difficulty_min,
    difficultyMax: row.difficulty_max,
    shuffle: row.shuffle === 1,
    showResults: row.show_results === 1,
    notifyOnSubmit: row.notify_on_submit === 1,
    accommodations: JSON.parse(row.accommodations) as Accommodation[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    resultsVersion: row.results_version,
  };
}

function toRow(fields: AssessmentFields) {
  return {
    title: fields.title,
    job_description: fields.jobDescription,
    time_limit_minutes: fields.timeLimitMinutes,
    question_time_limit_seconds: fields.questionTimeLimitSeconds,
    pass_threshold: fields.passThreshold,
    difficulty_min: fields.difficultyMin,
    difficulty_max: fields.difficultyMax,
    shuffle: fields.shuffle ? 1 : 0,
    show_results: fields.showResults ? 1 : 0,
    notify_on_submit: fields.notifyOnSubmit ? 1 : 0,
  };
}

/** Assessments with their owner's name, as every read of an assessment selects them. */
function selectAssessments(db: Kysely<DB>) {
  return db
    .selectFrom('assessments')
    .innerJoin('users as owner', 'owner.id', 'assessments.owner_id')
    .select([
      'assessments.id',
      'assessments.owner_id',
      'owner.name as owner_name',
      'assessments.title',
      'assessments.status',
      'assessments.job_description',
      'assessments.time_limit_minutes',
      'assessments.question_time_limit_seconds',
      'assessments.pass_threshold',
      'assessments.difficulty_min',
      'assessments.difficulty_max',
      'assessments.results_version',
      'assessments.shuffle',
      'assessments.show_results',
      'assessments.notify_on_submit',
      'assessments.accommodations',
      'assessments.created_at',
      'assessments.updated_at',
    ]);
}

// A candidate's every request reads the assessment's settings, and every report view checks
// access and reads the skills and lines: these run without building a query each time.
const assessmentById = new PreparedQuery((db, values: { id: number }) =>
  selectAssessments(db).where('assessments.id', '=', values.id),
);
const membership = new PreparedQuery((db, values: { assessmentId: number; userId: number }) =>
  db
    .selectFrom('assessment_members')
    .select('user_id')
    .where('assessment_id', '=', values.assessmentId)
    .where('user_id', '=', values.userId),
);
const skillsOf = new PreparedQuery((db, values: { assessmentId: number }) =>
  db
    .selectFrom('assessment_skills')
    .innerJoin('skills', 'skills.id', 'assessment_skills.skill_id')
    .select([
      'skills.id as skill_id',
      'skills.slug',
      'skills.name',
      'assessment_skills.section',
      'assessment_skills.question_count',
      'assessment_skills.weight',
      'assessment_skills.pass_threshold',
    ])
    .where('assessment_skills.assessment_id', '=', values.assessmentId)
    .orderBy('assessment_skills.position'),
);
const linesOf = new PreparedQuery((db, values: { assessmentId: number }) =>
  db
    .selectFrom('assessment_lines')
    .select(['position', 'text', 'section', 'matches', 'skills', 'choice', 'frameworks'])
    .where('assessment_id', '=', values.assessmentId)
    .orderBy('position'),
);

/** Every Kysely query about assessments, their lines, skills and collaborators. */
export class AssessmentsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get db() {
    return this.uow.db;
  }

  async insert(ownerId: number, fields: AssessmentFields, now: number): Promise<number> {
    const { id } = await this.db
      .insertInto('assessments')
      .values({
        ...toRow(fields),
        owner_id: ownerId,
        status: 'draft',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async update(id: number, fields: AssessmentFields, now: number): Promise<void> {
    await this.db
      .updateTable('assessments')
      .set({ ...toRow(fields), updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async markUpdated(id: number, now: number): Promise<void> {
    await this.db
      .updateTable('assessments')
      .set({ updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  /** Marks what the assessment's reports show as changed (see migration 0008). */
  async bumpResultsVersion(id: number): Promise<void> {
    await this.db
      .updateTable('assessments')
      .set((eb) => ({ results_version: eb('results_version', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  async setStatus(id: number, status: AssessmentStatus, now: number): Promise<void> {
    await this.db
      .updateTable('assessments')
      .set({ status, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async findById(id: number): Promise<Assessment | undefined> {
    const row = await assessmentById.first(this.db, { id });
    return row && toAssessment(row);
  }

  /** Assessments a user owns or collaborates on; every assessment when `userId` is null (admins). */
  async listVisibleTo(userId: number | null): Promise<AssessmentSummary[]> {
    let query = selectAssessments(this.db)
      .select((eb) => [
        eb
          .selectFrom('assessment_skills')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('assessment_skills.assessment_id', '=', 'assessments.id')
          .as('skill_count'),
        eb
          .selectFrom('assessment_skills')
          .select((sub) =>
            sub.fn
              .coalesce(sub.fn.sum<number>('assessment_skills.question_count'), sub.val(0))
              .as('n'),
          )
          .whereRef('assessment_skills.assessment_id', '=', 'assessments.id')
          .as('question_count'),
      ])
      .orderBy('assessments.updated_at', 'desc')
      .orderBy('assessments.id', 'desc');
    if (userId !== null) {
      query = query.where((eb) =>
        eb.or([
          eb('assessments.owner_id', '=', userId),
          eb.exists(
            eb
              .selectFrom('assessment_members')
              .select('assessment_members.user_id')
              .whereRef('assessment_members.assessment_id', '=', 'assessments.id')
              .where('assessment_members.user_id', '=', userId),
          ),
        ]),
      );
    }
    const rows = await query.execute();
    return rows.map((row) => ({
      ...toAssessment(row),
      skillCount: Number(row.skill_count ?? 0),
      questionCount: Number(row.question_count ?? 0),
    }));
  }

  async isMember(assessmentId: number, userId: number): Promise<boolean> {
    return Boolean(await membership.first(this.db, { assessmentId, userId }));
  }

  async lines(assessmentId: number): Promise<StoredLine[]> {
    const rows = await linesOf.all(this.db, { assessmentId });
    return rows.map((row) => ({
      position: row.position,
      text: row.text,
      section: row.section as JdSection,
      matches: JSON.parse(row.matches) as StoredMatch[],
      skills: JSON.parse(row.skills) as string[],
      ...(row.choice ? { choice: JSON.parse(row.choice) as NamedLanguage[] } : {}),
      frameworks: JSON.parse(row.frameworks) as NamedFramework[],
    }));
  }

  async replaceLines(assessmentId: number, lines: readonly StoredLine[]): Promise<void> {
    await this.db
      .deleteFrom('assessment_lines')
      .where('assessment_id', '=', assessmentId)
      .execute();
    if (!lines.length) return;
    await this.db
      .insertInto('assessment_lines')
      .values(
        lines.map((line) => ({
          assessment_id: assessmentId,
          position: line.position,
          text: line.text,
          section: line.section,
          matches: JSON.stringify(line.matches),
          skills: JSON.stringify(line.skills),
          choice: line.choice ? JSON.stringify(line.choice) : null,
          frameworks: JSON.stringify(line.frameworks),
        })),
      )
      .execute();
  }

  async skills(
    assessmentId: number,
  ): Promise<(SkillSettings & { skillId: number; name: string })[]> {
    const rows = await skillsOf.all(this.db, { assessmentId });
    return rows.map((row) => ({
      skillId: row.skill_id,
      skill: row.slug,
      name: row.name,
      section: row.section as JdSection,
      questionCount: row.question_count,
      weight: row.weight,
      passThreshold: row.pass_threshold,
    }));
  }

  async replaceSkills(
    assessmentId: number,
    skills: readonly (SkillSettings & { skillId: number })[],
  ): Promise<void> {
    await this.db
      .deleteFrom('assessment_skills')
      .where('assessment_id', '=', assessmentId)
      .execute();
    if (!skills.length) return;
    await this.db
      .insertInto('assessment_skills')
      .values(
        skills.map((s, position) => ({
          assessment_id: assessmentId,
          skill_id: s.skillId,
          position,
          section: s.section,
          question_count: s.questionCount,
          weight: s.weight,
          pass_threshold: s.passThreshold,
        })),
      )
      .execute();
  }

  async members(assessmentId: number): Promise<Member[]> {
    return this.db
      .selectFrom('assessment_members')
      .innerJoin('users', 'users.id', 'assessment_members.user_id')
      .select(['users.id as userId', 'users.name', 'users.email'])
      .where('assessment_members.assessment_id', '=', assessmentId)
      .orderBy('users.name')
      .execute();
  }

  async addMember(assessmentId: number, userId: number, now: number): Promise<void> {
    await this.db
      .insertInto('assessment_members')
      .values({ assessment_id: assessmentId, user_id: userId, added_at: now })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async removeMember(assessmentId: number, userId: number): Promise<void> {
    await this.db
      .deleteFrom('assessment_members')
      .where('assessment_id', '=', assessmentId)
      .where('user_id', '=', userId)
      .execute();
  }
}
