import { Router } from 'express';
import { actorOf } from '../audit/actor';
import { assessmentParams } from '../assessments/assessments.schemas';
import { NotFoundError } from '../http/errors';
import { currentUser, requireRole } from '../http/guards';
import { setFlash } from '../http/locals';
import { parseOr } from '../http/validate';
import type { QuizService } from '../quiz/quiz.service';
import type { QualityService } from './quality.service';

const notFound = () =>
  new NotFoundError('There is no such assessment, or it is not shared with you.');

export const QUALITY_FLAG_LABELS: Record<string, string> = {
  'too-easy': 'Too easy: more than 90% got it right',
  'too-hard': 'Too hard: fewer than 20% got it right',
  'weak-discrimination': 'Weak: barely separates stronger from weaker candidates',
  'negative-discrimination': 'Negative: weaker candidates do better on it; check the key',
  'unused-distractor': 'An option nobody picks',
  'label-disagrees': 'Its difficulty label disagrees with the results',
};

/** Question quality from an assessment's attempts, and the admin's re-score after a key fix. */
export function qualityRoutes(quality: QualityService, quiz: QuizService): Router {
  const router = Router();
  router.get('/assessments/:id/quality', ...requireRole('admin', 'manager'), async (req, res) => {
    const { id } = parseOr(assessmentParams, req.params, notFound);
    const report = await quality.report(currentUser(req), id);
    res.render('reports/quality', {
      title: 'Question quality',
      assessmentId: id,
      report,
      flagLabels: QUALITY_FLAG_LABELS,
    });
  });

  router.post('/assessments/:id/rescore', ...requireRole('admin'), async (req, res) => {
    const { id } = parseOr(assessmentParams, req.params, notFound);
    const { attempts, changed } = await quiz.rescoreWithCorrectedKeys(
      actorOf(req),
      currentUser(req),
      id,
    );
    setFlash(
      req,
      'success',
      `Re-scored ${attempts} attempt${attempts === 1 ? '' : 's'}; ${changed} changed. The audit log keeps the old and new scores.`,
    );
    res.redirect(303, `/assessments/${id}/quality`);
  });
  return router;
}
