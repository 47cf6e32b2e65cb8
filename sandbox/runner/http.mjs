// Turns one evaluated request spec into an HTTP call and the answer into {statusCode,
// headers, body}: URL joining against baseUrl, the query string, body encoding by `type`, and
// response parsing by `response.type` (which may differ per status code).
import { MakeError } from './errors.mjs';

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** JSON text; a BigInt (the engine's exact integers beyond 2^53) is written as its digits. */
export function jsonText(value) {
  let big = false;
  const text = JSON.stringify(value, (_k, v) => {
    if (typeof v !== 'bigint') return v;
    big = true;
    return `\u0000big:${v}`;
  });
  return big ? text.replace(/"\\u0000big:(-?\d+)"/g, '$1') : text;
}

export function joinUrl(baseUrl, url) {
  if (url === undefined || url === null || url === '') return baseUrl || '';
  const text = String(url);
  if (ABSOLUTE.test(text) || !baseUrl) return text;
  return `${String(baseUrl).replace(/\/+$/, '')}/${text.replace(/^\/+/, '')}`;
}

function appendQuery(url, qs) {
  if (!qs || typeof qs !== 'object') return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(qs)) {
    if (v === undefined || v === null) continue;
    for (const item of Array.isArray(v) ? v : [v]) {
      params.append(k, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
  }
  const text = params.toString();
  if (!text) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${text}`;
}

function flatForm(body) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(body || {})) {
    if (v === undefined || v === null) continue;
    params.append(k, typeof v === 'object' ? jsonText(v) : String(v));
  }
  return params.toString();
}

function lowerKeys(headers) {
  const out = {};
  for (const [k, v] of Object.entries(headers || {})) {
    if (v !== undefined && v !== null) out[k.toLowerCase()] = String(v);
  }
  return out;
}

/** {method, url, headers, body: text|FormData|undefined} ready for fetch. */
export function encodeRequest(spec, baseUrl) {
  const method = String(spec.method || 'GET').toUpperCase();
  const url = appendQuery(joinUrl(baseUrl, spec.url), spec.qs);
  if (!ABSOLUTE.test(url)) {
    throw new MakeError('InvalidConfigurationError', 'bad_url', `the request URL ${JSON.stringify(url)} is not absolute (no baseUrl?)`);
  }
  const headers = lowerKeys(spec.headers);
  const type = spec.type || 'json';
  let body;
  if (spec.body !== undefined && method !== 'GET' && method !== 'HEAD') {
    if (type === 'json') {
      body = jsonText(spec.body);
      headers['content-type'] ??= 'application/json';
    } else if (type === 'urlencoded') {
      body = typeof spec.body === 'string' ? spec.body : flatForm(spec.body);
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    } else if (type === 'multipart/form-data') {
      body = new FormData();
      for (const [k, v] of Object.entries(spec.body || {})) {
        if (v !== undefined && v !== null) body.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
      }
    } else {
      body = typeof spec.body === 'string' ? spec.body : jsonText(spec.body);
      headers['content-type'] ??= 'text/plain';
    }
  }
  return { method, url, headers, body };
}

function parseAs(type, text, contentType) {
  if (type === 'automatic' || !type) {
    if (/json/i.test(contentType)) type = 'json';
    else if (/x-www-form-urlencoded/i.test(contentType)) type = 'urlencoded';
    else return text;
  }
  if (type === 'json') {
    if (text.trim() === '') return undefined;
    try { return JSON.parse(text); } catch {
      throw new MakeError('DataError', 'invalid_response', `the response is not valid JSON: ${text.slice(0, 200)}`);
    }
  }
  if (type === 'urlencoded') return Object.fromEntries(new URLSearchParams(text));
  return text; // text, string, raw, binary, xml: handed over as text
}

/** The response `type` for a status: a string, or a map of "200" / "400-499" / "*" keys. */
export function responseTypeFor(typeSpec, status) {
  if (!typeSpec || typeof typeSpec === 'string') return typeSpec || 'automatic';
  if (typeSpec[String(status)]) return typeSpec[String(status)];
  for (const [key, value] of Object.entries(typeSpec)) {
    const range = /^(\d{3})-(\d{3})$/.exec(key);
    if (range && status >= Number(range[1]) && status <= Number(range[2])) return value;
  }
  return typeSpec['*'] || 'automatic';
}

/**
 * Sends it. `onRequest` sees what goes on the wire ({method, url, headers, body text}); the
 * body text is the only place the API key may be, since that is what the API needs.
 */
export async function send(encoded, { fetch: doFetch = globalThis.fetch, onRequest, timeoutMs = 40000, responseType } = {}) {
  if (onRequest) {
    onRequest({ method: encoded.method, url: encoded.url, headers: { ...encoded.headers },
      body: typeof encoded.body === 'string' ? encoded.body : encoded.body === undefined ? undefined : '[multipart]' });
  }
  let res;
  try {
    res = await doFetch(encoded.url, {
      method: encoded.method, headers: encoded.headers, body: encoded.body,
      signal: AbortSignal.timeout(timeoutMs), redirect: 'follow',
    });
  } catch (e) {
    const timedOut = e?.name === 'TimeoutError' || e?.name === 'AbortError';
    throw new MakeError('ConnectionError', timedOut ? 'timeout' : 'connection_failed',
      `${encoded.method} ${new URL(encoded.url).origin}${new URL(encoded.url).pathname}: ${timedOut ? `no answer within ${timeoutMs} ms` : e?.cause?.message || e.message}`);
  }
  const text = await res.text();
  const headers = Object.fromEntries([...res.headers.entries()]);
  const type = responseTypeFor(responseType, res.status);
  return { statusCode: res.status, headers, text, body: parseAs(type, text, headers['content-type'] || '') };
}
