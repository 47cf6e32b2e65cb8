// The one place where calls cross into wasm. Arguments go as JSON text and results come
// back as JSON text (exact 64-bit ids and decimal amounts); a core error arrives as the
// JSON of the Rust `Error` and is rethrown as OfficeGuyError. Nothing else escapes:
// a trap (a bug in the core) becomes OfficeGuyError('internal').
import * as wasm from '../wasm/officeguy_make.js';

export class OfficeGuyError extends Error {
  constructor(code, message, extra = {}) {
    super(message);
    this.name = 'OfficeGuyError';
    this.code = code;
    if (extra.issues && extra.issues.length) this.issues = extra.issues;
    if (extra.status !== undefined) this.status = extra.status;
    if (extra.userMessage !== undefined) this.userMessage = extra.userMessage;
    if (extra.httpStatus !== undefined) this.httpStatus = extra.httpStatus;
    if (extra.path !== undefined) this.path = extra.path;
  }
}

/** Turns whatever the wasm side threw into an OfficeGuyError. */
export function toError(thrown) {
  if (thrown instanceof OfficeGuyError) return thrown;
  if (typeof thrown === 'string' && thrown.startsWith('{')) {
    try {
      const e = JSON.parse(thrown);
      return new OfficeGuyError(e.code, e.message, e);
    } catch { /* fall through */ }
  }
  const detail = thrown instanceof Error ? thrown.message : String(thrown);
  return new OfficeGuyError('internal', `internal error in the officeguy-make core: ${detail}`);
}

/** JSON text for an argument; BigInt ids go as exact integers. */
export function toJson(value, name = 'argument') {
  if (value === undefined) return 'null';
  try {
    return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `\u0000big:${v}` : v))
      .replace(/"\\u0000big:(-?\d+)"/g, '$1');
  } catch (e) {
    throw new OfficeGuyError('invalid_argument', `${name}: cannot be converted to JSON (${e.message})`);
  }
}

/** Calls a wasm export with JSON arguments and parses its JSON result. */
export function call(name, ...args) {
  const fn = wasm[name];
  if (typeof fn !== 'function') throw new OfficeGuyError('internal', `the wasm core has no export ${name}; rebuild with npm run build`);
  let out;
  try {
    out = fn(...args);
  } catch (e) {
    throw toError(e);
  }
  return out === undefined ? undefined : JSON.parse(out);
}

export { wasm };
