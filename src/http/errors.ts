/** Errors a service may throw; the error handler maps each to its status and a friendly page. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message = 'The request could not be understood.') {
    super(400, 'Bad request', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do that.') {
    super(403, 'Not allowed', message);
  }
}

export class CsrfError extends AppError {
  constructor() {
    super(
      403,
      'Form expired',
      'This form was open too long or came from another site. Go back, reload the page and try again.',
    );
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'There is nothing at this address. It may have been moved or removed.') {
    super(404, 'Page not found', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, 'Conflict', message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message = 'What you sent is larger than this page accepts.') {
    super(413, 'Too large', message);
  }
}

/** Field-level problems with a submitted form: the route re-renders the form with them. */
export class ValidationError extends AppError {
  constructor(
    readonly fieldErrors: Record<string, string>,
    message = 'Please correct the highlighted fields.',
  ) {
    super(422, 'Check the form', message);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(429, 'Too many attempts', message);
  }
}
