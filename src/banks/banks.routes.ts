import { Router, type Request, type Response } from 'express';
import { actorOf } from '../audit/actor';
import { requireRole } from '../http/guards';
import { BadRequestError, NotFoundError } from '../http/errors';
import { setFlash } from '../http/locals';
import { fieldErrorsOf, parseOr, validateForm, type FieldErrors } from '../http/validate';
import {
  bankFilters,
  bankParams,
  categoryBanksForm,
  confirmImportForm,
  importForm,
  newBankForm,
  newQuestionQuery,
  pendingParams,
  questionParams,
} from './banks.schemas';
import type { BanksService } from './banks.service';
import { questionsToCsv } from './formats/csv';
import { bankToYaml } from './formats/yaml-bank';
import { formatOf } from './import-files';
import { groupNotes } from './import-notes';
import { invalidQuestionCount, onlyInvalidQuestions } from './import-plan';
import { diffQuestions } from './question-diff';
import {
  formFromQuestion,
  formValuesFrom,
  isQuestionType,
  questionFromForm,
  type FormBody,
  type FormValues,
} from './question-form';
import { QUESTION_TYPES, TYPE_LABELS, type Question, type QuestionType } from './question.schemas';

const notFound = () => new NotFoundError('There is no such question bank or question.');
const bankOf = (req: Request) => parseOr(bankParams, req.params, notFound).slug;
const questionOf = (req: Request) => parseOr(questionParams, req.params, notFound);

interface EditorState {
  slug: string;
  bankName: string;
  type: QuestionType;
  mode: 'create' | 'edit';
  values: FormValues;
  errors: FieldErrors;
  preview?: Question;
  questionId?: string;
}

function renderEditor(res: Response, state: EditorState, status = 200): void {
  const verb = state.mode === 'create' ? 'New' : 'Edit';
  res.status(status).render('banks/question-form', {
    title: `${verb} ${TYPE_LABELS[state.type].toLowerCase()} question`,
    typeLabel: TYPE_LABELS[state.type],
    ...state,
  });
}

/**
 * `exposures` counts how many attempts showed each question (the draw spreads them), so admins
 * see which items every candidate has seen.
 */
