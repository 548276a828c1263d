import type { Actor } from '../audit/actor';
import type { AuditLog } from '../audit/audit.repository';
import type { AuditAction } from '../audit/audit.types';
import type { BanksService } from '../banks/banks.service';
import type { Skill, StoredQuestion } from '../banks/banks.types';
import type { Question } from '../banks/question.schemas';
import type { Clock } from '../clock';
import type { UnitOfWork } from '../db/unit-of-work';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import { analyzeJobDescription } from '../jd/jd-matcher';
import { LANGUAGE_FALLBACK } from '../jd/jd-vocabulary';
import { storedConfidence } from '../jd/match-confidence';
import type { UsersService } from '../users/users.service';
import type { StaffUser } from '../users/users.types';
import {
  DEFAULT_PASS_THRESHOLD,
  deriveSkills,
  expectedMinutes,
  preferredTags,
  suggestTimeLimit,
  titleFromDescription,
  type SkillSettings,
} from './assessment-rules';
import type { AssessmentsRepository } from './assessments.repository';
import type {
  Assessment,
  AssessmentFields,
  AssessmentSummary,
  Member,
  StoredLine,
} from './assessments.types';
import { drawableCount, drawQuestions, shuffleChoices, taggedWith, type Rng } from './draw';

export interface AssessmentSkill extends SkillSettings {
  skillId: number;
  name: string;
  /** Questions in use in the bank within the difficulty range; an exclusion group counts once. */
  available: number;
  averageMinutes: number;
}

export interface AssessmentDetail {
  assessment: Assessment;
  lines: StoredLine[];
  skills: AssessmentSkill[];
  members: Member[];
  suggestedMinutes: number;
  totalQuestions: number;
  /** Why the assessment cannot be opened yet; empty when it can. */
  blockers: string[];
  /** Required lines of the description that no bank assesses: opening asks to confirm them. */
  unassessedRequired: StoredLine[];
  canManageMembers: boolean;
}

export interface CandidateAssessment extends Assessment {
  skills: {
    skill: string;
    skillId: number;
    name: string;
    questionCount: number;
    weight: number;
    passThreshold: number;
    /** Tags of the frameworks the description names in this bank: the draw prefers them. */
    preferredTags: string[];
  }[];
  totalQuestions: number;
}

export interface SettingsInput extends Omit<
  AssessmentFields,
  'jobDescription' | 'questionTimeLimitSeconds' | 'notifyOnSubmit'
> {
  /** Left out: unchanged; null: no limit per question. */
  questionTimeLimitSeconds?: number | null;
  /** Left out: unchanged. */
  notifyOnSubmit?: boolean;
  skills: { skill: string; questionCount: number; weight: number; passThreshold: number }[];
}

export interface AssessmentsDependencies {
  uow: UnitOfWork;
  repository: AssessmentsRepository;
  banks: BanksService;
  users: UsersService;
  audit: AuditLog;
  clock: Clock;
  rng: Rng;
}

/** Proposed banks kept by default: the best match, and others nearly as good. */
const KEEP_SECOND_MATCH_AT = 0.75;

export class AssessmentsService {
  constructor(private readonly deps: AssessmentsDependencies) {}

  list(user: StaffUser): Promise<AssessmentSummary[]> {
    return this.deps.repository.listVisibleTo(user.role === 'admin' ? null : user.id);
  }

  /**
   * The assessment if this user may see it: its owner, a collaborator, or an admin. Anyone else
   * gets the same 404 as for an id that does not exist, so ids reveal nothing.
   */
  async get(user: StaffUser, id: number): Promise<Assessment> {
    const assessment = await this.deps.repository.findById(id);
    if (!assessment) throw notFound();
    if (user.role === 'admin' || assessment.ownerId === user.id) return assessment;
    if (await this.deps.repository.isMember(id, user.id)) return assessment;
    throw notFound();
  }

