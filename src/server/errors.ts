/**
 * API errors: every failure leaves the server as
 * `{"error": {"code": "E_…", "message": "…"}}` with a 4xx/5xx status.
 * Codes are stable; messages are for people and may change.
 */
export const ERROR_CODES = {
  E_BAD_REQUEST: 400,
  E_VALIDATION: 400,
  E_BAD_JSON: 400,
  E_EMPTY: 422,
  E_UNPROCESSABLE: 422,
  E_URL_FORBIDDEN: 400,
  E_FETCH_FAILED: 502,
  E_UNAUTHORIZED: 401,
  E_NOT_FOUND: 404,
  E_METHOD_NOT_ALLOWED: 405,
  E_TOO_LARGE: 413,
  E_UNSUPPORTED_MEDIA_TYPE: 415,
  E_BUSY: 503,
  E_TIMEOUT: 504,
  E_INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES | (string & {});

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number = (ERROR_CODES as Record<string, number>)[code] ?? 400,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
