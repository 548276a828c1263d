import express, { type Request, type RequestHandler } from 'express';
import multer from 'multer';
import { BadRequestError, PayloadTooLargeError } from './errors';

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
/** The most one field of a form may hold, and a whole form sent URL-encoded. */
export const MAX_FIELD_BYTES = 200 * 1024;
/**
 * The same for a form that shows itself again with its problems: far more than such a form
 * accepts, so that text pasted by mistake comes back to be shortened instead of being lost.
 */
export const MAX_LONG_FIELD_BYTES = 1024 * 1024;

/** 200 KB, 1 MB, 2 MB: a limit as a person reads it. */
export function sizeInWords(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} KB`;
}

/** A form's body over a size limit: the field it concerns and a message for a person. */
export interface UploadProblem {
  /** The field over its limit; `form` when the whole body was over it. */
  field: string;
  message: string;
  /** Whether the fields sent before the problem were read (and with them the CSRF token). */
  fieldsKept: boolean;
}

const problems = new WeakMap<Request, UploadProblem>();

const routeOf = (req: Request) => `${req.method} ${req.path}`;

function multipartParser(limits: { fields: number; fieldSize: number }): RequestHandler {
  return multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, ...limits },
  }).single('file');
}

const standardMultipart = multipartParser({ fields: 50, fieldSize: MAX_FIELD_BYTES });
// Fewer fields, each allowed more: one request still holds at most about 10 MB of fields.
const longMultipart = multipartParser({ fields: 10, fieldSize: MAX_LONG_FIELD_BYTES });

/** An over-limit field or file, as a problem to show; undefined when the body is malformed. */
function sizeProblemOf(error: unknown, fieldLimit: number): UploadProblem | undefined {
  if (!(error instanceof multer.MulterError)) return undefined;
  const field = error.field ?? 'file';
  if (error.code === 'LIMIT_FILE_SIZE') {
    return {
      field,
      message: `This file is larger than ${sizeInWords(MAX_UPLOAD_BYTES)}, the most accepted.`,
      fieldsKept: true,
    };
  }
  if (error.code === 'LIMIT_FIELD_VALUE') {
    return {
      field,
      message: `This text is larger than ${sizeInWords(fieldLimit)}, the most accepted, so it was not kept. Shorten it and send it again.`,
      fieldsKept: true,
    };
  }
  return undefined;
}

function malformedUpload(error: unknown): BadRequestError {
  return new BadRequestError(
    error instanceof multer.MulterError
      ? `The upload could not be read (${error.message}).`
      : 'The upload could not be read. Try again.',
  );
}

/**
 * Parses multipart forms for every route, like the other body parsers, so the CSRF check sees
 * their token too. Forms upload at most one file, in a field named `file`. The forms listed
 * (`POST <path>`) may send longer fields: they show their text again when it is too long.
 *
 * A body over a size limit is not refused here: the fields read so far are kept (the CSRF token comes
 * first in every form) and the problem is noted, so that the session, the signed-in user and the
 * CSRF check still run. `refuseUploadProblems` then refuses it inside the normal layout, unless
 * the route shows its form again with the problem (`uploadProblemOf`).
 */
export function multipartBody(formsShownAgain: string[]): RequestHandler {
  const shownAgain = new Set(formsShownAgain);
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    const long = shownAgain.has(routeOf(req));
    const parser = long ? longMultipart : standardMultipart;
    parser(req, res, (error: unknown) => {
      if (error) {
        const problem = sizeProblemOf(error, long ? MAX_LONG_FIELD_BYTES : MAX_FIELD_BYTES);
        // A malformed body (an unexpected file field, a broken stream) is refused at once.
        if (!problem) return next(malformedUpload(error));
        problems.set(req, problem);
        req.body ??= {};
        delete req.file;
      }
      next();
    });
  };
}

const urlencodedParser = (limit: number) =>
  express.urlencoded({ extended: false, limit, parameterLimit: 500 });
const standardUrlencoded = urlencodedParser(MAX_FIELD_BYTES);
const longUrlencoded = urlencodedParser(MAX_LONG_FIELD_BYTES);

const isBodyTooLarge = (error: unknown) =>
  (error as { type?: unknown } | undefined)?.type === 'entity.too.large';

/**
 * Parses URL-encoded forms, allowing the forms listed as much as a long multipart field. A body
 * over its limit is dropped whole (nothing of it, not even the CSRF token, can be used): it is
 * noted so that `refuseUploadProblems` refuses it inside the normal layout, with the limit.
 */
export function urlencodedBody(formsShownAgain: string[]): RequestHandler {
  const shownAgain = new Set(formsShownAgain);
  return (req, res, next) => {
    const long = shownAgain.has(routeOf(req));
    const limitBytes = long ? MAX_LONG_FIELD_BYTES : MAX_FIELD_BYTES;
    const parser = long ? longUrlencoded : standardUrlencoded;
    parser(req, res, (error?: unknown) => {
      if (!isBodyTooLarge(error)) return next(error);
      problems.set(req, {
        field: 'form',
        message: `This form is larger than ${sizeInWords(limitBytes)}, the most accepted, so nothing in it was saved. Shorten the longest text and send it again.`,
        fieldsKept: false,
      });
      req.body = {};
      next();
    });
  };
}

/** The problem with this request's upload, if any; a route that asks handles it itself. */
export function uploadProblemOf(req: Request): UploadProblem | undefined {
  const problem = problems.get(req);
  problems.delete(req);
  return problem;
}

/**
 * Refuses an upload problem unless the route shows its form again (`POST <path>`) and the fields
 * were read. It runs before the CSRF check: a body that was not read has no token to check, and
 * refusing changes nothing.
 */
export function refuseUploadProblems(formsShownAgain: string[]): RequestHandler {
  const shownAgain = new Set(formsShownAgain);
  return (req, _res, next) => {
    const problem = problems.get(req);
    if (!problem || (problem.fieldsKept && shownAgain.has(routeOf(req)))) return next();
    problems.delete(req);
    throw new PayloadTooLargeError(problem.message);
  };
}