  /** Reads the description, proposes banks for each skill line, and saves a draft. */
  async createFromDescription(
    actor: Actor,
    user: StaffUser,
    input: { title: string; text: string },
  ): Promise<number> {
    const text = input.text.trim();
    if (!text)
      throw new ValidationError({
        description: 'Paste a job description or upload a .txt or .md file.',
      });
    const skills = await this.deps.banks.listSkills();
    const analysed = analyzeJobDescription(
      text,
      skills.map(({ slug, name, description, keywords }) => ({
        slug,
        name,
        description,
        keywords,
      })),
    );
    if (!analysed.length) {
      throw new ValidationError({
        description:
          'No skill lines were found. All of it reads as a title, a company introduction, job details or benefits: paste the part of the description that lists skills or requirements.',
      });
    }
    const lines: StoredLine[] = analysed.map((line, position) => {
      const best = line.matches[0]?.score ?? 0;
      return {
        position,
        text: line.text,
        section: line.section,
        matches: line.matches,
        skills: line.matches
          .filter((m) => m.score >= best * KEEP_SECOND_MATCH_AT || storedConfidence(m) === 'strong')
          .map((m) => m.skill),
        ...(line.choice ? { choice: line.choice } : {}),
        frameworks: line.frameworks,
      };
    });
    const derived = deriveSkills(lines);
    const now = this.deps.clock.now();
    const fields: AssessmentFields = {
      title: input.title.trim() || titleFromDescription(text),
      jobDescription: text,
      timeLimitMinutes: 30,
      questionTimeLimitSeconds: null,
      passThreshold: DEFAULT_PASS_THRESHOLD,
      difficultyMin: 1,
      difficultyMax: 5,
      shuffle: true,
      showResults: false,
      notifyOnSubmit: true,
    };
    const { repository } = this.deps;
    return this.deps.uow.transaction(async () => {
      const id = await repository.insert(user.id, fields, now);
      await repository.replaceLines(id, lines);
      await repository.replaceSkills(id, withSkillIds(derived, skills));
      const detail = await this.detail(user, id);
      await repository.update(id, { ...fields, timeLimitMinutes: detail.suggestedMinutes }, now);
      await this.audit(actor, 'assessment.created', id);
      return id;
    });
  }

  async detail(user: StaffUser, id: number): Promise<AssessmentDetail> {
    const assessment = await this.get(user, id);
    const [lines, stored, members] = await Promise.all([
      this.deps.repository.lines(id),
      this.deps.repository.skills(id),
      this.deps.repository.members(id),
    ]);
    const pools = await this.eligibleQuestions(
      assessment,
      stored.map((s) => s.skillId),
    );
    const skills = stored.map((s) => {
      const pool = pools.get(s.skillId) ?? [];
      const minutes = pool.map((q) => expectedMinutes(q.question.type, q.question.difficulty));
      return {
        ...s,
        available: drawableCount(pool, groupOf),
        averageMinutes: minutes.length ? minutes.reduce((a, b) => a + b, 0) / minutes.length : 0,
      };
    });
    return {
      assessment,
      lines,
      skills,
      members,
      suggestedMinutes: suggestTimeLimit(skills),
      totalQuestions: skills.reduce((sum, s) => sum + s.questionCount, 0),
      blockers: blockersOf(assessment, skills),
      unassessedRequired: lines.filter((l) => l.section === 'required' && !l.skills.length),
      canManageMembers: user.role === 'admin' || assessment.ownerId === user.id,
    };
  }

  /** The settings alone, without skills: what a candidate's question page and save need. */
  settingsForCandidates(id: number): Promise<Assessment | undefined> {
    return this.deps.repository.findById(id);
  }

  /**
   * What the candidate side needs of an assessment, without a staff user: the invitation or
   * attempt that asks has already been checked. Undefined when it does not exist.
   */
  async forCandidates(id: number): Promise<CandidateAssessment | undefined> {
    const assessment = await this.deps.repository.findById(id);
    if (!assessment) return undefined;
    const [skills, lines] = await Promise.all([
      this.deps.repository.skills(id),
      this.deps.repository.lines(id),
    ]);
    const preferred = preferredTags(lines);
    return {
      ...assessment,
      skills: skills.map(({ skill, skillId, name, questionCount, weight, passThreshold }) => ({
        skill,
        skillId,
        name,
        questionCount,
        weight,
        passThreshold,
        preferredTags: preferred.get(skill) ?? [],
      })),
      totalQuestions: skills.reduce((sum, s) => sum + s.questionCount, 0),
    };
  }

  /**
   * Candidates' invitations, attempts or scores changed: reports kept in memory for this
   * assessment are stale. Call it inside the transaction that made the change.
   */
  async noteResultsChanged(assessmentId: number): Promise<void> {
    await this.deps.repository.bumpResultsVersion(assessmentId);
  }

