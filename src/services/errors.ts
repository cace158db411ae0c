/**
 * The few typed errors services raise. One handler in src/api maps them to HTTP problem
 * responses; nothing else in services knows about HTTP.
 */
export class DomainError extends Error {
  constructor(
    message: string,
    /** The offending input (query parameter, field or JSON path), when there is one. */
    readonly target?: string,
    /** A stable code and its parameters, for pages that say the same in the reader's language. */
    readonly detail?: { readonly code: string; readonly params: Readonly<Record<string, string>> },
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
}

export class InvalidInputError extends DomainError {
  override name = 'InvalidInputError';
}

export class ConflictError extends DomainError {
  override name = 'ConflictError';
}

export class ForbiddenError extends DomainError {
  override name = 'ForbiddenError';
}
