import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { serializeRequest } from '../logger';

/**
 * One log line per request, written when the response has been sent or the client went away.
 * It replaces pino-http, whose child logger per request cost about half a bare Express request.
 * `req.log` is the app's logger: a handler that logs about a request adds `serializeRequest(req)`.
 */
export function requestLog(logger: Logger): RequestHandler {
  let lastId = 0;
  return (req, res, next) => {
    const startedAt = performance.now();
    req.id = ++lastId;
    req.log = logger;
    const done = () => {
      res.off('finish', done);
      res.off('close', done);
      const fields = {
        req: serializeRequest(req),
        res: { statusCode: res.statusCode },
        responseTime: Math.round(performance.now() - startedAt),
      };
      if (!res.writableFinished) logger.warn(fields, 'request aborted');
      else if (res.statusCode >= 500) logger.error(fields, 'request failed');
      else logger.info(fields, 'request completed');
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
