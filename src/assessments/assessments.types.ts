import type { AssessmentStatus } from '../db/schema';
import type { JdMatch, NamedFramework, NamedLanguage } from '../jd/jd-matcher';
import type { JdSection } from '../jd/jd-parser';

export interface AssessmentFields {
  title: string;
  jobDescription: string;
  timeLimitMinutes: number;
  /** Seconds each question may take once shown, or null for no limit per question. */
  questionTimeLimitSeconds: number | null;
  passThreshold: number;
  difficultyMin: number;
  difficultyMax: number;
  shuffle: boolean;
  showResults: boolean;
  /** Email the owner, at most hourly, when candidates finish. */
  notifyOnSubmit: boolean;
}

/** Extra time a candidate may ask for privately before starting, e.g. for a second language. */
export interface Accommodation {
  key: string;
  label: string;
  percent: number;
}

export interface Assessment extends AssessmentFields {
  accommodations: Accommodation[];
  id: number;
  ownerId: number;
  ownerName: string;
  status: AssessmentStatus;
  createdAt: number;
  updatedAt: number;
  /** Goes up whenever its candidates' invitations, attempts or scores change. */
  resultsVersion: number;
}

export interface AssessmentSummary extends Assessment {
  skillCount: number;
  questionCount: number;
}

/** A proposal as saved; those saved before matches had a confidence lack one. */
export type StoredMatch = Omit<JdMatch, 'confidence'> & Partial<Pick<JdMatch, 'confidence'>>;

export interface StoredLine {
  position: number;
  text: string;
  section: JdSection;
  matches: StoredMatch[];
  skills: string[];
  /** The languages of a line that names several, for the manager to choose from. */
  choice?: NamedLanguage[];
  /** Frameworks the line names: their questions are preferred in their language's bank. */
  frameworks: NamedFramework[];
}

export interface Member {
  userId: number;
  name: string;
  email: string;
}
