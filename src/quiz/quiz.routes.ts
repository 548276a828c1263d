import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { regenerateSession } from '../auth/passport';
import { NotFoundError, ValidationError } from '../http/errors';
import { clientIp, currentInvitationId, requireCandidate } from '../http/guards';
import { setFlash } from '../http/locals';
import { parseOr } from '../http/validate';
import { ESSAY_MAX_LENGTH, SHORT_TEXT_MAX_LENGTH, matchField } from './answer-form';
import { formatRemaining, remainingMs } from './deadline';
import { PRACTICE_QUESTION } from './practice';
import {
  QuestionClosedError,
  TimeUpError,
  type CandidateQuiz,
  type QuizService,
} from './quiz.service';
import { INTEGRITY_EVENT_KINDS } from './quiz.types';
import type { Clock } from '../clock';

const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });
const numberParams = z.object({ n: z.coerce.number().int().min(1).max(1_000) });
const NAVIGATION = ['previous', 'next', 'overview', 'review', 'save'] as const;
const eventSchema = z.object({
  kind: z.enum(INTEGRITY_EVENT_KINDS),
  question: z.coerce.number().int().min(1).max(1_000).optional(),
});

const LINK_NOT_VALID =
  'This link is not valid. Check that you opened the whole link from your invitation email.';

/** What the candidate sees of the clock: the deadline as a time of day, and what is left. */
function timing(deadlineAt: number, now: number) {
  return {
    deadlineAt,
    deadlineIso: new Date(deadlineAt).toISOString(),
    // The server's now, so quiz.js counts down from the server's remaining time, not the device's.
    nowIso: new Date(now).toISOString(),
    deadlineClock: `${new Date(deadlineAt).toISOString().slice(11, 16)} UTC`,
    remainingText: formatRemaining(remainingMs(deadlineAt, now)),
  };
}

function clientOf(req: Request) {
  return { ip: clientIp(req), userAgent: req.get('user-agent') ?? '' };
}

function wantsJson(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'json';
}

