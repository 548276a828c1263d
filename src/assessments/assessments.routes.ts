import { Router, type Request, type Response } from 'express';
import { actorOf } from '../audit/actor';
import { currentUser, requireRole } from '../http/guards';
import { NotFoundError } from '../http/errors';
import { setFlash } from '../http/locals';
import { fieldErrorsOf, parseOr, validateForm, type FieldErrors } from '../http/validate';
import { storedConfidence } from '../jd/match-confidence';
import { DEFAULT_PASS_THRESHOLD, DEFAULT_WEIGHT, SECTION_LABELS } from './assessment-rules';
import {
  assessmentParams,
  collaboratorSchema,
  MAX_DESCRIPTION,
  memberParams,
  nestSkillFields,
  newAssessmentSchema,
  settingsSchema,
} from './assessments.schemas';
import type { AssessmentDetail, AssessmentsService } from './assessments.service';
import { lineControls, mappingChoices } from './mapping-form';
import { LANGUAGE_FALLBACK } from '../jd/jd-vocabulary';
import type { BanksService } from '../banks/banks.service';
import {
  MAX_LONG_FIELD_BYTES,
  MAX_UPLOAD_BYTES,
  sizeInWords,
  uploadProblemOf,
  type UploadProblem,
} from '../http/upload';

const ALLOWED_DESCRIPTION_FILES = /\.(txt|md|markdown|text)$/i;
const NEW_FORM_LIMITS = {
  descriptionCharacters: MAX_DESCRIPTION.toLocaleString('en'),
  fileSize: sizeInWords(MAX_UPLOAD_BYTES),
};

const notFound = () =>
  new NotFoundError('There is no such assessment, or it is not shared with you.');
const idOf = (req: Request) => parseOr(assessmentParams, req.params, notFound).id;

/** Settings as the form shows them: from the stored assessment, or as just typed. */
function settingsValues(detail: AssessmentDetail): Record<string, string> {
  const { assessment } = detail;
  const values: Record<string, string> = {
    title: assessment.title,
    timeLimitMinutes: String(assessment.timeLimitMinutes),
    questionTimeLimitSeconds: assessment.questionTimeLimitSeconds?.toString() ?? '',
    passThreshold: String(assessment.passThreshold),
    difficultyMin: String(assessment.difficultyMin),
    difficultyMax: String(assessment.difficultyMax),
    shuffle: assessment.shuffle ? 'on' : '',
    showResults: assessment.showResults ? 'on' : '',
    notifyOnSubmit: assessment.notifyOnSubmit ? 'on' : '',
  };
  for (const skill of detail.skills) {
    values[`skills.${skill.skill}.questionCount`] = String(skill.questionCount);
    values[`skills.${skill.skill}.weight`] = String(skill.weight);
    values[`skills.${skill.skill}.passThreshold`] = String(skill.passThreshold);
  }
  return values;
}

/**
 * What the availability check can still use of a settings form that has other errors: the
 * counts and the difficulty range that parse. The rest falls back to what is stored.
 */
function partialSettings(body: Record<string, unknown>): {
  difficultyMin?: number;
  difficultyMax?: number;
  counts: Map<string, number>;
} {
  const whole = (value: unknown, min: number, max: number) => {
    const n = typeof value === 'string' && value.trim() ? Number(value) : NaN;
    return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
  };
  const counts = new Map<string, number>();
  for (const [name, value] of Object.entries(body)) {
    const match = /^skills\.([a-z0-9-]{1,60})\.questionCount$/.exec(name);
    const count = whole(value, 1, 50);
    if (match?.[1] && count !== undefined) counts.set(match[1], count);
  }
  return {
    difficultyMin: whole(body.difficultyMin, 1, 5),
    difficultyMax: whole(body.difficultyMax, 1, 5),
    counts,
  };
}

/** An over-limit field or file of the new-assessment form, as the message beside it. */
function newFormProblem(problem: UploadProblem): FieldErrors {
  if (problem.field === 'file' || problem.field === 'title') {
    return { [problem.field]: problem.message };
  }
  return {
    description: `What you pasted is larger than ${sizeInWords(MAX_LONG_FIELD_BYTES)}, so it was not kept. A description can have up to ${MAX_DESCRIPTION.toLocaleString('en')} characters: paste only the parts about the role and its requirements.`,
  };
}

