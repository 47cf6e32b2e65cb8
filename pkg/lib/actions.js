// Actions: the catalogue, validation, request building, answers. A thin shim: arguments go
// to the core as JSON text (BigInt ids stay exact), results come back as JSON.
import { toJson } from './core.js';
import { actions, makeapp } from './modules.js';

const { call } = actions;

/** JSON text of an argument: the plain (fast) stringify, or toJson for BigInt ids and for
 *  values that cannot be JSON (which it turns into OfficeGuyError). */
function arg(value, name) {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  } catch {
    return toJson(value, name);
  }
}

/** Version of the wasm core, to check that the package and the wasm match. */
export function coreVersion() {
  return call('coreVersion');
}

let cachedCatalog;

/** Every action, read, subscription call and trigger, with Make parameter specs. */
export function catalog() {
  // the labels live in the makeapp module (the actions module leaves them out)
  cachedCatalog ??= makeapp.call('catalog');
  // a fresh copy, so that a caller who edits it does not change what others see
  return structuredClone(cachedCatalog);
}

/** Every problem of `params` for `action`; empty when they are valid. */
export function validateParams(action, params) {
  return call('validateParams', String(action), arg(params ?? {}, 'params'));
}

/**
 * The exact request: `{method, url, headers, body}` with `body` the JSON text to send
 * (`fetch(r.url, {method: r.method, headers: r.headers, body: r.body})`).
 * Throws OfficeGuyError `invalid_params` with every issue.
 */
export function buildRequest(action, params, connection) {
  return call('buildRequest', String(action), arg(params ?? {}, 'params'), arg(connection ?? null, 'connection'));
}

/**
 * The `Data` of an answer. `body` is the answer's text, or the object already parsed.
 * Throws OfficeGuyError `api_error` (Status 1/2, with `status` and `userMessage`),
 * `http_error` (with `httpStatus`) or `invalid_response`.
 */
export function parseResponse(action, httpStatus, body) {
  const status = Number(httpStatus);
  const text = typeof body === 'string' ? body : arg(body ?? null, 'body');
  return call('parseResponse', String(action), Number.isInteger(status) && status >= 0 && status <= 65535 ? status : 0, text);
}

/** True when `action` may be repeated after an unknown outcome (reads). */
export function safeToRetry(action) {
  return call('safeToRetry', String(action));
}

/** The API enums as the core has them: `[{schema, members: [{name, code, en, he}]}]`. */
export function enumTables() {
  return call('enumTables');
}
