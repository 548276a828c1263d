import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import { actorOf } from '../audit/actor';
import { TYPE_LABELS } from '../banks/question.schemas';
import { assessmentParams } from '../assessments/assessments.schemas';
import { BadRequestError, ConflictError, NotFoundError, ValidationError } from '../http/errors';
import { currentUser, requireRole } from '../http/guards';
import { pagination, requestedPage } from '../http/pagination';
import { setFlash } from '../http/locals';
import { parseOr, validateForm, type FieldErrors } from '../http/validate';
import { candidateParams } from '../invitations/invitations.schemas';
import { CANDIDATE_STATUS_LABELS } from '../invitations/invitations.types';
import type { Flash } from '../types/express';
import { reviewAnswer } from './answer-review';
import { barChart, histogram } from './charts';
import {
  formatDuration,
  FUNNEL_LABELS,
  percent,
  scoreCell,
  pageHref,
  poolPosition,
  sortHref,
  type SortKey,
} from './dashboard';
import { candidatesCsv, responsesCsv } from './exports';
import {
  compareQuery,
  dashboardQuery,
  decisionForm,
  gradeForm,
  gradeTarget,
} from './reports.schemas';
import {
  COMPARE_MAX,
  COMPARE_REFUSAL,
  TABLE_PAGE_SIZE,
  type CandidateReport,
  type ReportsService,
} from './reports.service';
import { DECISION_LABELS, DECISIONS, SIGNAL_LABELS } from './reports.types';

const notFound = () =>
  new NotFoundError('There is no such assessment, or it is not shared with you.');
const noSuchEssay = () => new NotFoundError('There is no such essay in this attempt.');
const idOf = (req: Request) => parseOr(assessmentParams, req.params, notFound).id;
const candidateOf = (req: Request) => parseOr(candidateParams, req.params, notFound);

const reportPath = (id: number, invitationId: number) =>
  `/assessments/${id}/candidates/${invitationId}/report`;

/** What every report view uses to write numbers and states the same way. */
const VIEW_HELPERS = {
  percent,
  scoreCell,
  formatDuration,
  statusLabels: CANDIDATE_STATUS_LABELS,
  decisionLabels: DECISION_LABELS,
};

function typedValues(body: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>)
      .filter(([name]) => name !== '_csrf')
      .map(([name, value]) => [name, typeof value === 'string' ? value : '']),
  );
}

/** A form of the candidate report sent back with what was typed and a message per field. */
interface Refused {
  values: Record<string, string>;
  errors: FieldErrors;
}

interface ReportState {
  status?: number;
  flash?: Flash;
  /** The grading form of one essay, by position. */
  grade?: Refused & { position: number };
  decision?: Refused;
}

/** The skills of the assessment that the candidate was scored on, with their names. */
function skillResults(report: CandidateReport) {
  return report.assessment.skills.flatMap((skill) => {
    const result = report.score?.skills.find((s) => s.skill === skill.skill);
    return result ? [{ ...skill, result }] : [];
  });
}

/** Integrity signals counted by kind, in the order they first happened. */
function signalCounts(report: CandidateReport) {
  const counts = new Map<string, number>();
  for (const signal of report.signals) counts.set(signal.kind, (counts.get(signal.kind) ?? 0) + 1);
  return [...counts].map(([kind, count]) => ({ kind, label: SIGNAL_LABELS[kind] ?? kind, count }));
}

/** The essay form's values: as typed when refused, else the saved grade, else empty. */
function gradeValues(report: CandidateReport, state: ReportState) {
  return Object.fromEntries(
    report.questions
      .filter((q) => q.question.type === 'essay')
      .map((q) => {
        if (state.grade?.position === q.position) return [q.position, state.grade.values];
        const points =
          q.grade === null ? '' : String(Math.round(q.grade * q.question.points * 100) / 100);
        return [q.position, { points, comment: q.gradeComment ?? '' }];
      }),
  );
}

/** A download: never kept by a browser or proxy cache, always saved as a file. */
function download(res: Response, fileName: string) {
  res.attachment(fileName);
  res.set('Cache-Control', 'no-store');
}

