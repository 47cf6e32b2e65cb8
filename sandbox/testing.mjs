// A small client for tests (ours and other engineers'): calls the sandbox over HTTP the way
// a SUMIT client does and checks every answer against openapi.json, so a test can never pass
// on an answer the real service could not give.
import { loadOpenApi } from './lib/openapi.mjs';
import { normalizePath } from './router.mjs';

export function sandboxClient(sb, { companyId = sb.companyId, apiKey = sb.apiKey } = {}) {
  const api = loadOpenApi();
  return {
    /** POSTs `body` plus Credentials; resolves with the envelope. `raw` skips the Credentials. */
    async call(path, body = {}, { lang, raw = false, credentials } = {}) {
      const payload = raw ? body : { Credentials: credentials ?? { CompanyID: companyId, APIKey: apiKey }, ...body };
      const res = await fetch(`${sb.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(lang ? { 'Content-Language': lang } : {}) },
        body: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
      const answer = await res.json();
      const drift = api.validateResponse(normalizePath(path), answer);
      if (drift.length) throw new Error(`${path}: answer does not match openapi.json: ${JSON.stringify(drift)}`);
      return answer;
    },
    /** Like call, but resolves with Data and throws on Status other than 0. */
    async data(path, body = {}, options = {}) {
      const answer = await this.call(path, body, options);
      if (answer.Status !== 0) throw new Error(`${path}: Status ${answer.Status}: ${answer.UserErrorMessage}`);
      return answer.Data;
    },
  };
}

/** A local webhook receiver that records every request; `respond(req, n)` picks the answer. */
export async function startReceiver(respond = () => 200) {
  const { createServer } = await import('node:http');
  const received = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const entry = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(entry);
      const status = await respond(entry, received.length);
      if (status === 'hang') return;
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    received,
    close: () => new Promise((r) => {
      server.close(() => r());
      server.closeAllConnections();
    }),
  };
}
