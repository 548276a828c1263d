import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { actorOf } from '../audit/actor';
import { assessmentParams } from '../assessments/assessments.schemas';
import type { AssessmentsService } from '../assessments/assessments.service';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import { currentUser, requireRole } from '../http/guards';
import { pagination, requestedPage } from '../http/pagination';
import { setFlash } from '../http/locals';
import { parseOr, validateForm, type FieldErrors } from '../http/validate';
import type { QuizService } from '../quiz/quiz.service';
import type { AttemptScore } from '../scoring/attempt-scoring';
import type { Flash } from '../types/express';
import { MAX_EXTRA_TIME_PERCENT, type InvitationList, type InvitationRow } from './invitation-csv';
import {
  candidateParams,
  extendSchema,
  inviteSchema,
  listSchema,
  MAX_LIST_BYTES,
  timeSchema,
} from './invitations.schemas';
import { DEFAULT_LINK_DAYS, MAX_LINK_DAYS, type InvitationsService } from './invitations.service';
import { CANDIDATE_STATUS_LABELS, type Candidate, type CandidateStatus } from './invitations.types';

const LIST_FILES = /\.(csv|txt)$/i;
/** Revoke and resend are a button and nothing else. */
const noFields = z.object({});

const notFound = () =>
  new NotFoundError('There is no such assessment, or it is not shared with you.');
const idOf = (req: Request) => parseOr(assessmentParams, req.params, notFound).id;
const pathOf = (id: number) => `/assessments/${id}/candidates`;

/** Browsers ask for HTML; a script that asks for JSON gets the list as data. */
const wantsJson = (req: Request) => req.accepts(['html', 'json']) === 'json';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The candidates list as JSON: a contract scripts rely on, so its fields never change. */
/** Candidates per page of the list, newest first. */
const CANDIDATES_PAGE_SIZE = 50;

function candidateJson({ candidate, status }: { candidate: Candidate; status: CandidateStatus }) {
  return {
    name: candidate.name,
    email: candidate.email,
    status,
    invitedAt: iso(candidate.createdAt),
    startedAt: iso(candidate.startedAt),
    submittedAt: status === 'submitted' ? iso(candidate.finishedAt) : null,
    deadlineAt: iso(candidate.deadlineAt),
    answered: candidate.answered,
    total: candidate.total,
    extraTimePercent: candidate.extraTimePercent,
    ...scoreJson(candidate.score),
  };
}

/** Scores as fractions 0..1 with each skill's 90% interval; only once the attempt has ended. */
function scoreJson(score: AttemptScore | null) {
  if (!score) return {};
  return {
    overall: { score: round(score.overall.score), passed: score.overall.passed },
    skills: score.skills.map((skill) => ({
      skill: skill.skill,
      score: round(skill.score),
      low: round(skill.low),
      high: round(skill.high),
      questions: skill.questions,
      passed: skill.passed,
    })),
    pending: score.pending,
  };
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

function typedValues(body: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>)
      .filter(([name]) => name !== '_csrf')
      .map(([name, value]) => [name, typeof value === 'string' ? value : '']),
  );
}

/** The list as sent: an uploaded file wins over the text box, as on the assessment form. */
function listText(req: Request): { text: string } | { errors: FieldErrors } {
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (!req.file) return { text: typeof body.csv === 'string' ? body.csv : '' };
  if (!LIST_FILES.test(req.file.originalname)) {
    return { errors: { file: 'Upload a .csv file, or paste the list.' } };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(req.file.buffer) };
  } catch {
    return {
      errors: {
        file: 'This file is not saved as UTF-8. In Excel, save it as "CSV UTF-8 (Comma delimited)" and upload it again.',
      },
    };
  }
}

/** The refusals a person can act on: field messages, or a conflict such as a closed assessment. */
function refusalOf(error: unknown): ValidationError | ConflictError {
  if (error instanceof ValidationError || error instanceof ConflictError) return error;
  throw error;
}

