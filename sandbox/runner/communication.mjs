// Runs one communication the way Make does: a single request or an array of them in order,
// each inheriting from Base (a component's own keys win), `condition` to skip one, `temp`
// carried from request to request, pagination with Make's caps, and finally `wrapper` and
// `limit` over everything collected. The bundles of a multi-request communication come from
// the last request that ran.
import { MakeError } from './errors.mjs';
import { encodeRequest, send } from './http.mjs';
import { processAnswer } from './response.mjs';
import { sanitizeDump } from './sanitize.mjs';

export const LIMITS = Object.freeze({
  requestsPerRun: 100,
  paginationRequests: 50,
  records: 3200,
  requestTimeoutMs: 40000,
});

// baseUrl is joined, log and response are merged, the rest are not request keys
const INHERIT_SKIP = new Set(['baseUrl', 'log', 'response', 'headers', 'qs', 'body', 'common', 'pagination', 'condition', 'temp']);

/** A limit from IML: a number ≥ 0, or undefined when empty (no limit, not a limit of 0). */
function toLimit(value) {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
}

const isPlain = (v) => v && typeof v === 'object' && !Array.isArray(v);

function mergeResponse(base = {}, own = {}) {
  const out = { ...base, ...own };
  if (isPlain(base.error) && isPlain(own.error)) out.error = { ...base.error, ...own.error };
  return out;
}

/** A request with Base's defaults under it; `null` base (connections) inherits nothing. */
export function inherit(base, request) {
  if (!base) return request;
  const out = { ...request };
  for (const key of ['headers', 'qs', 'body']) {
    if (isPlain(base[key]) && (request[key] === undefined || isPlain(request[key]))) out[key] = { ...base[key], ...request[key] };
    else if (request[key] === undefined && base[key] !== undefined) out[key] = base[key];
  }
  // other request keys of Base (type, method, encodeUrl, ...) apply where the request is silent
  for (const [key, value] of Object.entries(base)) {
    if (!INHERIT_SKIP.has(key) && request[key] === undefined) out[key] = value;
  }
  out.response = mergeResponse(base.response, request.response);
  const sanitize = [...(base.log?.sanitize || []), ...(request.log?.sanitize || [])];
  if (sanitize.length) out.log = { ...request.log, sanitize };
  return out;
}

function nextPageSpec(parent, pagination) {
  if (pagination.mergeWithParent === false) {
    return { ...parent, url: pagination.url ?? parent.url, method: pagination.method ?? parent.method,
      headers: pagination.headers, qs: pagination.qs, body: pagination.body };
  }
  const merged = { ...parent };
  if (pagination.url !== undefined) merged.url = pagination.url;
  if (pagination.method !== undefined) merged.method = pagination.method;
  for (const key of ['headers', 'qs', 'body']) {
    if (pagination[key] === undefined) continue;
    merged[key] = isPlain(parent[key]) && isPlain(pagination[key]) ? { ...parent[key], ...pagination[key] } : pagination[key];
  }
  return merged;
}

/**
 * @param comm      the communication (object, array, or undefined for none)
 * @param env       {walker, base, baseUrl, appBaseUrl, fetch, onRequest, log, scrub, where,
 *                   budget: {requests}, stopPaging(items) → bool, applyLimit (default true)}
 * @param ctx       IML variables (parameters, connection, common, data, webhook, payload, ...)
 * @returns {bundles, entries, temp, data, uid, metadata, limit, stoppedBy}
 */
export async function runCommunication(comm, env, ctx) {
  const requests = comm === undefined || comm === null ? [] : Array.isArray(comm) ? comm : [comm];
  const { walker, where } = env;
  const budget = env.budget || { requests: 0 };
  let temp = { ...(ctx.temp || {}) };
  let last = null;

  for (let index = 0; index < requests.length; index++) {
    const at = requests.length > 1 ? `${where}[${index}]` : where;
    const spec = inherit(env.base, requests[index]);
    const reqCtx = { ...ctx, temp };
    if (spec.temp !== undefined) {
      const t = walker.walk(spec.temp, reqCtx, `${at}.temp`);
      temp = { ...temp, ...(isPlain(t) ? t : {}) };
      reqCtx.temp = temp;
    }
    const condition = isPlain(spec.condition) ? spec.condition.condition : spec.condition;
    if (condition !== undefined && !walker.test(condition, reqCtx, `${at}.condition`)) {
      if (isPlain(spec.condition) && spec.condition.default !== undefined) {
        last = { entries: [{ output: walker.walk(spec.condition.default, reqCtx, `${at}.condition.default`) }], iterated: false, response: {}, ctx: reqCtx };
      }
      continue;
    }
    last = await runRequest(spec, requests[index], { ...env, budget, where: at }, reqCtx);
    temp = last.ctx.temp || temp;
  }

  if (!last) {
    // no request ran: a request-less communication, or everything skipped
    if (requests.length === 0) return { bundles: [], entries: [], temp, stoppedBy: null };
    return { bundles: [], entries: [], temp, stoppedBy: 'condition' };
  }

  const { response, ctx: lastCtx } = last;
  let entries = last.entries;
  let limit;
  if (response.limit !== undefined) limit = toLimit(walker.walk(response.limit, lastCtx, `${where}.response.limit`));
  if (limit !== undefined && env.applyLimit !== false) entries = entries.slice(0, limit);

  let bundles = entries.map((e) => e.output);
  if (response.wrapper !== undefined) {
    const output = last.iterated ? bundles : bundles[0];
    const wrapped = walker.walk(response.wrapper, { ...lastCtx, output }, `${where}.response.wrapper`);
    bundles = Array.isArray(wrapped) ? wrapped : [wrapped];
  }
  const extra = {};
  for (const key of ['data', 'uid', 'metadata']) {
    if (response[key] !== undefined) extra[key] = walker.walk(response[key], lastCtx, `${where}.response.${key}`);
  }
  return { bundles, entries, temp: lastCtx.temp, limit, stoppedBy: last.stoppedBy, iterated: last.iterated, ...extra };
}

