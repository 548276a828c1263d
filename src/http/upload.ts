import type { RequestHandler } from 'express';
import multer from 'multer';
import { BadRequestError, PayloadTooLargeError } from './errors';

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

const parser = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 50, fieldSize: 200 * 1024 },
}).single('file');

/**
 * Parses multipart forms for every route, like the other body parsers, so the CSRF check sees
 * their token too. Forms upload at most one file, in a field named `file`.
 */
export const multipartBody: RequestHandler = (req, res, next) => {
  if (!req.is('multipart/form-data')) return next();
  parser(req, res, (error: unknown) => {
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