  /** The questions each skill of the assessment may draw from, within its difficulty range. */
  async questionPools(assessment: CandidateAssessment): Promise<Map<number, StoredQuestion[]>> {
    return this.eligibleQuestions(
      assessment,
      assessment.skills.map((s) => s.skillId),
    );
  }

  async sampleDraw(
    user: StaffUser,
    id: number,
  ): Promise<{ skill: string; name: string; questions: Question[] }[]> {
    const assessment = await this.get(user, id);
    const [skills, lines] = await Promise.all([
      this.deps.repository.skills(id),
      this.deps.repository.lines(id),
    ]);
    const pools = await this.eligibleQuestions(
      assessment,
      skills.map((s) => s.skillId),
    );
    const preferred = preferredTags(lines);
    const drawn = drawQuestions(
      skills.map((s) => ({
        skill: s.skill,
        count: s.questionCount,
        questions: (pools.get(s.skillId) ?? []).map((q) => q.question),
        preferred: taggedWith(preferred.get(s.skill) ?? []),
      })),
      this.deps.rng,
      (question) => question.group,
    );
    return drawn.map((d, i) => ({
      skill: d.skill,
      name: skills[i]?.name ?? d.skill,
      questions: d.questions.map((q) =>
        assessment.shuffle ? shuffleChoices(q, this.deps.rng) : q,
      ),
    }));
  }

  /**
   * Applies the manager's choice of banks per line, and of languages on a line that names
   * several, and rederives the skills, keeping settings.
   */
  async saveMapping(
    actor: Actor,
    user: StaffUser,
    id: number,
    choices: ReadonlyMap<number, string[]>,
    languages: ReadonlyMap<number, string[]> = new Map(),
  ): Promise<void> {
    const skills = await this.deps.banks.listSkills();
    const known = new Set(skills.map((s) => s.slug));
    const { repository } = this.deps;
    await this.deps.uow.transaction(async () => {
      const assessment = await this.editable(user, id);
      const suggestedBefore = (await this.detail(user, id)).suggestedMinutes;
      const lines = await repository.lines(id);
      const updated = lines.map((line) => {
        const chosen = withLanguages(
          line,
          [...new Set(choices.get(line.position) ?? [])],
          [...new Set(languages.get(line.position) ?? [])],
        );
        const unknown = chosen.find((slug) => !known.has(slug));
        if (unknown)
          throw new ValidationError({
            [`line.${line.position}`]: `There is no bank "${unknown}".`,
          });
        return { ...line, skills: chosen };
      });
      const previous = new Map((await repository.skills(id)).map((s) => [s.skill, s]));
      const derived = deriveSkills(updated, previous);
      await repository.replaceLines(id, updated);
      await repository.replaceSkills(id, withSkillIds(derived, skills));
      // A time limit still at the suggestion follows it: it was never the manager's choice.
      const suggested = (await this.detail(user, id)).suggestedMinutes;
      if (assessment.timeLimitMinutes === suggestedBefore && suggested !== suggestedBefore) {
        await repository.update(
          id,
          { ...assessment, timeLimitMinutes: suggested },
          this.deps.clock.now(),
        );
      }
      await repository.markUpdated(id, this.deps.clock.now());
      await this.audit(actor, 'assessment.updated', id, { part: 'mapping' });
    });
  }

  /** Saves the settings, refusing what cannot work (too few questions in a bank's range). */
  async saveSettings(
    actor: Actor,
    user: StaffUser,
    id: number,
    input: SettingsInput,
  ): Promise<void> {
    await this.deps.uow.transaction(async () => {
      const assessment = await this.editable(user, id);
      const current = await this.deps.repository.skills(id);
      const bySkill = new Map(input.skills.map((s) => [s.skill, s]));
      const errors: Record<string, string> = {};
      const next = { ...assessment, ...input };
      const updated = current.map((skill) => {
        const chosen = bySkill.get(skill.skill);
        return chosen ? { ...skill, ...chosen } : skill;
      });
      Object.assign(errors, await this.shortfalls(current, next, bySkill));
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const { skills: _skills, ...fields } = input;
      await this.deps.repository.update(
        id,
        {
          ...fields,
          questionTimeLimitSeconds:
            fields.questionTimeLimitSeconds === undefined
              ? assessment.questionTimeLimitSeconds
              : fields.questionTimeLimitSeconds,
          notifyOnSubmit: fields.notifyOnSubmit ?? assessment.notifyOnSubmit,
          jobDescription: assessment.jobDescription,
        },
        this.deps.clock.now(),
      );
      await this.deps.repository.replaceSkills(id, updated);
      await this.audit(actor, 'assessment.updated', id, { part: 'settings' });
    });
  }

