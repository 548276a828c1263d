import type { ErrorRequestHandler, RequestHandler } from 'express';
import { serializeRequest } from '../logger';
import {
  AppError,
  BadRequestError,
  ConflictError,
  NotFoundError,
  PayloadTooLargeError,
} from './errors';

export const notFoundHandler: RequestHandler = () => {
  throw new NotFoundError();
};

/**
 * Express and its body parsers raise http-errors with a 4xx `status` (malformed JSON, a body over
 * the limit, bad percent-encoding in a path). They are the client's fault: map them to ours.
 */
function fromHttpError(error: unknown): AppError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  if (status === 413) return new PayloadTooLargeError();
  if (status === 404) return new NotFoundError();
  return new BadRequestError('The submitted data could not be read.');
}

const UNIQUE_VIOLATIONS = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/** Two requests racing for the same name or id: the loser is told plainly, not given a 500. */
function fromUniqueViolation(error: unknown): AppError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !UNIQUE_VIOLATIONS.has(code)) return undefined;
  return new ConflictError(
    'Something with that name or id already exists, perhaps just created by someone else. Reload the page and try again.',
  );
}

function wantsJson(req: Parameters<RequestHandler>[0]): boolean {
  return req.path.startsWith('/api/') || req.accepts(['html', 'json']) === 'json';
}

export function createErrorHandler(options: { showStack: boolean }): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const appError =
      error instanceof AppError ? error : (fromHttpError(error) ?? fromUniqueViolation(error));
    if (!appError) req.log.error({ err: error, req: serializeRequest(req) }, 'unhandled error');
    const status = appError?.status ?? 500;
    const title = appError?.title ?? 'Something went wrong';
    const message =
      appError?.message ??
      'An unexpected error stopped this page. It has been logged; please try again in a moment.';
    const retryAfter = (appError as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (retryAfter) res.set('Retry-After', String(retryAfter));
    res.status(status);
    if (wantsJson(req)) {
      res.json({ error: { status, title, message } });
      return;
    }
    const stack = !appError && options.showStack ? String((error as Error)?.stack) : undefined;
    res.render('errors/error', { title, status, message, stack });
  };
}
