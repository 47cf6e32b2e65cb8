// SUMIT's answer envelope {Status, UserErrorMessage, TechnicalErrorDetails, Data}: HTTP 200
// for business errors too, Status as an integer (0 success, 1 business, 2 technical). A few
// endpoints answer the empty envelope with no Data at all (archive, delete, documents/send):
// which ones is read from openapi.json, so the answer always matches the vendor's schema.
import { loadOpenApi } from './openapi.mjs';
import { message } from './messages.mjs';

const withData = new Map();

/** Whether the endpoint's response schema has a Data field. */
export function hasData(path) {
  if (!withData.has(path)) {
    const api = loadOpenApi();
    const ref = api.operation(path)?.responses?.['200']?.content?.['application/json']?.schema?.$ref;
    const schema = ref ? api.doc.components.schemas[ref.split('/').pop()] : null;
    withData.set(path, !!schema?.properties?.Data);
  }
  return withData.get(path);
}

export function success(path, data) {
  const out = { Status: 0, UserErrorMessage: null, TechnicalErrorDetails: null };
  if (hasData(path)) out.Data = data === undefined ? null : data;
  return out;
}

export function businessError(path, key, params, lang) {
  const out = { Status: 1, UserErrorMessage: message(key, params, lang), TechnicalErrorDetails: null };
  if (hasData(path)) out.Data = null;
  return out;
}

export function technicalError(path, lang, details) {
  const out = { Status: 2, UserErrorMessage: message('technical', {}, lang), TechnicalErrorDetails: details };
  if (hasData(path)) out.Data = null;
  return out;
}