  /**
   * The availability check of the settings form on its own, for a form that has other errors
   * too: per skill asked for more questions than its bank has in the difficulty range, a
   * message keyed by the count's field. Counts or a range left out use the stored ones.
   */
  async settingsShortfalls(
    user: StaffUser,
    id: number,
    input: {
      difficultyMin?: number;
      difficultyMax?: number;
      counts: ReadonlyMap<string, number>;
    },
  ): Promise<Record<string, string>> {
    const assessment = await this.get(user, id);
    const current = await this.deps.repository.skills(id);
    const range = {
      difficultyMin: input.difficultyMin ?? assessment.difficultyMin,
      difficultyMax: input.difficultyMax ?? assessment.difficultyMax,
    };
    if (range.difficultyMin > range.difficultyMax) return {};
    const chosen = new Map(
      [...input.counts].map(([skill, questionCount]) => [skill, { questionCount }]),
    );
    return this.shortfalls(current, range, chosen);
  }

  private async shortfalls(
    current: readonly { skill: string; skillId: number; name: string; questionCount: number }[],
    range: { difficultyMin: number; difficultyMax: number },
    chosen: ReadonlyMap<string, { questionCount: number }>,
  ): Promise<Record<string, string>> {
    const errors: Record<string, string> = {};
    const pools = await this.eligibleQuestions(
      range,
      current.map((s) => s.skillId),
    );
    for (const skill of current) {
      const count = chosen.get(skill.skill)?.questionCount ?? skill.questionCount;
      const pool = pools.get(skill.skillId) ?? [];
      const available = drawableCount(pool, groupOf);
      if (count > available) {
        // Without this, a bank whose count looks large enough would silently draw fewer.
        const grouped =
          available < pool.length ? ' (questions that share an exclusion group count once)' : '';
        errors[`skills.${skill.skill}.questionCount`] =
          `${skill.name} has only ${available} question${available === 1 ? '' : 's'} of difficulty ${range.difficultyMin}–${range.difficultyMax}${grouped}. Ask for ${available} or fewer, or widen the difficulty range.`;
      }
    }
    return errors;
  }

  async open(actor: Actor, user: StaffUser, id: number): Promise<void> {
    await this.deps.uow.transaction(async () => {
      const detail = await this.detail(user, id);
      if (detail.assessment.status === 'open')
        throw new ConflictError('This assessment is already open.');
      if (detail.blockers.length)
        throw new ConflictError(`It cannot open yet: ${detail.blockers.join(' ')}`);
      await this.deps.repository.setStatus(id, 'open', this.deps.clock.now());
      await this.audit(actor, 'assessment.opened', id);
    });
  }

  async close(actor: Actor, user: StaffUser, id: number): Promise<void> {
    await this.deps.uow.transaction(async () => {
      const assessment = await this.get(user, id);
      if (assessment.status !== 'open')
        throw new ConflictError('Only an open assessment can be closed.');
      await this.deps.repository.setStatus(id, 'closed', this.deps.clock.now());
      await this.audit(actor, 'assessment.closed', id);
    });
  }

  /** A new draft with the same description, mapping and settings, owned by whoever copies it. */
  async duplicate(actor: Actor, user: StaffUser, id: number): Promise<number> {
    const assessment = await this.get(user, id);
    const [lines, skills] = await Promise.all([
      this.deps.repository.lines(id),
      this.deps.repository.skills(id),
    ]);
    const { repository } = this.deps;
    return this.deps.uow.transaction(async () => {
      const copy = await repository.insert(
        user.id,
        { ...assessment, title: `Copy of ${assessment.title}`.slice(0, 200) },
        this.deps.clock.now(),
      );
      await repository.replaceLines(copy, lines);
      await repository.replaceSkills(copy, skills);
      await this.audit(actor, 'assessment.duplicated', copy, { from: id });
      return copy;
    });
  }

