import type { Clock } from '../clock';
import type { UnitOfWork } from '../db/unit-of-work';
import type { Outbox } from '../mail/outbox.repository';
import { submissionDigestEmail } from './digest.emails';
import type {
  DigestTarget,
  FinishedCandidate,
  SubmissionDigestRepository,
} from './submission-digest.repository';

/** At most one digest an hour per assessment, however many candidates finish. */
const DIGEST_GAP_MS = 60 * 60_000;

export interface SubmissionDigestDependencies {
  uow: UnitOfWork;
  clock: Clock;
  repository: SubmissionDigestRepository;
  outbox: Outbox;
  baseUrl: string;
}

/** Tells each assessment's owner, by email, which candidates finished since the last digest. */
export class SubmissionDigestService {
  constructor(private readonly deps: SubmissionDigestDependencies) {}

  /** Queues every digest that is due; the background job calls it. Returns how many. */
  async sendDue(): Promise<number> {
    const now = this.deps.clock.now();
    const due = await this.deps.repository.listDue(now, now - DIGEST_GAP_MS);
    let sent = 0;
    for (const { assessmentId } of due) if (await this.send(assessmentId, now)) sent += 1;
    return sent;
  }

  /**
   * One digest: the email and the new last_digest_at commit together. The check is repeated
   * inside the writer transaction, so two processes sweeping at once never send it twice.
   */
  private send(assessmentId: number, now: number): Promise<boolean> {
    const { uow, repository, outbox } = this.deps;
    return uow.transaction(async () => {
      const target = await repository.findDue(assessmentId, now, now - DIGEST_GAP_MS);
      if (!target) return false;
      const candidates = await repository.finishedBetween(assessmentId, target.lastDigestAt, now);
      await outbox.enqueue(await this.email(target, candidates));
      await repository.markSent(assessmentId, now);
      return true;
    });
  }

  private email(target: DigestTarget, candidates: FinishedCandidate[]) {
    const base = `${this.deps.baseUrl}/assessments/${target.assessmentId}`;
    return submissionDigestEmail({
      to: target.ownerEmail,
      ownerName: target.ownerName,
      title: target.title,
      candidates,
      first: target.lastDigestAt === null,
      reportLink: `${base}/report`,
      candidatesLink: `${base}/candidates`,
    });
  }
}
