// The local OfficeGuy (SUMIT) sandbox: POST on the real paths, credentials checked from the
// body, every request validated against openapi.json before anything else, SUMIT's envelope
// (HTTP 200 with Status 1 for business errors, message language by Content-Language), enums
// as integers. Every answer is checked against the vendor's response schema too; a drift
// becomes a visible Status 2 rather than a silently wrong answer.
//
//   const sb = await startSandbox({ port: 0, db: ':memory:', retryDelayMs: 50 });
//   sb.url, sb.companyId, sb.apiKey, sb.admin, await sb.close()
import { createServer } from 'node:http';
import { loadOpenApi } from './lib/openapi.mjs';
import { languageOf, ApiError } from './lib/messages.mjs';
import { success, businessError, technicalError } from './lib/envelope.mjs';
import { send, readBody, listen, closeServer, HttpError } from './lib/http.mjs';
import { openDatabase, nextId, dataVersion, setDataVersion, DATA_VERSION } from './store/db.mjs';
import { Crm } from './store/crm.mjs';
import { Triggers } from './triggers/delivery.mjs';
import { Faults } from './faults.mjs';
import { ROUTES, normalizePath } from './router.mjs';
import { createAdmin, handleAdmin } from './admin.mjs';
import { seedCompany, DEMO_COMPANY_ID } from './seed.mjs';
import { documentPage, customerPage } from './pages.mjs';

const REQUEST_LOG_SIZE = 500;
const LOGGED_BODY_LIMIT = 64 * 1024;
const JSON_TYPES = /^(application\/json|text\/json|application\/[\w.+-]*\+json|application\/json-patch\+json)\b/i;

/** What an `after` fault does to an applied call's answer, for the request log. */
const lossOf = (f) => (f.reset || f.httpStatus || f.forbidden || f.technicalError ? 'answer lost' : 'answer late');

/** A deep copy with every APIKey replaced, for logs. */
export function redact(value) {
  if (Array.isArray(value)) return value.map(redact);
  if (!value || typeof value !== 'object') return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) out[k] = /^api(public)?key$/i.test(k) ? '[redacted]' : redact(v);
  return out;
}

/**
 * Starts a sandbox. Options: port (0 = free), host (127.0.0.1), db (':memory:' or a file path),
 * seed (default true: the demo company when the database has none), retryDelayMs (30000),
 * deliveryTimeoutMs (10000), maxFailures (5), deliveryDelayMs (0; SUMIT takes about 75 s),
 * deliveryConcurrency (16: deliveries in flight at once),
 * encoding ('json' | 'form', for new subscriptions), faults (see faults.mjs), log (a function for one line per request, or
 * false), baseUrl (the public URL in links, default the bound one).
 */