async function runRequest(spec, own, env, ctx) {
  const { walker, where, budget } = env;
  const response = spec.response || {};
  const pagination = isPlain(spec.pagination) ? spec.pagination : null;
  const triggerSpec = response.trigger;
  const entries = [];
  let pageSpec = spec;
  let pageCtx = { ...ctx, pagination: { page: 1 } };
  let page = 1;
  let answerCtx = pageCtx;
  let iterated = false;
  let stoppedBy = null;
  let limit;

  for (;;) {
    if (spec.url === undefined && spec.method === undefined) {
      // request-less: only the response directives run, over the variables at hand
      answerCtx = { ...pageCtx };
    } else {
      if (budget.requests >= LIMITS.requestsPerRun) {
        if (page > 1) { stoppedBy = 'requests_cap'; break; }
        throw new MakeError('RuntimeError', 'request_limit', `${where}: more than ${LIMITS.requestsPerRun} requests in one run`);
      }
      budget.requests++;
      answerCtx = await exchange(pageSpec, env, pageCtx, page);
    }
    const answer = processAnswer({ walker, response, ctx: answerCtx, where, triggerSpec });
    iterated = answer.iterated;
    entries.push(...answer.items);
    if (limit === undefined && response.limit !== undefined) {
      limit = toLimit(walker.walk(response.limit, answerCtx, `${where}.response.limit`)) ?? Infinity;
    }

    if (!pagination) break;
    if (answer.items.length === 0) { stoppedBy = 'empty_page'; break; }
    // a polling trigger counts only unseen items toward its limit (env.limitCount)
    if (limit !== undefined && (env.limitCount ? env.limitCount(entries) : entries.length) >= limit) { stoppedBy = 'limit'; break; }
    if (entries.length >= LIMITS.records) { stoppedBy = 'records_cap'; break; }
    if (page - 1 >= LIMITS.paginationRequests) { stoppedBy = 'pagination_cap'; break; }
    if (env.stopPaging && env.stopPaging(entries)) { stoppedBy = 'seen'; break; }
    const nextCtx = { ...answerCtx, pagination: { page: page + 1 } };
    if (pagination.condition !== undefined && !walker.test(pagination.condition, nextCtx, `${where}.pagination.condition`)) {
      stoppedBy = 'condition';
      break;
    }
    page++;
    // without merging, the page request still stands on Base (its auth headers, credentials)
    pageSpec = pagination.mergeWithParent === false
      ? inherit(env.base, { ...nextPageSpec(own, pagination), response: own.response })
      : nextPageSpec(spec, pagination);
    pageCtx = nextCtx;
  }
  if (entries.length > LIMITS.records) entries.length = LIMITS.records;
  return { entries, iterated, response, ctx: answerCtx, stoppedBy };
}

/** Evaluates, sends and logs one request; returns the IML variables of its answer. */
async function exchange(spec, env, ctx, page) {
  const { walker, where } = env;
  const at = page > 1 ? `${where}.pagination(page ${page})` : where;
  const evaluated = {
    url: walker.walk(spec.url, ctx, `${at}.url`),
    method: walker.walk(spec.method, ctx, `${at}.method`),
    headers: walker.walk(spec.headers, ctx, `${at}.headers`),
    qs: walker.walk(spec.qs, ctx, `${at}.qs`),
    body: walker.walk(spec.body, ctx, `${at}.body`),
    type: spec.type,
  };
  if (env.relativeOnly && typeof evaluated.url === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(evaluated.url.trim())) {
    // the universal module sends the connection's credentials: only to the app's own API
    throw new MakeError('DataError', 'absolute_url', `${at}.url: the URL must be relative to the app's base URL (got ${JSON.stringify(evaluated.url)})`);
  }
  let baseUrl = env.baseUrl;
  if (baseUrl === undefined && env.base?.baseUrl !== undefined) baseUrl = walker.walk(env.base.baseUrl, ctx, 'base.baseUrl');
  if (typeof evaluated.url === 'string' && env.appBaseUrl && env.baseUrl && evaluated.url.startsWith(env.appBaseUrl)) {
    // absolute URLs on the app's own host follow the override too (attach/detach often use them)
    evaluated.url = env.baseUrl.replace(/\/+$/, '') + evaluated.url.slice(env.appBaseUrl.replace(/\/+$/, '').length);
  }
  const encoded = encodeRequest(evaluated, baseUrl);
  let answer;
  try {
    answer = await send(encoded, { fetch: env.fetch, onRequest: env.onRequest, responseType: spec.response?.type,
      timeoutMs: env.requestTimeoutMs ?? LIMITS.requestTimeoutMs });
  } finally {
    if (env.log && answer === undefined) logExchange(env, spec, encoded, null);
  }
  if (env.log) logExchange(env, spec, encoded, answer);
  return { ...ctx, body: answer.body, headers: answer.headers, statusCode: answer.statusCode };
}

function logExchange(env, spec, encoded, answer) {
  const dump = sanitizeDump({
    request: { method: encoded.method, url: encoded.url, headers: encoded.headers, body: typeof encoded.body === 'string' ? encoded.body : undefined },
    response: answer ? { statusCode: answer.statusCode, headers: answer.headers, body: answer.text } : null,
  }, spec.log?.sanitize || []);
  const line = JSON.stringify({ where: env.where, ...dump });
  env.log(env.scrub ? env.scrub(line) : line);
}
