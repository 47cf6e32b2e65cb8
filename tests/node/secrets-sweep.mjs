// Shared by the secrets suites (tests/node/secrets.test.mjs, tests/browser/secrets.test.mjs):
// a recognisable API key, every form in which it could leak, a sweep over named texts, and
// a recording proxy in front of the sandbox that keeps the bodies actually sent to the API
// (the one place the key belongs) apart from everything else.
import http from 'node:http';
import { inspect } from 'node:util';

/** Recognisable, and with characters that URL encoding and JSON escaping would change. */
export const SECRET = 'SECRET-KEY-7f3a9c2e4b5d1e8f+Zq/w=';
/** A run of the key's middle: a mask that shows part of the key still leaks this. */
const CORE = '7f3a9c2e4b5d1e8f';

/** Every text form of the key that a leak could take: raw, URL-encoded, base64 and
 *  base64url at the three byte alignments, hex, and the distinctive middle. */
export function secretForms(secret = SECRET) {
  const forms = new Map([['raw', secret], ['core', CORE], ['url-encoded', encodeURIComponent(secret)], ['hex', Buffer.from(secret).toString('hex')]]);
  const bytes = Buffer.from(secret);
  for (let a = 0; a < 3; a++) {
    const b64 = Buffer.concat([Buffer.alloc(a), bytes]).toString('base64');
    // only the groups made of the key's bytes alone: the same whatever surrounds it
    const start = Math.ceil(a / 3) * 4;
    const end = Math.floor((a + bytes.length) / 3) * 4;
    const stable = b64.slice(start, end);
    forms.set(`base64@${a}`, stable);
    forms.set(`base64url@${a}`, stable.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

/** Everything an error shows: fields, String, stack, JSON and util.inspect. */
export function errorTexts(e) {
  return [
    String(e), e?.stack ?? '', safeJson(e), inspect(e, { depth: 10, showHidden: true }),
    safeJson({ code: e?.code, message: e?.message, issues: e?.issues, status: e?.status, userMessage: e?.userMessage, httpStatus: e?.httpStatus, path: e?.path, body: e?.body, cause: String(e?.cause ?? '') }),
  ].join('\n');
}

export function safeJson(v) {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x)) ?? '';
  } catch (e) {
    return `(not JSON: ${e.message})`;
  }
}

/**
 * A sweep: `add(name, text)` collects what a user, a log or a file could see; `leaks()`
 * lists every `name: form` where a form of the key appears, with a masked excerpt.
 */
export function createSweep(secret = SECRET) {
  const items = [];
  const forms = secretForms(secret);
  return {
    items,
    add(name, value) {
      items.push({ name, text: typeof value === 'string' ? value : safeJson(value) });
    },
    addError(name, e) {
      items.push({ name, text: errorTexts(e) });
    },
    leaks() {
      const found = [];
      for (const { name, text } of items) {
        for (const [form, needle] of forms) {
          const at = text.indexOf(needle);
          if (at >= 0) found.push(`${name}: the key (${form}) in …${text.slice(Math.max(0, at - 60), at).replace(/\s+/g, ' ')}[KEY]…`);
        }
      }
      return found;
    },
  };
}

/** True when any form of the key is in `text`. */
export function hasSecret(text, secret = SECRET) {
  return [...secretForms(secret).values()].some((f) => text.includes(f));
}

/**
 * A proxy on 127.0.0.1 in front of `target` (the sandbox): `sent` keeps each request
 * `{method, url, headers, body}` exactly as the client sent it (the API bodies, excluded
 * from the sweep); `answers` keeps what came back (swept). CORS passes through.
 */
export async function startRecordingProxy(target) {
  const sent = [];
  const answers = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      sent.push({ method: req.method, url: req.url, headers: { ...req.headers }, body: body.toString('utf8') });
      const headers = { ...req.headers, host: new URL(target).host };
      const up = http.request(new URL(req.url, target), { method: req.method, headers }, (r) => {
        const back = [];
        r.on('data', (c) => back.push(c));
        r.on('end', () => {
          const text = Buffer.concat(back);
          answers.push({ url: req.url, status: r.statusCode, headers: r.headers, body: text.toString('utf8') });
          res.writeHead(r.statusCode, r.headers).end(text);
        });
      });
      up.on('error', () => res.destroy());
      up.end(body);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  server.unref();
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    sent,
    answers,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
