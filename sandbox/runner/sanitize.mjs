// Keeps secrets out of what the runner shows: request dumps for logs get the app's own
// `log.sanitize` paths blanked (as Make does in its execution log), and every message the
// runner writes or throws has the connection's secret values replaced, wherever they ended up
// (an error body that echoes the request, an IML error quoting a value, ...).

const OMITTED = '[omitted]';
const SECRET_NAME = /key|secret|token|password|passwd|auth/i;

/** Secret strings of a connection: password-type parameters and secret-looking names. */
export function connectionSecrets(connectionValues = {}, paramSpecs = []) {
  const types = new Map((Array.isArray(paramSpecs) ? paramSpecs : []).filter((p) => p && p.name).map((p) => [p.name, p.type]));
  const secrets = [];
  for (const [name, value] of Object.entries(connectionValues || {})) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    if (types.get(name) === 'password' || SECRET_NAME.test(name)) {
      const text = String(value);
      if (text.length >= 4) secrets.push(text);
    }
  }
  return secrets;
}

export function createScrubber(secrets) {
  const list = [...new Set(secrets.filter((s) => typeof s === 'string' && s.length >= 4))]
    .sort((a, b) => b.length - a.length);
  const scrub = (text) => {
    let out = String(text);
    for (const s of list) out = out.split(s).join('***');
    // JSON-escaped forms of the secret (quotes or backslashes in it) are covered too
    for (const s of list) {
      const escaped = JSON.stringify(s).slice(1, -1);
      if (escaped !== s) out = out.split(escaped).join('***');
    }
    return out;
  };
  scrub.add = (s) => {
    if (typeof s === 'string' && s.length >= 4 && !list.includes(s)) {
      list.push(s);
      list.sort((a, b) => b.length - a.length);
    }
  };
  scrub.error = (err) => {
    if (err && typeof err.message === 'string') {
      err.message = scrub(err.message);
      if (typeof err.stack === 'string') err.stack = scrub(err.stack);
      if (err.body !== undefined) err.body = JSON.parse(scrub(JSON.stringify(err.body)));
      if (err.cause && err.cause !== err && typeof err.cause === 'object') scrub.error(err.cause);
    }
    return err;
  };
  return scrub;
}

function blank(target, parts) {
  if (!target || typeof target !== 'object') return;
  const [head, ...rest] = parts;
  const key = Object.keys(target).find((k) => k === head || k.toLowerCase() === head.toLowerCase());
  if (key === undefined) return;
  if (rest.length === 0) target[key] = OMITTED;
  else blank(target[key], rest);
}

/**
 * A copy of `{request, response}` with the `log.sanitize` paths (e.g.
 * "request.headers.authorization", "request.body.Credentials.APIKey") blanked. A JSON body text
 * is parsed first so that paths into it work, and written back.
 */
export function sanitizeDump(dump, paths = []) {
  const copy = JSON.parse(JSON.stringify(dump));
  for (const side of ['request', 'response']) {
    const part = copy[side];
    if (part && typeof part.body === 'string') {
      try { part.body = JSON.parse(part.body); } catch { /* not JSON: leave as text */ }
    }
  }
  for (const path of paths) {
    if (typeof path === 'string') blank(copy, path.split('.'));
  }
  return copy;
}