export function banksRoutes(
  banks: BanksService,
  exposures: (questionIds: string[]) => Promise<Map<string, number>>,
): Router {
  const router = Router();
  const readers = requireRole('admin', 'manager');

  /** Preview re-renders the form with the question as candidates see it; save stores it. */
  async function submitEditor(
    res: Response,
    state: EditorState,
    body: FormBody,
    candidate: Record<string, unknown>,
    save: (candidate: Record<string, unknown>) => Promise<string>,
  ): Promise<void> {
    try {
      if (body.action === 'preview')
        return renderEditor(res, { ...state, preview: banks.validate(candidate) });
      res.redirect(303, await save(candidate));
    } catch (error) {
      renderEditor(res, { ...state, errors: fieldErrorsOf(error) }, 422);
    }
  }
  const admins = requireRole('admin');

  router.get('/banks', ...readers, async (_req, res) => {
    res.render('banks/list', {
      title: 'Question banks',
      banks: await banks.listBanks(),
      typeLabels: TYPE_LABELS,
    });
  });

  /** Form values for the "New bank" page, prefilled from the query (the import preview links here). */
  function newBankValues(source: Record<string, unknown>): Record<string, string> {
    const values: Record<string, string> = {};
    for (const name of ['slug', 'name', 'description', 'keywords', 'pending']) {
      const value = source[name];
      if (typeof value === 'string') values[name] = value.slice(0, 2_000);
    }
    return values;
  }

  router.get('/banks/new', ...admins, (req, res) => {
    res.render('banks/new-bank', {
      title: 'New bank',
      values: newBankValues(req.query),
      errors: {},
    });
  });

  router.post('/banks/new', ...admins, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const rerender = (errors: FieldErrors) =>
      res
        .status(422)
        .render('banks/new-bank', { title: 'New bank', values: newBankValues(body), errors });
    const form = validateForm(newBankForm, body);
    if (!form.ok) return rerender(form.errors);
    const { pending, ...fields } = form.data;
    try {
      const skill = await banks.createBank(actorOf(req), fields);
      setFlash(req, 'success', `Bank "${skill.name}" created.`);
      res.redirect(303, pending ? `/banks/import/${pending}` : `/banks/${skill.slug}`);
    } catch (error) {
      rerender(fieldErrorsOf(error));
    }
  });

  router.get('/banks/import', ...admins, async (_req, res) => {
    res.render('banks/import', {
      title: 'Import questions',
      banks: await banks.listBanks(),
      errors: {},
      values: {},
    });
  });

  router.post('/banks/import', ...admins, async (req, res) => {
    const form = parseOr(
      importForm,
      req.body,
      () => new BadRequestError('Choose an existing bank.'),
    );
    const errors: FieldErrors = {};
    if (!req.file) errors.file = 'Choose a file to upload.';
    else if (!formatOf(req.file.originalname)) errors.file = 'Upload a .yaml, .gift or .csv file.';
    if (!req.file || Object.keys(errors).length) {
      return res.status(422).render('banks/import', {
        title: 'Import questions',
        banks: await banks.listBanks(),
        errors,
        values: form,
      });
    }
    const text = req.file.buffer.toString('utf8');
    const pendingId = await banks.stageUpload(
      actorOf(req),
      { name: req.file.originalname, text },
      form.skill,
    );
    res.redirect(303, `/banks/import/${pendingId}`);
  });

  router.get('/banks/import/:pendingId', ...admins, async (req, res) => {
    const { pendingId } = parseOr(pendingParams, req.params, notFound);
    const { pending, report } = await banks.pendingUpload(actorOf(req), pendingId);
    const skills = await banks.listSkills();
    res.render('banks/import-preview', {
      title: 'Review the import',
      pending,
      report,
      skills,
      chosenBank: skills.find((skill) => skill.slug === pending.skill),
      noteGroups: groupNotes(report.notes),
      canSkipInvalid: onlyInvalidQuestions(report.problems),
      invalidCount: invalidQuestionCount(report.problems),
    });
  });

  router.post('/banks/import/:pendingId', ...admins, async (req, res) => {
    const { pendingId } = parseOr(pendingParams, req.params, notFound);
    const form = parseOr(confirmImportForm, req.body, () => new BadRequestError());
    const skipInvalid = form.skip_invalid === '1';
    const report = await banks.confirmUpload(actorOf(req), pendingId, { skipInvalid });
    if (!report.applied) {
      setFlash(
        req,
        'error',
        'The file has problems, so nothing was imported. Fix them and upload it again.',
      );
      return res.redirect(303, `/banks/import/${pendingId}`);
    }
    const skipped = invalidQuestionCount(report.skipped);
    setFlash(
      req,
      'success',
      `Imported: ${report.create.length} created, ${report.move.length ? `${report.move.length} moved to another bank, ` : ''}${report.change.length} changed, ${report.unchanged.length} unchanged, ${report.conflicts.length + report.refused.length} refused${skipped ? `, ${skipped} left out with problems` : ''}.`,
    );
    res.redirect(303, '/banks');
  });

  router.post('/banks/import/:pendingId/categories', ...admins, async (req, res) => {
    const { pendingId } = parseOr(pendingParams, req.params, notFound);
    const choices = parseOr(
      categoryBanksForm,
      req.body,
      () => new BadRequestError('Choose a bank, or "Leave out", for each category.'),
    );
    await banks.chooseCategoryBanks(actorOf(req), pendingId, choices);
    setFlash(req, 'success', 'Bank choices saved. Check the preview again before importing.');
    res.redirect(303, `/banks/import/${pendingId}`);
  });

  router.get('/banks/:slug', ...readers, async (req, res) => {
    const slug = bankOf(req);
    const filters = parseOr(
      bankFilters,
      req.query,
      () => new BadRequestError('Unknown filter value.'),
    );
    const bank = await banks.getBank(slug);
    const questions = await banks.listQuestions(slug, {
      search: filters.q,
      type: filters.type,
      difficulty: filters.difficulty,
      tag: filters.tag,
      retired: filters.status === 'all' ? undefined : filters.status === 'retired',
    });
    res.render('banks/bank', {
      title: bank.name,
      bank,
      questions,
      exposures: await exposures(questions.map((q) => q.id)),
      filters,
      types: QUESTION_TYPES,
      typeLabels: TYPE_LABELS,
    });
  });

  router.get('/banks/:slug/export.yaml', ...readers, async (req, res) => {
    const bank = await banks.exportBank(bankOf(req));
    res
      .attachment(`${bank.skill}.yaml`)
      .type('application/yaml; charset=utf-8')
      .send(bankToYaml(bank));
  });

  router.get('/banks/:slug/export.csv', ...readers, async (req, res) => {
    const bank = await banks.exportBank(bankOf(req));
    const csv = questionsToCsv(bank.questions.map((question) => ({ skill: bank.skill, question })));
    res.attachment(`${bank.skill}.csv`).type('text/csv; charset=utf-8').send(csv);
  });

  router.get('/banks/:slug/questions/new', ...admins, async (req, res) => {
    const slug = bankOf(req);
    const bank = await banks.getBank(slug);
    const { type } = parseOr(
      newQuestionQuery,
      req.query,
      () => new BadRequestError('Choose a question type.'),
    );
    const values: FormValues = { difficulty: '3', points: '1', numeric_mode: 'exact' };
    renderEditor(res, { slug, bankName: bank.name, type, mode: 'create', values, errors: {} });
  });

  router.post('/banks/:slug/questions', ...admins, async (req, res) => {
    const slug = bankOf(req);
    const bank = await banks.getBank(slug);
    const body = (req.body ?? {}) as FormBody;
    const type = body.type;
    if (!isQuestionType(type)) throw new BadRequestError('Choose a question type.');
    const id = String(body.id ?? '').trim();
    const state: EditorState = {
      slug,
      bankName: bank.name,
      type,
      mode: 'create',
      values: formValuesFrom(body),
      errors: {},
    };
    await submitEditor(res, state, body, questionFromForm(type, body, id), async (candidate) => {
      const question = await banks.createQuestion(actorOf(req), slug, candidate);
      setFlash(req, 'success', `Question ${question.id} created.`);
      return `/banks/${slug}/questions/${question.id}`;
    });
  });

  router.get('/banks/:slug/questions/:id', ...readers, async (req, res) => {
    const { slug, id } = questionOf(req);
    const [bank, stored] = await Promise.all([banks.getBank(slug), banks.getQuestion(slug, id)]);
    res.render('banks/question', {
      title: `Question ${id}`,
      bank,
      stored,
      groupMates: await banks.groupMates(stored),
      question: stored.question,
      typeLabels: TYPE_LABELS,
    });
  });

  router.get('/banks/:slug/questions/:id/edit', ...admins, async (req, res) => {
    const { slug, id } = questionOf(req);
    const [bank, stored] = await Promise.all([banks.getBank(slug), banks.getQuestion(slug, id)]);
    renderEditor(res, {
      slug,
      bankName: bank.name,
      type: stored.question.type,
      mode: 'edit',
      questionId: id,
      values: formFromQuestion(stored.question),
      errors: {},
    });
  });

  router.post('/banks/:slug/questions/:id', ...admins, async (req, res) => {
    const { slug, id } = questionOf(req);
    const [bank, stored] = await Promise.all([banks.getBank(slug), banks.getQuestion(slug, id)]);
    const body = (req.body ?? {}) as FormBody;
    const type = stored.question.type;
    const state: EditorState = {
      slug,
      bankName: bank.name,
      type,
      mode: 'edit',
      questionId: id,
      values: formValuesFrom(body),
      errors: {},
    };
    await submitEditor(res, state, body, questionFromForm(type, body, id), async (candidate) => {
      const result = await banks.updateQuestion(actorOf(req), slug, id, candidate);
      const saved = result.changed
        ? `Saved as version ${result.version}.`
        : 'Nothing changed, so no new version was made.';
      setFlash(req, 'success', saved);
      return `/banks/${slug}/questions/${id}`;
    });
  });

  router.get('/banks/:slug/questions/:id/history', ...readers, async (req, res) => {
    const { slug, id } = questionOf(req);
    const [bank, versions] = await Promise.all([banks.getBank(slug), banks.versions(slug, id)]);
    const history = versions.map((version, index) => {
      const previous = versions[index + 1];
      return {
        ...version,
        diff: previous ? diffQuestions(previous.question, version.question) : undefined,
      };
    });
    res.render('banks/history', { title: `History of ${id}`, bank, id, history });
  });

  router.post('/banks/:slug/questions/:id/duplicate', ...admins, async (req, res) => {
    const { slug, id } = questionOf(req);
    const copy = await banks.duplicate(actorOf(req), slug, id);
    setFlash(req, 'success', `Copied ${id} to ${copy.id}. Edit the copy below.`);
    res.redirect(303, `/banks/${slug}/questions/${copy.id}/edit`);
  });

  for (const [action, retired] of [
    ['retire', true],
    ['restore', false],
  ] as const) {
    router.post(`/banks/:slug/questions/:id/${action}`, ...admins, async (req, res) => {
      const { slug, id } = questionOf(req);
      await banks.setRetired(actorOf(req), slug, id, retired);
      setFlash(
        req,
        'success',
        retired ? `${id} is retired: new assessments will not draw it.` : `${id} is back in use.`,
      );
      res.redirect(303, `/banks/${slug}/questions/${id}`);
    });
  }

  return router;
}