  async addCollaborator(actor: Actor, user: StaffUser, id: number, email: string): Promise<Member> {
    return this.deps.uow.transaction(async () => {
      const assessment = await this.managed(user, id);
      const collaborator = await this.deps.users.findActiveByEmail(email);
      if (!collaborator) {
        throw new ValidationError({ email: 'No active hiring manager or admin has this email.' });
      }
      if (collaborator.id === assessment.ownerId)
        throw new ValidationError({ email: 'The owner already has access.' });
      await this.deps.repository.addMember(id, collaborator.id, this.deps.clock.now());
      await this.audit(actor, 'assessment.collaborator_added', id, { userId: collaborator.id });
      return { userId: collaborator.id, name: collaborator.name, email: collaborator.email };
    });
  }

  async removeCollaborator(
    actor: Actor,
    user: StaffUser,
    id: number,
    userId: number,
  ): Promise<void> {
    await this.deps.uow.transaction(async () => {
      await this.managed(user, id);
      await this.deps.repository.removeMember(id, userId);
      await this.audit(actor, 'assessment.collaborator_removed', id, { userId });
    });
  }

  private async editable(user: StaffUser, id: number): Promise<Assessment> {
    const assessment = await this.get(user, id);
    if (assessment.status !== 'draft') {
      throw new ConflictError(
        'Only a draft can change. Duplicate this assessment to make a changed copy.',
      );
    }
    return assessment;
  }

  private async managed(user: StaffUser, id: number): Promise<Assessment> {
    const assessment = await this.get(user, id);
    if (user.role !== 'admin' && assessment.ownerId !== user.id) {
      throw new ConflictError('Only the owner or an admin can change who collaborates.');
    }
    return assessment;
  }

  private async eligibleQuestions(
    range: { difficultyMin: number; difficultyMax: number },
    skillIds: number[],
  ): Promise<Map<number, StoredQuestion[]>> {
    const pools = new Map<number, StoredQuestion[]>();
    for (const question of await this.deps.banks.questionsInUse(skillIds)) {
      const { difficulty } = question.question;
      if (difficulty < range.difficultyMin || difficulty > range.difficultyMax) continue;
      pools.set(question.skillId, [...(pools.get(question.skillId) ?? []), question]);
    }
    return pools;
  }

  private audit(actor: Actor, action: AuditAction, id: number, details?: Record<string, unknown>) {
    return this.deps.audit.record({
      action,
      actorId: actor.id,
      ip: actor.ip,
      subjectType: 'assessment',
      subjectId: id,
      details,
    });
  }
}

/**
 * The banks of a line: the languages chosen on a line that names several take the place of the
 * language-neutral fallback, which assesses the line while none is chosen.
 */
function withLanguages(line: StoredLine, banks: string[], languages: string[]): string[] {
  if (!languages.length) return banks;
  const offered = new Set(line.choice?.map((named) => named.bank));
  if (languages.some((bank) => !offered.has(bank))) {
    throw new ValidationError({
      [`line.${line.position}`]: 'Choose among the languages this line names.',
    });
  }
  return [...new Set([...languages, ...banks.filter((bank) => bank !== LANGUAGE_FALLBACK)])];
}

function groupOf(stored: StoredQuestion): string | undefined {
  return stored.question.group;
}

function notFound(): NotFoundError {
  return new NotFoundError('There is no such assessment, or it is not shared with you.');
}

function withSkillIds(
  settings: SkillSettings[],
  skills: Skill[],
): (SkillSettings & { skillId: number })[] {
  const ids = new Map(skills.map((s) => [s.slug, s.id]));
  return settings.flatMap((s) => {
    const skillId = ids.get(s.skill);
    return skillId === undefined ? [] : [{ ...s, skillId }];
  });
}

function blockersOf(assessment: Assessment, skills: AssessmentSkill[]): string[] {
  const blockers: string[] = [];
  if (!skills.length) blockers.push('Map at least one line to a question bank.');
  for (const skill of skills) {
    if (skill.questionCount > skill.available) {
      blockers.push(
        `${skill.name} needs ${skill.questionCount} questions but has ${skill.available} in the difficulty range.`,
      );
    }
  }
  if (assessment.timeLimitMinutes <= 0) blockers.push('Set a time limit.');
  return blockers;
}
