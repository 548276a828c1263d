import type { AssessmentsService } from '../assessments/assessments.service';
import type { BanksService } from '../banks/banks.service';
import type { StaffUser } from '../users/users.types';
import { qualityReport, type QualityReport } from './item-quality';
import type { QualityRepository } from './quality.repository';

export interface QualityDependencies {
  repository: QualityRepository;
  assessments: AssessmentsService;
  banks: BanksService;
}

/** Question quality from real attempts: for admins improving the banks, and for managers. */
export class QualityService {
  constructor(private readonly deps: QualityDependencies) {}

  async report(user: StaffUser, assessmentId: number): Promise<QualityReport> {
    await this.deps.assessments.get(user, assessmentId);
    const [scores, shown] = await Promise.all([
      this.deps.repository.scoredAttempts(assessmentId),
      this.deps.repository.shownQuestions(assessmentId),
    ]);
    const scoredShown = shown.filter((s) => scores.has(s.attemptId));
    const versions = await this.deps.banks.findVersions(
      scoredShown.map((s) => ({ id: s.questionId, version: s.version })),
    );
    return qualityReport({ scores, shown: scoredShown, versions });
  }
}