export async function startSandbox(options = {}) {
  const {
    port = 0, host = '127.0.0.1', db: dbPath = ':memory:', seed = true, retryDelayMs = 30000,
    deliveryTimeoutMs = 10000, maxFailures = 5, deliveryDelayMs = 0, deliveryConcurrency = 16, encoding = 'json', faults = {}, log = false,
  } = options;
  const api = loadOpenApi();
  const logLine = typeof log === 'function' ? log : log ? (line) => process.stdout.write(`[sandbox] ${line}\n`) : () => {};
  const db = openDatabase(dbPath);
  const sb = { db, baseUrl: '', requestLog: [], faults: new Faults(faults) };
  sb.nextId = (companyId) => nextId(db, companyId);
  sb.triggers = new Triggers(db, null, {
    retryDelayMs, timeoutMs: deliveryTimeoutMs, maxFailures, firstDelayMs: deliveryDelayMs, concurrency: deliveryConcurrency,
    defaultEncoding: encoding, log: logLine,
  });
  sb.crm = new Crm(db, (kind, before, after) => sb.triggers.onChange(kind, before, after));
  sb.triggers.crm = sb.crm;

  /** Runs one handler in one transaction; triggers fire only once it committed. */
  sb.call = (path, companyId, body, lang = 'he') => {
    const company = db.prepare('SELECT * FROM companies WHERE id = ?').get(companyId);
    try {
      const data = db.transaction(() => ROUTES[path]({ path, body, company, lang, sb }))();
      sb.triggers.flush();
      return data;
    } catch (e) {
      sb.triggers.discard();
      sb.crm.forgetListings();
      throw e;
    }
  };
  sb.createCompany = ({ demo = false, companyId, apiKey } = {}) => {
    const id = companyId ?? (db.prepare('SELECT MAX(id) AS m FROM companies').get().m || DEMO_COMPANY_ID) + 1;
    let created;
    try {
      created = db.transaction(() => seedCompany(sb, { companyId: id, demo, ...(apiKey ? { apiKey: String(apiKey) } : {}) }))();
    } catch (e) {
      sb.crm.forgetListings();
      throw e;
    }
    sb.triggers.flush();
    return created;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      logLine(`internal error: ${e.stack || e.message}`);
      send(res, 500, { error: 'internal sandbox error' });
    });
  });
  server.keepAliveTimeout = 2000;

  async function handle(req, res) {
    const url = new URL(req.url, 'http://sandbox.invalid');
    if (req.method === 'OPTIONS') return send(res, 204, undefined);
    if (url.pathname.startsWith('/__admin/')) return handleAdmin(sb.admin, req, res, url);
    const docMatch = url.pathname.match(/^\/__(docs|customers)\/(\d+)\/?$/);
    if (docMatch && req.method === 'GET') return servePage(res, docMatch[1], Number(docMatch[2]));
    if (req.method === 'GET' && url.pathname === '/') {
      return send(res, 200, { service: 'officeguy-make local OfficeGuy (SUMIT) sandbox', docs: 'sandbox/README.md', endpoints: Object.keys(ROUTES) });
    }
    const path = normalizePath(url.pathname);
    if (!api.operation(path)) return send(res, 404, `no such endpoint: ${url.pathname}`);
    if (req.method !== 'POST') return send(res, 405, 'use POST', { Allow: 'POST, OPTIONS' });
    return serveApi(req, res, path);
  }

  async function serveApi(req, res, path) {
    const started = Date.now();
    const lang = languageOf(req.headers['content-language']);
    let text;
    try {
      text = await readBody(req);
    } catch (e) {
      return send(res, e instanceof HttpError ? e.status : 400, e.message);
    }
    const contentType = req.headers['content-type'];
    if (contentType && !JSON_TYPES.test(contentType)) return send(res, 415, `unsupported content type ${contentType}; send application/json`);

    const fault = sb.faults.take(path);
    // a fault `after` the call lets it be applied and spoils only its answer (a lost answer)
    const spoiled = fault?.after ? fault : null;
    const before = fault && !fault.after ? fault : null;
    const finish = (answer, httpStatus = 200, body = null) => {
      const entry = { time: new Date().toISOString(), path, httpStatus, status: answer?.Status ?? null, ms: Date.now() - started, body: text.length <= LOGGED_BODY_LIMIT ? redact(body) : `(${text.length} characters, not kept)` };
      if (spoiled) entry.fault = lossOf(spoiled);
      sb.requestLog.push(entry);
      if (sb.requestLog.length > REQUEST_LOG_SIZE) sb.requestLog.shift();
      logLine(`POST ${path} -> ${httpStatus}${answer ? ` Status ${answer.Status}` : ''} (${entry.ms} ms)${spoiled ? ` [${entry.fault}]` : ''}`);
      if (spoiled) return spoilAnswer(res, spoiled, path, lang, () => send(res, httpStatus, answer === null ? undefined : answer));
      if (answer === null) return send(res, httpStatus, undefined);
      return send(res, httpStatus, answer);
    };
    if (before?.latencyMs) await new Promise((r) => setTimeout(r, before.latencyMs));
    if (before?.reset) return res.socket?.destroy();
    if (before?.forbidden) return finish(null, 403);
    if (before?.httpStatus) return send(res, before.httpStatus, '<html><body>Service Unavailable</body></html>', { 'Content-Type': 'text/html' });
    if (before?.technicalError) return finish(technicalError(path, lang, 'injected fault (sandbox)'));

    let body;
    try {
      body = JSON.parse(text);
    } catch {
      return finish(businessError(path, 'invalid_json', {}, lang));
    }
    const issues = api.validateRequest(path, body);
    if (issues.length) {
      const first = issues[0];
      return finish(businessError(path, 'invalid_field', { field: first.path || '(body)', detail: first.message }, lang), 200, body);
    }
    const company = db.prepare('SELECT * FROM companies WHERE id = ?').get(body.Credentials.CompanyID);
    if (!company || company.api_key !== body.Credentials.APIKey) return finish(businessError(path, 'unauthorized', {}, lang), 200, body);
    if (!ROUTES[path]) return finish(businessError(path, 'not_in_sandbox', { path }, lang), 200, body);

    let answer;
    try {
      answer = success(path, sb.call(path, company.id, body, lang));
    } catch (e) {
      if (!(e instanceof ApiError)) {
        logLine(`${path}: ${e.stack || e.message}`);
        return finish(technicalError(path, lang, `sandbox error: ${e.message}`), 200, body);
      }
      answer = businessError(path, e.key, e.params, lang);
    }
    const drift = api.validateResponse(path, answer);
    if (drift.length) {
      logLine(`${path}: answer does not match openapi.json: ${JSON.stringify(drift)}`);
      answer = technicalError(path, lang, `sandbox answer does not match openapi.json: ${drift.map((d) => `${d.path} ${d.message}`).join('; ')}`);
    }
    return finish(answer, 200, body);
  }

  /**
   * Spoils the answer to a call already applied: after the fault's latency, a reset
   * connection, an HTTP error with an HTML body, an empty 403 or a Status 2; a fault with
   * latency alone lets `answer()` go out late.
   */
  async function spoilAnswer(res, fault, path, lang, answer) {
    if (fault.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (fault.reset) return res.socket?.destroy();
    if (fault.httpStatus) return send(res, fault.httpStatus, '<html><body>Bad Gateway</body></html>', { 'Content-Type': 'text/html' });
    if (fault.forbidden) return send(res, 403, undefined);
    if (fault.technicalError) return send(res, 200, technicalError(path, lang, 'injected fault (sandbox)'));
    return answer();
  }

  function servePage(res, kind, id) {
    const company = db.prepare('SELECT company_id FROM entities WHERE id = ?').get(id);
    let html = null;
    try {
      if (company) html = kind === 'docs' ? documentPage(sb, company.company_id, id) : customerPage(sb, company.company_id, id);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
    if (!html) return send(res, 404, 'not found');
    return send(res, 200, html, { 'Content-Type': 'text/html; charset=utf-8' });
  }

  // the demo company, once per database (a file keeps its data and credentials across restarts)
  let demo = db.prepare('SELECT id, api_key FROM companies ORDER BY id LIMIT 1').get();
  let boundPort;
  try {
    boundPort = await listen(server, port, host);
  } catch (e) {
    db.close();
    throw e;
  }
  sb.baseUrl = options.baseUrl || `http://${host}:${boundPort}`;
  if (!demo && seed) {
    const created = db.transaction(() => {
      setDataVersion(db);
      return seedCompany(sb, { demo: true });
    })();
    sb.triggers.discard();
    demo = { id: created.companyId, api_key: created.apiKey };
  } else if (demo && dataVersion(db) < DATA_VERSION) {
    (options.warn || ((line) => process.stderr.write(`${line}\n`)))(
      `the sandbox database ${dbPath} was made by an older sandbox; delete it to get the current demo data`);
  }
  sb.triggers.resumePending();
  sb.admin = createAdmin(sb);

  let closing = null;
  return {
    url: sb.baseUrl,
    port: boundPort,
    companyId: demo?.id ?? null,
    apiKey: demo?.api_key ?? null,
    admin: sb.admin,
    /** For in-process tests: the store and handlers. */
    internals: sb,
    close() {
      closing ??= (async () => {
        sb.triggers.close();
        await closeServer(server);
        db.close();
      })();
      return closing;
    },
  };
}