/** Candidate pages. Every step is a plain form POST with post/redirect/get; JS only enhances. */
export function quizRoutes(quiz: QuizService, clock: Clock): Router {
  const router = Router();

  // The token leaves the URL at once, so it never sits in history or a Referer header.
  router.get('/t/:token', async (req, res) => {
    const { token } = parseOr(tokenParams, req.params, () => new NotFoundError(LINK_NOT_VALID));
    const invitation = await quiz.openLink(token);
    await regenerateSession(req);
    req.session.candidate = { invitationId: invitation.id };
    res.redirect(303, '/quiz');
  });

  router.use('/quiz', requireCandidate, (_req, res, next) => {
    res.locals.candidateArea = true;
    res.set('Cache-Control', 'no-store');
    next();
  });

  /** Where a candidate belongs now: finished, timed out, or the landing page. */
  function finishedPath(current: Pick<CandidateQuiz, 'attempt'>): string | undefined {
    const attempt = current.attempt;
    if (attempt?.status === 'submitted') return '/quiz/done';
    if (attempt?.status === 'expired' || (attempt && attempt.deadlineAt < clock.now()))
      return '/quiz/time-up';
    return undefined;
  }

  router.get('/quiz', async (req, res) => {
    const current = await quiz.quiz(currentInvitationId(req));
    const finished = finishedPath(current);
    if (finished) return res.redirect(303, finished);
    if (current.attempt) return res.redirect(303, '/quiz/overview');
    res.render('quiz/landing', { title: current.assessment.title, ...current });
  });

  router.post('/quiz/accommodation', async (req, res) => {
    const key = typeof req.body?.accommodation === 'string' ? req.body.accommodation : '';
    await quiz.chooseAccommodation(currentInvitationId(req), key && key !== 'none' ? key : null);
    setFlash(req, 'success', 'Your time is updated.');
    res.redirect(303, '/quiz');
  });

  router.get('/quiz/practice', (_req, res) => {
    res.render('quiz/practice', { title: 'Practice question', question: PRACTICE_QUESTION });
  });

  router.post('/quiz/practice', (req, res) => {
    const picked = typeof req.body?.choice === 'string' ? req.body.choice : '';
    res.render('quiz/practice', {
      title: 'Practice question',
      question: PRACTICE_QUESTION,
      picked,
      practiced: true,
    });
  });

  router.post('/quiz/start', async (req, res) => {
    await quiz.start(currentInvitationId(req), clientOf(req));
    res.redirect(303, '/quiz/q/1');
  });

  router.get('/quiz/q/:n', async (req, res) => {
    const { n } = parseOr(numberParams, req.params, () => new NotFoundError(NO_QUESTION));
    const page = await quiz.questionPage(currentInvitationId(req), n);
    const finished = finishedPath(page.quiz);
    if (finished) return res.redirect(303, finished);
    if (req.session.viewingQuestion?.number !== n)
      req.session.viewingQuestion = { number: n, since: clock.now() };
    res.render('quiz/question', {
      title: `Question ${page.number} of ${page.total}`,
      ...page,
      ...timing(page.quiz.attempt.deadlineAt, clock.now()),
      limits: { shortText: SHORT_TEXT_MAX_LENGTH, essay: ESSAY_MAX_LENGTH },
      matchField,
      scripts: ['/js/quiz.js'],
    });
  });

  router.post('/quiz/q/:n', async (req, res) => {
    const { n } = parseOr(numberParams, req.params, () => new NotFoundError(NO_QUESTION));
    const body = (req.body ?? {}) as Record<string, unknown>;
    const action = NAVIGATION.find((a) => a === body.action) ?? 'next';
    // The flag box sends nothing when unticked; `flag_shown` says the form carried it.
    const flagged = body.flag_shown === '1' ? body.flagged === 'on' : undefined;
    const viewing = req.session.viewingQuestion;
    try {
      // The session stays as it is: an autosave costs no session write.
      const saved = await quiz.saveAnswer(currentInvitationId(req), n, body, {
        flagged,
        viewingSince: viewing?.number === n ? viewing.since : undefined,
        client: clientOf(req),
      });
      if (wantsJson(req)) return res.json({ saved: true, answered: saved.answered });
    } catch (error) {
      // A question whose own time is over still lets the candidate move on.
      const closed = error instanceof QuestionClosedError && !wantsJson(req);
      if (!closed || action === 'save') return answerRefused(req, res, n, error);
    }
    res.redirect(303, await nextPath(req, n, action));
  });

  async function nextPath(req: Request, n: number, action: (typeof NAVIGATION)[number]) {
    if (action === 'overview') return '/quiz/overview';
    if (action === 'review') return '/quiz/review';
    if (action === 'save') return `/quiz/q/${n}`;
    if (action === 'previous') return `/quiz/q/${Math.max(1, n - 1)}`;
    const { questions } = await quiz.progress(currentInvitationId(req));
    return n >= questions.length ? '/quiz/review' : `/quiz/q/${n + 1}`;
  }

  function answerRefused(req: Request, res: Response, n: number, error: unknown) {
    if (error instanceof TimeUpError) {
      if (wantsJson(req)) return res.status(409).json({ saved: false, timeUp: true });
      return res.redirect(303, '/quiz/time-up');
    }
    if (!(error instanceof ValidationError || error instanceof QuestionClosedError)) throw error;
    const message =
      error instanceof ValidationError
        ? (error.fieldErrors.answer ?? error.message)
        : error.message;
    if (wantsJson(req) && error instanceof QuestionClosedError)
      return res.status(409).json({ saved: false, message });
    if (wantsJson(req)) return res.status(422).json({ saved: false, message });
    setFlash(req, 'error', `Not saved: ${message}`);
    res.redirect(303, `/quiz/q/${n}`);
  }

  router.get('/quiz/overview', async (req, res) => {
    const { quiz: current, questions } = await quiz.progress(currentInvitationId(req));
    const finished = finishedPath(current);
    if (finished) return res.redirect(303, finished);
    res.render('quiz/overview', {
      title: 'Your questions',
      ...current,
      questions,
      ...timing(current.attempt.deadlineAt, clock.now()),
      scripts: ['/js/quiz.js'],
    });
  });

  router.get('/quiz/review', async (req, res) => {
    const { quiz: current, questions } = await quiz.progress(currentInvitationId(req));
    const finished = finishedPath(current);
    if (finished) return res.redirect(303, finished);
    res.render('quiz/review', {
      title: 'Review and submit',
      ...current,
      questions,
      ...timing(current.attempt.deadlineAt, clock.now()),
      scripts: ['/js/quiz.js'],
    });
  });

  router.get('/quiz/submit', async (req, res) => {
    const { quiz: current, questions } = await quiz.progress(currentInvitationId(req));
    const finished = finishedPath(current);
    if (finished) return res.redirect(303, finished);
    res.render('quiz/confirm', {
      title: 'Submit your answers?',
      ...current,
      unanswered: questions.filter((q) => q.response === null).length,
      ...timing(current.attempt.deadlineAt, clock.now()),
    });
  });

  router.post('/quiz/submit', async (req, res) => {
    try {
      await quiz.submit(currentInvitationId(req));
    } catch (error) {
      if (error instanceof TimeUpError) return res.redirect(303, '/quiz/time-up');
      throw error;
    }
    res.redirect(303, '/quiz/done');
  });

  router.get('/quiz/done', async (req, res) => {
    const { quiz: current, questions } = await quiz.progress(currentInvitationId(req));
    if (current.attempt.status !== 'submitted') return res.redirect(303, '/quiz');
    res.render('quiz/done', {
      title: 'Answers submitted',
      ...current,
      result: await quiz.resultForCandidate(current),
      answered: questions.filter((q) => q.response !== null).length,
      total: questions.length,
    });
  });

  router.get('/quiz/time-up', async (req, res) => {
    const { quiz: current, questions } = await quiz.progress(currentInvitationId(req));
    if (current.attempt.status === 'submitted') return res.redirect(303, '/quiz/done');
    if (current.attempt.deadlineAt >= clock.now()) return res.redirect(303, '/quiz');
    res.render('quiz/time-up', {
      title: 'Time ran out',
      ...current,
      answered: questions.filter((q) => q.response !== null).length,
      total: questions.length,
    });
  });

  // Integrity signals from the browser: small, CSRF-protected, capped per attempt.
  router.post('/quiz/events', async (req, res) => {
    const event = eventSchema.safeParse(req.body ?? {});
    if (!event.success) return res.status(400).json({ recorded: false });
    const position = event.data.question === undefined ? null : event.data.question - 1;
    await quiz.recordEvent(currentInvitationId(req), event.data.kind, position);
    res.status(204).end();
  });

  return router;
}

const NO_QUESTION = 'There is no such question in your assessment.';