function typedValues(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(body)
      .filter(([k]) => k !== '_csrf')
      .map(([k, v]) => [k, String(v ?? '')]),
  );
}

export function assessmentsRoutes(assessments: AssessmentsService, banks: BanksService): Router {
  const router = Router();
  const staff = requireRole('admin', 'manager');
  router.use('/assessments', ...staff);

  const renderNew = (res: Response, values: Record<string, string>, errors: FieldErrors) =>
    res.status(Object.keys(errors).length ? 422 : 200).render('assessments/new', {
      title: 'New assessment',
      values,
      errors,
      limits: NEW_FORM_LIMITS,
    });

  const renderSettings = async (
    req: Request,
    res: Response,
    values?: Record<string, string>,
    errors: FieldErrors = {},
  ) => {
    const detail = await assessments.detail(currentUser(req), idOf(req));
    res.status(Object.keys(errors).length ? 422 : 200).render('assessments/settings', {
      title: `Settings: ${detail.assessment.title}`,
      detail,
      values: values ?? settingsValues(detail),
      errors,
      sectionLabels: SECTION_LABELS,
      defaults: { passThreshold: DEFAULT_PASS_THRESHOLD, weight: DEFAULT_WEIGHT },
    });
  };

  const renderOpen = async (req: Request, res: Response, errors: FieldErrors = {}) => {
    const detail = await assessments.detail(currentUser(req), idOf(req));
    res.status(Object.keys(errors).length ? 422 : 200).render('assessments/open', {
      title: `Open: ${detail.assessment.title}`,
      detail,
      errors,
      sectionLabels: SECTION_LABELS,
    });
  };

  router.get('/assessments', async (req, res) => {
    res.render('assessments/list', {
      title: 'Assessments',
      assessments: await assessments.list(currentUser(req)),
    });
  });

  router.get('/assessments/new', (_req, res) => renderNew(res, {}, {}));

  router.post('/assessments', async (req, res) => {
    const tooLarge = uploadProblemOf(req);
    if (tooLarge) {
      return renderNew(res, typedValues(req.body ?? {}), newFormProblem(tooLarge));
    }
    const form = validateForm(newAssessmentSchema, req.body);
    const typed = typedValues(req.body ?? {});
    if (!form.ok) return renderNew(res, typed, form.errors);
    let text = form.data.description;
    if (req.file) {
      if (!ALLOWED_DESCRIPTION_FILES.test(req.file.originalname)) {
        return renderNew(res, typed, { file: 'Upload a .txt or .md file, or paste the text.' });
      }
      text = req.file.buffer.toString('utf8');
    }
    try {
      const id = await assessments.createFromDescription(actorOf(req), currentUser(req), {
        title: form.data.title,
        text,
      });
      res.redirect(303, `/assessments/${id}/mapping`);
    } catch (error) {
      renderNew(res, typed, fieldErrorsOf(error));
    }
  });

  router.get('/assessments/:id', async (req, res) => {
    const user = currentUser(req);
    const id = idOf(req);
    const [detail, sample] = await Promise.all([
      assessments.detail(user, id),
      assessments.sampleDraw(user, id),
    ]);
    res.render('assessments/show', {
      title: detail.assessment.title,
      detail,
      sample,
      sectionLabels: SECTION_LABELS,
      errors: {},
    });
  });

  const renderMapping = async (req: Request, res: Response, errors: FieldErrors = {}) => {
    const detail = await assessments.detail(currentUser(req), idOf(req));
    const bankList = await banks.listBanks();
    const existing = new Set(bankList.map((bank) => bank.slug));
    res.status(Object.keys(errors).length ? 422 : 200).render('assessments/mapping', {
      title: `Review skills: ${detail.assessment.title}`,
      detail,
      banks: bankList,
      controls: new Map(detail.lines.map((line) => [line.position, lineControls(line, existing)])),
      fallback: bankList.find((bank) => bank.slug === LANGUAGE_FALLBACK),
      sectionLabels: SECTION_LABELS,
      confidenceOf: storedConfidence,
      errors,
    });
  };

  router.get('/assessments/:id/mapping', async (req, res) => renderMapping(req, res));

  router.post('/assessments/:id/mapping', async (req, res) => {
    const id = idOf(req);
    const form = mappingChoices((req.body ?? {}) as Record<string, unknown>);
    try {
      await assessments.saveMapping(actorOf(req), currentUser(req), id, form.banks, form.languages);
    } catch (error) {
      return renderMapping(req, res, fieldErrorsOf(error));
    }
    setFlash(req, 'success', 'Skills saved. Now set the counts, time and pass marks.');
    res.redirect(303, `/assessments/${id}/settings`);
  });

  router.get('/assessments/:id/settings', async (req, res) => renderSettings(req, res));

  router.post('/assessments/:id/settings', async (req, res) => {
    const id = idOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const typed = typedValues(body);
    const form = validateForm(settingsSchema, nestSkillFields(body));
    if (!form.ok) {
      // Every message at once: the availability check runs on whatever parsed.
      const shortfalls = await assessments.settingsShortfalls(
        currentUser(req),
        id,
        partialSettings(body),
      );
      return renderSettings(req, res, typed, { ...shortfalls, ...form.errors });
    }
    const skills = Object.entries(form.data.skills).map(([skill, s]) => ({ skill, ...s }));
    try {
      await assessments.saveSettings(actorOf(req), currentUser(req), id, { ...form.data, skills });
    } catch (error) {
      return renderSettings(req, res, typed, fieldErrorsOf(error));
    }
    setFlash(req, 'success', 'Settings saved.');
    res.redirect(303, `/assessments/${id}`);
  });

  router.get('/assessments/:id/open', async (req, res) => renderOpen(req, res));

  /** Opening locks the definition: it takes the confirmation form of GET /open. */
  router.post('/assessments/:id/open', async (req, res) => {
    const id = idOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const detail = await assessments.detail(currentUser(req), id);
    if (body.confirm !== 'yes') return res.redirect(303, `/assessments/${id}/open`);
    const count = detail.unassessedRequired.length;
    if (count && detail.assessment.status === 'draft' && body.acceptUnassessed !== 'on') {
      return renderOpen(req, res, {
        acceptUnassessed: `Confirm that you want to open it with ${count} required skill${count === 1 ? '' : 's'} not assessed, or map ${count === 1 ? 'it' : 'them'} to a bank first.`,
      });
    }
    await assessments.open(actorOf(req), currentUser(req), id);
    setFlash(req, 'success', 'The assessment is open: candidates can now be invited.');
    res.redirect(303, `/assessments/${id}`);
  });

  router.post('/assessments/:id/close', async (req, res) => {
    const id = idOf(req);
    await assessments.close(actorOf(req), currentUser(req), id);
    setFlash(req, 'success', 'The assessment is closed: no new candidates can start it.');
    res.redirect(303, `/assessments/${id}`);
  });

  router.post('/assessments/:id/duplicate', async (req, res) => {
    const copy = await assessments.duplicate(actorOf(req), currentUser(req), idOf(req));
    setFlash(req, 'success', 'Copied as a new draft.');
    res.redirect(303, `/assessments/${copy}`);
  });

  router.post('/assessments/:id/collaborators', async (req, res) => {
    const id = idOf(req);
    await assessments.get(currentUser(req), id);
    const form = validateForm(collaboratorSchema, req.body);
    if (!form.ok) {
      setFlash(req, 'error', form.errors.email ?? 'Enter an email.');
    } else {
      try {
        const member = await assessments.addCollaborator(
          actorOf(req),
          currentUser(req),
          id,
          form.data.email,
        );
        setFlash(req, 'success', `${member.name} can now see and edit this assessment.`);
      } catch (error) {
        setFlash(
          req,
          'error',
          fieldErrorsOf(error).email ?? 'That collaborator could not be added.',
        );
      }
    }
    res.redirect(303, `/assessments/${id}#collaborators`);
  });

  router.post('/assessments/:id/collaborators/:userId/remove', async (req, res) => {
    const { id, userId } = parseOr(memberParams, req.params, notFound);
    await assessments.removeCollaborator(actorOf(req), currentUser(req), id, userId);
    setFlash(req, 'success', 'Collaborator removed.');
    res.redirect(303, `/assessments/${id}#collaborators`);
  });

  return router;
}
