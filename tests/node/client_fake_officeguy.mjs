// A small OfficeGuy stand-in for the client suites: it validates every request body
// against openapi.json (a request that does not match is answered with Status 1 and
// recorded), answers from a few fixed cards, and plays scripted faults per endpoint:
// HTTP statuses (an empty 403, 429, 5xx), Status 2, a dropped connection, a slow answer.
import { createServer } from 'node:http';
import { loadOpenApi } from '../../sandbox/lib/openapi.mjs';

const api = loadOpenApi();

export const COMPANY_ID = 123456;
export const API_KEY = 'fake-key-\u05e1\u05d5\u05d3-7f3a';

/** 25 cards in folder 1001, so that a page size of 10 gives 3 pages. */
export const CARDS = Array.from({ length: 25 }, (_, i) => ({
  ID: 2389918600 + i,
  Folder: '1001',
  Customers_FullName: [`\u05dc\u05e7\u05d5\u05d7 ${i + 1}`],
}));

function envelope(data, status = 0, message = null) {
  return { Status: status, UserErrorMessage: message, TechnicalErrorDetails: null, Data: data };
}

function answer(path, body) {
  switch (path) {
    case '/crm/schema/listfolders/':
      return envelope({ Folders: [{ ID: 1001, Name: '\u05dc\u05e7\u05d5\u05d7\u05d5\u05ea' }, { ID: 1002, Name: '\u05de\u05e1\u05de\u05db\u05d9\u05dd' }] });
    case '/crm/schema/getfolder/':
      return envelope({ Folder: { ID: 1001, Name: '\u05dc\u05e7\u05d5\u05d7\u05d5\u05ea' }, Properties: [] });
    case '/crm/views/listviews/':
      return envelope({ Views: [{ ID: 5001, Name: '\u05d4\u05db\u05dc' }] });
    case '/crm/data/listentities/': {
      const start = body.Paging?.StartIndex ?? 0;
      const size = Math.max(10, body.Paging?.PageSize ?? 10);
      return envelope({ Entities: CARDS.slice(start, start + size), HasNextPage: start + size < CARDS.length });
    }
    case '/crm/data/getentity/': {
      const card = CARDS.find((c) => c.ID === body.EntityID);
      return card ? envelope({ Entity: card }) : envelope(null, 1, '\u05d4\u05db\u05e8\u05d8\u05d9\u05e1 \u05dc\u05d0 \u05e0\u05de\u05e6\u05d0');
    }
    case '/accounting/customers/create/':
      return envelope({ CustomerID: 7001, CustomerHistoryURL: 'https://example.invalid/c/7001' });
    default:
      return envelope({});
  }
}

/**
 * Starts the fake on a free port of 127.0.0.1. `fault(path, ...faults)` queues faults
 * for an endpoint, each one of `{status, body?}`, `{apiStatus, message?}`, `{drop: true}`,
 * `{delayMs}` (then the normal answer).
 */
export async function startFake() {
  const requests = [];
  const faults = new Map();
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { text += chunk; });
    req.on('end', async () => {
      const path = req.url;
      let body = null;
      try { body = JSON.parse(text); } catch { /* recorded as not JSON */ }
      const issues = body === null ? [{ path: '', message: 'not JSON' }] : api.validateRequest(path, body);
      requests.push({ path, body, issues, headers: req.headers });
      const fault = faults.get(path)?.shift();
      if (fault?.drop) return req.socket.destroy();
      if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (res.destroyed) return;
      if (fault?.status) {
        res.writeHead(fault.status, fault.retryAfter ? { 'Retry-After': String(fault.retryAfter) } : {});
        return res.end(fault.body ?? '');
      }
      const reply = issues.length
        ? envelope(null, 1, `the request does not match openapi.json: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`)
        : fault?.apiStatus ? envelope(null, fault.apiStatus, fault.message ?? 'error')
          : answer(path, body);
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(reply));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    requests,
    to: (path) => requests.filter((r) => r.path === path),
    fault: (path, ...list) => faults.set(path, [...(faults.get(path) || []), ...list]),
    reset: () => { requests.length = 0; faults.clear(); },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/** Checks that every answer the fake gives matches openapi.json too. */
export function validateAnswer(path, reply) {
  return api.validateResponse(path, reply);
}
export { answer as fakeAnswer };
