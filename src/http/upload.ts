import type { Request, RequestHandler } from 'express';
import multer from 'multer';
import { BadRequestError, PayloadTooLargeError } from './errors';

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
export const MAX_FIELD_BYTES = 200 * 1024;

const parser = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 50, fieldSize: MAX_FIELD_BYTES },
}).single('file');

/** What went wrong with a multipart body: the field it concerns and a message for a person. */
export interface UploadProblem {
  field: string;
  status: 400 | 413;
  message: string;
}

const problems = new WeakMap<Request, UploadProblem>();

function problemOf(error: unknown): UploadProblem {
  if (!(error instanceof multer.MulterError)) {
    return { field: 'file', status: 400, message: 'The upload could not be read. Try again.' };
  }
  switch (error.code) {
    case 'LIMIT_FILE_SIZE':
      return {
        field: error.field ?? 'file',
        status: 413,
        message: `This file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB, the most accepted.`,
      };
    case 'LIMIT_FIELD_VALUE':
      return {
        field: error.field ?? 'file',
        status: 413,
        message: `This text is longer than ${MAX_FIELD_BYTES / 1024} KB, the most accepted. Shorten it or upload it as a file (up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB).`,
      };
    default:
      return {
        field: error.field ?? 'file',
        status: 400,
        message: `The upload could not be read (${error.message}).`,
      };
  }
}

/**
 * Parses multipart forms for every route, like the other body parsers, so the CSRF check sees
 * their token too. Forms upload at most one file, in a field named `file`.
 *
 * A body over a size limit is not refused here: the fields read so far are kept (the CSRF token comes
 * first in every form) and the problem is noted, so that the session, the signed-in user and the
 * CSRF check still run. `refuseUploadProblems` then refuses it inside the normal layout, unless
 * the route shows its form again with the problem (`uploadProblemOf`).
 */
export const multipartBody: RequestHandler = (req, res, next) => {
  if (!req.is('multipart/form-data')) return next();
  parser(req, res, (error: unknown) => {
    if (error) {
      const problem = problemOf(error);
      // A malformed body (an unexpected file field, a broken stream) is refused at once.
      if (problem.status !== 413) return next(new BadRequestError(problem.message));
      problems.set(req, problem);
      req.body ??= {};
      delete req.file;
    }
    next();
  });
};

/** The problem with this request's upload, if any; a route that asks handles it itself. */
export function uploadProblemOf(req: Request): UploadProblem | undefined {
  const problem = problems.get(req);
  problems.delete(req);
  return problem;
}

/** Refuses an upload problem on routes that do not handle it: `POST <path>` for those that do. */
export function refuseUploadProblems(handledBy: string[]): RequestHandler {
  const handled = new Set(handledBy);
  return (req, _res, next) => {
    const problem = problems.get(req);
    if (!problem || handled.has(`${req.method} ${req.path}`)) return next();
    problems.delete(req);
    throw problem.status === 413
      ? new PayloadTooLargeError(problem.message)
      : new BadRequestError(problem.message);
  };
}
