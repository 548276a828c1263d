import type { RequestHandler } from 'express';
import multer from 'multer';
import { BadRequestError, PayloadTooLargeError } from './errors';
import { verifyCsrf } from './security';

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

const parser = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20 },
});

/**
 * The only way a route accepts a file: multipart parsing for one field, then the CSRF check
 * that the global middleware leaves to it. Multer's errors become clear 4xx answers.
 */
export function singleUpload(field: string): RequestHandler[] {
  const parse: RequestHandler = (req, res, next) => {
    parser.single(field)(req, res, (error: unknown) => {
      if (!error) return next();
      if (error instanceof multer.MulterError) {
        return next(
          error.code === 'LIMIT_FILE_SIZE'
            ? new PayloadTooLargeError(
                `Files up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB are accepted.`,
              )
            : new BadRequestError(`The upload could not be read (${error.message}).`),
        );
      }
      next(new BadRequestError('The upload could not be read.'));
    });
  };
  return [parse, verifyCsrf];
}
