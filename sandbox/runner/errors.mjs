// Errors the runner raises. Their `name` is one of Make's error types, so a test (or a user
// reading a log) sees what Make would show; `code` is a stable string for programs; `module`
// and `step` say where in the app it happened. Messages pass through the secret scrubber
// before they leave the runner (see sanitize.mjs), so the API key never shows up here.

export const ERROR_TYPES = [
  'RuntimeError', 'DataError', 'RateLimitError', 'OutOfSpaceError', 'ConnectionError',
  'InvalidConfigurationError', 'InvalidAccessTokenError', 'IncompleteDataError', 'DuplicateDataError',
];

export class MakeError extends Error {
  constructor(type, code, message, extra = {}) {
    super(message);
    this.name = ERROR_TYPES.includes(type) ? type : 'RuntimeError';
    this.type = this.name;
    this.code = code;
    for (const key of ['module', 'step', 'statusCode', 'path', 'body', 'cause']) {
      if (extra[key] !== undefined) this[key] = extra[key];
    }
  }
}

/** Adds "where" to an error thrown deeper down, keeping the innermost location. */
export function locate(err, where) {
  if (err instanceof MakeError) {
    if (where.module && !err.module) err.module = where.module;
    if (where.step && !err.step) err.step = where.step;
    return err;
  }
  return new MakeError('RuntimeError', 'internal', `${where.module ? `${where.module}: ` : ''}${err?.message ?? err}`, { ...where, cause: err });
}