async function sendCsv(res: Response, fileName: string, lines: Iterable<string>) {
  download(res, fileName);
  res.type('text/csv; charset=utf-8');
  await pipeline(Readable.from(lines), res);
}

/** The manager's reports: dashboard, one candidate, comparison, grading, downloads. */
export function reportsRoutes({ reports }: { reports: ReportsService }): Router {
  const router = Router();
  const staff = requireRole('admin', 'manager');

  router.get('/assessments/:id/report', ...staff, async (req, res) => {
    const id = idOf(req);
    const view = parseOr(
      dashboardQuery,
      req.query,
      () =>
        new BadRequestError(
          'This list cannot be sorted or filtered that way. Use the column links and the filter form on the report.',
        ),
    );
    const dashboard = await reports.dashboard(currentUser(req), id, view, requestedPage(req.query));
    res.render('reports/dashboard', {
      title: `Report: ${dashboard.assessment.title}`,
      d: dashboard,
      pages: pagination({
        page: dashboard.page,
        pageSize: TABLE_PAGE_SIZE,
        total: dashboard.matching,
        hrefFor: (page: number) => pageHref(view, page),
      }),
      histogram: histogram(dashboard.scoreBins),
      funnelLabels: FUNNEL_LABELS,
      sortHref: (key: SortKey) => sortHref(view, key),
      compareMax: COMPARE_MAX,
      ...VIEW_HELPERS,
    });
  });

  const renderCandidateReport = async (req: Request, res: Response, state: ReportState = {}) => {
    const { id, invitationId } = candidateOf(req);
    const report = await reports.candidateReport(currentUser(req), id, invitationId);
    const skills = skillResults(report);
    const overall = report.score?.overall.score ?? null;
    res.status(state.status ?? 200).render('reports/candidate', {
      title: `${report.candidate.name}: ${report.assessment.title}`,
      report,
      skills,
      skillChart: barChart(
        skills.map(({ result, passThreshold }) => ({ ...result, threshold: passThreshold })),
      ),
      poolChart: overall === null ? null : histogram(report.poolBins, overall),
      position: overall === null ? null : poolPosition(report.pool, overall),
      answers: report.questions.map((entry) => ({
        ...entry,
        review: reviewAnswer(entry.question, entry, entry.response),
        result: report.score?.questions.find((q) => q.position === entry.position),
      })),
      signalCounts: signalCounts(report),
      signalLabels: SIGNAL_LABELS,
      typeLabels: TYPE_LABELS,
      decisions: DECISIONS,
      gradeValues: gradeValues(report, state),
      gradeErrors: state.grade ? { [state.grade.position]: state.grade.errors } : {},
      decisionValues: state.decision?.values ?? {
        decision: report.decision?.decision ?? '',
        notes: report.decision?.notes ?? '',
      },
      decisionErrors: state.decision?.errors ?? {},
      ...(state.flash ? { flash: state.flash } : {}),
      ...VIEW_HELPERS,
    });
  };

  router.get('/assessments/:id/candidates/:invitationId/report', ...staff, (req, res) =>
    renderCandidateReport(req, res),
  );

  router.post('/assessments/:id/candidates/:invitationId/grade', ...staff, async (req, res) => {
    const { id, invitationId } = candidateOf(req);
    const { position } = parseOr(gradeTarget, req.body, noSuchEssay);
    const values = typedValues(req.body);
    const refuse = (status: number, errors: FieldErrors) =>
      renderCandidateReport(req, res, {
        status,
        grade: { position, values, errors },
        flash: {
          kind: 'error',
          message: `The grade of question ${position + 1} was not saved: see the message beside it.`,
        },
      });
    const form = validateForm(gradeForm, req.body);
    if (!form.ok) return refuse(422, form.errors);
    let pending: boolean;
    try {
      const score = await reports.gradeEssay(actorOf(req), currentUser(req), id, invitationId, {
        position,
        ...form.data,
      });
      pending = score.pending;
    } catch (error) {
      if (error instanceof ValidationError) return refuse(422, error.fieldErrors);
      if (error instanceof ConflictError)
        return renderCandidateReport(req, res, {
          status: error.status,
          flash: { kind: 'error', message: error.message },
        });
      throw error;
    }
    setFlash(
      req,
      'success',
      pending
        ? 'Grade saved. Other essays still wait for a grade, so the scores stay provisional.'
        : 'Grade saved. Every essay is graded, so the scores are final.',
    );
    res.redirect(303, `${reportPath(id, invitationId)}#question-${position + 1}`);
  });

  router.post('/assessments/:id/candidates/:invitationId/decision', ...staff, async (req, res) => {
    const { id, invitationId } = candidateOf(req);
    const form = validateForm(decisionForm, req.body);
    if (!form.ok)
      return renderCandidateReport(req, res, {
        status: 422,
        decision: { values: typedValues(req.body), errors: form.errors },
        flash: { kind: 'error', message: 'The decision was not saved: see the message beside it.' },
      });
    await reports.decide(actorOf(req), currentUser(req), id, invitationId, form.data);
    setFlash(req, 'success', `Decision saved: ${DECISION_LABELS[form.data.decision]}.`);
    res.redirect(303, `${reportPath(id, invitationId)}#decision`);
  });

  router.get('/assessments/:id/compare', ...staff, async (req, res) => {
    const id = idOf(req);
    const { c } = parseOr(compareQuery, req.query, () => new BadRequestError(COMPARE_REFUSAL));
    const { assessment, candidates } = await reports.compare(currentUser(req), id, c);
    const skillOf = (skill: string, index: number) =>
      candidates[index]?.candidate.score?.skills.find((s) => s.skill === skill) ?? null;
    res.render('reports/compare', {
      title: `Compare candidates: ${assessment.title}`,
      assessment,
      candidates,
      overallChart: barChart(
        candidates.map(({ candidate }) => ({
          score: candidate.score?.overall.score ?? null,
          threshold: assessment.passThreshold,
        })),
      ),
      skillCharts: assessment.skills.map((skill) => ({
        ...skill,
        results: candidates.map((_, index) => skillOf(skill.skill, index)),
        chart: barChart(
          candidates.map((_, index) => ({
            ...(skillOf(skill.skill, index) ?? { score: null }),
            threshold: skill.passThreshold,
          })),
        ),
      })),
      ...VIEW_HELPERS,
    });
  });

  router.get('/assessments/:id/grading', ...staff, async (req, res) => {
    const { assessment, essays } = await reports.gradingQueue(currentUser(req), idOf(req));
    res.render('reports/grading', {
      title: `Essays to grade: ${assessment.title}`,
      assessment,
      essays,
    });
  });

  router.get('/assessments/:id/export/candidates.csv', ...staff, async (req, res) => {
    const id = idOf(req);
    const { skills, records } = await reports.candidatesExport(currentUser(req), id);
    await sendCsv(res, `assessment-${id}-candidates.csv`, candidatesCsv(skills, records));
  });

  router.get('/assessments/:id/export/candidates.json', ...staff, async (req, res) => {
    const id = idOf(req);
    const { assessment, records } = await reports.candidatesExport(currentUser(req), id);
    download(res, `assessment-${id}-candidates.json`);
    res.json({ assessment: { id, title: assessment.title }, candidates: records });
  });

  router.get('/assessments/:id/export/responses.csv', ...staff, async (req, res) => {
    const id = idOf(req);
    const { records } = await reports.responsesExport(currentUser(req), id);
    await sendCsv(res, `assessment-${id}-responses.csv`, responsesCsv(records));
  });

  router.get('/assessments/:id/export/responses.json', ...staff, async (req, res) => {
    const id = idOf(req);
    const { assessment, records } = await reports.responsesExport(currentUser(req), id);
    download(res, `assessment-${id}-responses.json`);
    res.json({ assessment: { id, title: assessment.title }, responses: records });
  });

  return router;
}
