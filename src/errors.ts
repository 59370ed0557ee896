// The one error type the library throws for user-facing problems; the CLI maps it to exit 2.

export type ErrorCode =
  | 'USAGE'
  | 'CONFIG'
  | 'NOT_A_REPO'
  | 'NO_COMMITS'
  | 'UNKNOWN_REF'
  | 'GIT'
  | 'GIT_MISSING'
  | 'CWD'
  | 'RUNNER'
  | 'FILE';

export class ImpactedError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImpactedError';
    this.code = code;
  }
}

export function isImpactedError(error: unknown): error is ImpactedError {
  return error instanceof ImpactedError;
}
