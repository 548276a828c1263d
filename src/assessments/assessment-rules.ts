import type { QuestionType } from '../banks/question.schemas';
import type { JdSection } from '../jd/jd-parser';

/** Pure rules of an assessment definition: defaults by section, derived skills, suggested time. */

export const SECTION_LABELS: Record<JdSection, string> = {
  required: 'Required',
  nice_to_have: 'Nice to have',
  responsibility: 'Responsibility',
  other: 'Other',
};

/** Required skills get more questions than nice-to-haves: a score needs evidence. */
export const DEFAULT_QUESTION_COUNTS: Record<JdSection, number> = {
  required: 5,
  responsibility: 4,
  nice_to_have: 3,
  other: 3,
};

export const DEFAULT_PASS_THRESHOLD = 60;
export const DEFAULT_WEIGHT = 1;

const SECTION_STRENGTH: JdSection[] = ['required', 'responsibility', 'nice_to_have', 'other'];

export function strongerSection(a: JdSection, b: JdSection): JdSection {
  return SECTION_STRENGTH.indexOf(a) <= SECTION_STRENGTH.indexOf(b) ? a : b;
}

export interface MappedLine {
  section: JdSection;
  skills: string[];
}

export interface SkillSettings {
  skill: string;
  section: JdSection;
  questionCount: number;
  weight: number;
  passThreshold: number;
}

/**
 * The skills an assessment covers, in the order the job description first names them. A skill
 * named by several lines takes the strongest section. Settings a manager already chose are kept.
 */
export function deriveSkills(
  lines: readonly MappedLine[],
  previous: ReadonlyMap<string, SkillSettings> = new Map(),
): SkillSettings[] {
  const sections = new Map<string, JdSection>();
  for (const line of lines) {
    for (const skill of line.skills) {
      const current = sections.get(skill);
      sections.set(skill, current ? strongerSection(current, line.section) : line.section);
    }
  }
  return [...sections].map(([skill, section]) => {
    const kept = previous.get(skill);
    return {
      skill,
      section,
      questionCount: kept?.questionCount ?? DEFAULT_QUESTION_COUNTS[section],
      weight: kept?.weight ?? DEFAULT_WEIGHT,
      passThreshold: kept?.passThreshold ?? DEFAULT_PASS_THRESHOLD,
    };
  });
}

/** Minutes a prepared candidate needs for a question of this type at difficulty 3. */
const MINUTES_BY_TYPE: Record<QuestionType, number> = {
  single: 1,
  multiple: 1.5,
  true_false: 0.5,
  short_text: 1,
  numeric: 2,
  matching: 2,
  essay: 10,
};

export function expectedMinutes(type: QuestionType, difficulty: number): number {
  return MINUTES_BY_TYPE[type] * (0.7 + 0.1 * difficulty);
}

/**
 * A time limit from the questions a candidate may draw: per skill, the average expected time of
 * its eligible questions times the count, summed, plus a tenth for reading the rules, rounded up
 * to 5 minutes.
 */
export function suggestTimeLimit(
  skills: readonly { questionCount: number; averageMinutes: number }[],
): number {
  const minutes = skills.reduce((sum, s) => sum + s.questionCount * s.averageMinutes, 0) * 1.1;
  return Math.max(5, Math.ceil(minutes / 5) * 5);
}

/** A default title: the description's first line when it reads like a job title. */
export function titleFromDescription(text: string): string {
  const first = text
    .split(/\r?\n/)
    .map((line) => line.replace(/^#+\s*|\*\*/g, '').trim())
    .find(Boolean);
  return first && first.length <= 80 && !/[.!?:]$/.test(first) ? first : 'Untitled assessment';
}

/**
 * Per bank, the tags of the frameworks that the lines still assessed name ("Django" on a Python
 * line): the draw prefers that bank's questions on them.
 */
export function preferredTags(
  lines: readonly { skills: string[]; frameworks: readonly { tag: string; bank: string }[] }[],
): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  for (const line of lines) {
    if (!line.skills.length) continue;
    for (const { tag, bank } of line.frameworks) {
      const held = tags.get(bank) ?? [];
      if (!held.includes(tag)) tags.set(bank, [...held, tag]);
    }
  }
  return tags;
}
