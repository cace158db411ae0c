/** RFC 9457 problem responses: the only error shape the API returns. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ParameterError {
  readonly in: string;
  readonly name: string;
  readonly message: string;
}

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad request',
  401: 'Login required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

/** The JSON body of every problem response (the `Problem` schema of the OpenAPI document). */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: ParameterError[];
}

/**
 * A problem response, typed as JSON with its status: an OpenAPI handler may return it for each
 * problem status its route declares, and the compiler checks that it does.
 */
export function problem<Status extends ContentfulStatusCode>(
  c: Context,
  status: Status,
  detail?: string,
  errors?: readonly ParameterError[],
) {
  const body: ProblemBody = {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...(errors && errors.length > 0 ? { errors: [...errors] } : {}),
  };
  // As `c.json` writes it, under the problem media type (RFC 9457).
  return c.json(body, status, { 'content-type': 'application/problem+json; charset=utf-8' });
}