function messageOf(error: ValidationError | ConflictError): string {
  return error instanceof ValidationError
    ? Object.values(error.fieldErrors).join(' ')
    : error.message;
}

/** The rows that can be invited; none when the list as a whole has a problem. */
const readyRows = (list: InvitationList) =>
  list.problems.length ? [] : list.rows.filter((row) => !row.problems.length);

const NOBODY_READY =
  'None of these people can be invited. Fix the problems below and paste the list again.';

const NOTHING_SENT = 'Nothing was sent: none of the people in this list can be invited.';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function invitedMessage(sent: number, left: number): string {
  const invited = `${plural(sent, 'candidate')} invited: each gets an email with their own link.`;
  if (!left) return invited;
  return `${invited} ${plural(left, 'row')} with problems ${left === 1 ? 'was' : 'were'} left out.`;
}

interface PageState {
  status?: number;
  values?: Record<string, string>;
  errors?: FieldErrors;
  flash?: Flash;
}

export interface InvitationsRouteServices {
  assessments: AssessmentsService;
  invitations: InvitationsService;
  quiz: QuizService;
}

/** The hiring manager's side of candidates: invite, review, and manage each one's link and time. */
export function invitationsRoutes({
  assessments,
  invitations,
  quiz,
}: InvitationsRouteServices): Router {
  const router = Router();
  router.use('/assessments/:id/candidates', ...requireRole('admin', 'manager'));

  const renderPage = async (req: Request, res: Response, state: PageState = {}) => {
    const user = currentUser(req);
    const id = idOf(req);
    const assessment = await assessments.get(user, id);
    const { candidates, page, total } = await invitations.candidatesPage(user, id, {
      page: requestedPage(req.query),
      pageSize: CANDIDATES_PAGE_SIZE,
    });
    res.status(state.status ?? 200).render('invitations/candidates', {
      title: `Candidates: ${assessment.title}`,
      assessment,
      candidates,
      pages: pagination({
        page,
        pageSize: CANDIDATES_PAGE_SIZE,
        total,
        hrefFor: (n: number) => `/assessments/${id}/candidates?page=${n}`,
      }),
      statusLabels: CANDIDATE_STATUS_LABELS,
      values: state.values ?? { expiresInDays: String(DEFAULT_LINK_DAYS) },
      errors: state.errors ?? {},
      limits: {
        extraTime: MAX_EXTRA_TIME_PERCENT,
        linkDays: MAX_LINK_DAYS,
        listKb: MAX_LIST_BYTES / 1024,
      },
      // Given only when there is one, so a flash from the session still shows.
      ...(state.flash ? { flash: state.flash } : {}),
    });
  };

  const renderRefusal = (req: Request, res: Response, error: unknown) => {
    const refusal = refusalOf(error);
    return renderPage(req, res, {
      status: refusal.status,
      flash: { kind: 'error', message: messageOf(refusal) },
    });
  };

  const renderPreview = (
    req: Request,
    res: Response,
    text: string,
    list: InvitationList,
    refusal?: string,
  ) => {
    const ready = readyRows(list).length;
    const message = refusal ?? (ready ? undefined : NOBODY_READY);
    res.status(message ? 422 : 200).render('invitations/preview', {
      title: 'Check the list of candidates',
      assessmentId: idOf(req),
      text,
      list,
      ready,
      refusal: message,
    });
  };

  router.get('/assessments/:id/candidates', async (req, res) => {
    if (!wantsJson(req)) return renderPage(req, res);
    const candidates = await invitations.candidates(currentUser(req), idOf(req));
    res.json({ candidates: candidates.map(candidateJson) });
  });

  router.post('/assessments/:id/candidates', async (req, res) => {
    const id = idOf(req);
    const values = typedValues(req.body);
    const form = validateForm(inviteSchema, req.body);
    if (!form.ok) return renderPage(req, res, { status: 422, values, errors: form.errors });
    try {
      await invitations.invite(actorOf(req), currentUser(req), id, form.data);
    } catch (error) {
      const refusal = refusalOf(error);
      return renderPage(req, res, {
        status: refusal.status,
        values,
        ...(refusal instanceof ValidationError
          ? { errors: refusal.fieldErrors }
          : { flash: { kind: 'error', message: refusal.message } }),
      });
    }
    setFlash(
      req,
      'success',
      `${form.data.name} is invited: an email with their own link is on its way to ${form.data.email}.`,
    );
    res.redirect(303, pathOf(id));
  });

  router.post('/assessments/:id/candidates/preview', async (req, res) => {
    const source = listText(req);
    if ('errors' in source) return renderPage(req, res, { status: 422, errors: source.errors });
    const form = validateForm(listSchema, { csv: source.text });
    if (!form.ok) return renderPage(req, res, { status: 422, errors: form.errors });
    let list: InvitationList;
    try {
      list = await invitations.reviewList(currentUser(req), idOf(req), form.data.csv);
    } catch (error) {
      return renderRefusal(req, res, error);
    }
    renderPreview(req, res, form.data.csv, list);
  });

  router.post('/assessments/:id/candidates/confirm', async (req, res) => {
    const id = idOf(req);
    const form = validateForm(listSchema, req.body);
    if (!form.ok) return renderPage(req, res, { status: 422, errors: form.errors });
    const user = currentUser(req);
    let list: InvitationList;
    let ready: InvitationRow[];
    try {
      // Read again: the list comes back from the browser, and others may have invited meanwhile.
      list = await invitations.reviewList(user, id, form.data.csv);
      ready = readyRows(list);
      if (ready.length) await invitations.inviteMany(actorOf(req), user, id, ready);
    } catch (error) {
      return renderRefusal(req, res, error);
    }
    if (!ready.length) return renderPreview(req, res, form.data.csv, list, NOTHING_SENT);
    setFlash(req, 'success', invitedMessage(ready.length, list.rows.length - ready.length));
    res.redirect(303, pathOf(id));
  });

  /** One action on one candidate: its small form parsed, the service called, back to the list. */
  const candidateAction = <S extends z.ZodTypeAny>(
    action: string,
    schema: S,
    run: (
      req: Request,
      target: { id: number; invitationId: number },
      data: z.infer<S>,
    ) => Promise<string>,
  ) =>
    router.post(`/assessments/:id/candidates/:invitationId/${action}`, async (req, res) => {
      const target = parseOr(candidateParams, req.params, notFound);
      const form = validateForm(schema, req.body);
      if (!form.ok) {
        return renderPage(req, res, {
          status: 422,
          flash: { kind: 'error', message: Object.values(form.errors).join(' ') },
        });
      }
      let done: string;
      try {
        done = await run(req, target, form.data);
      } catch (error) {
        return renderRefusal(req, res, error);
      }
      setFlash(req, 'success', done);
      res.redirect(303, pathOf(target.id));
    });

  candidateAction('revoke', noFields, async (req, { id, invitationId }) => {
    await invitations.revoke(actorOf(req), currentUser(req), id, invitationId);
    return 'The link is revoked: it no longer opens the assessment.';
  });

  candidateAction('resend', noFields, async (req, { id, invitationId }) => {
    await invitations.resend(actorOf(req), currentUser(req), id, invitationId);
    return `A new link is on its way by email, valid for ${DEFAULT_LINK_DAYS} days. The earlier link no longer works.`;
  });

  candidateAction('extend', extendSchema, async (req, { id, invitationId }, { days }) => {
    await invitations.extend(actorOf(req), currentUser(req), id, invitationId, days);
    return `The link now works ${plural(days, 'day')} longer; it is the same link as before.`;
  });

  candidateAction('time', timeSchema, async (req, { id, invitationId }, input) => {
    await quiz.changeTime(actorOf(req), currentUser(req), id, invitationId, input);
    return `The candidate has ${plural(input.minutes, 'more minute')}. The reason is kept in the audit log.`;
  });

  return router;
}
