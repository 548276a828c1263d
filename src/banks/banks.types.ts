import type { VersionSource } from '../db/schema';
import type { Question, QuestionType } from './question.schemas';

export interface Skill {
  id: number;
  slug: string;
  name: string;
  description: string;
  keywords: string[];
}

/** A stored question's identity and state, without its content. */
export interface StoredQuestionHead {
  id: string;
  skillId: number;
  skillSlug: string;
  currentVersion: number;
  fileVersion: number | null;
  retiredAt: number | null;
  updatedAt: number;
  hash: string;
}

export interface StoredQuestion extends StoredQuestionHead {
  question: Question;
}

export interface StoredVersion {
  version: number;
  source: VersionSource;
  createdAt: number;
  createdBy: string | null;
  hash: string;
  question: Question;
}

export interface QuestionCount {
  skillId: number;
  type: QuestionType;
  difficulty: number;
  retired: boolean;
  count: number;
}

export interface QuestionFilters {
  search?: string;
  type?: QuestionType;
  difficulty?: number;
  tag?: string;
  retired?: boolean;
}

export interface SkillFields {
  slug: string;
  name: string;
  description: string;
  keywords: string[];
}

export interface PendingImport {
  id: string;
  userId: number;
  filename: string;
  skill: string | null;
  content: string;
  createdAt: number;
  /** Banks chosen on the preview for GIFT categories that name none, by category name. */
  categoryBanks: Record<string, string>;
}
