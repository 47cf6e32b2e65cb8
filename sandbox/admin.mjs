// The admin side of the sandbox, for tests and integrators: fault injection, trigger
// subscriptions and deliveries, the outbox of e-mails and SMS, mailing-list members, the
// request log, and extra companies. The same operations are methods of `sandbox.admin` and
// HTTP calls under /__admin/ (documented in sandbox/README.md). Admin calls take no
// credentials: the sandbox listens on 127.0.0.1 only.
import { send, readBody } from './lib/http.mjs';

export function createAdmin(sb) {
  const admin = {
    faults: {
      get: () => sb.faults.get(),
      set: (options) => sb.faults.set(options),
      clear: () => sb.faults.clear(),
      /** {hits: [calls struck, per rule], total}. */
      stats: () => sb.faults.stats(),
    },
    subscriptions: (selector = {}) => sb.triggers.findSubscriptions(selector).map((s) => ({
      id: s.id, companyId: s.company_id, url: s.url, folderId: s.folder_id, viewId: s.view_id,
      triggerType: s.trigger_type, encoding: s.encoding, failures: s.failures, paused: !!s.paused,
    })),
    setEncoding: (selector, encoding) => sb.triggers.setEncoding(selector, encoding),
    resume: (selector) => sb.triggers.resume(selector),
    deliveries: (filter = {}) => sb.triggers.deliveries(filter),
    /** Deliveries by state plus attempts, failed attempts, pauses, in flight, waiting; no payloads. */
    deliveryCounts: () => sb.triggers.counts(),
    /** This process's memory, in bytes: {rss, maxRss, heapUsed, external}, for soak runs. */
    processStats: () => {
      const m = process.memoryUsage();
      return { rss: m.rss, maxRss: process.resourceUsage().maxRSS * 1024, heapUsed: m.heapUsed, external: m.external };
    },
    redeliver: (id) => sb.triggers.redeliver(id),
    /** Resolves when `predicate(admin)` holds after a delivery attempt, or rejects after timeoutMs. */
    waitFor: (predicate, timeoutMs = 5000) => sb.triggers.waitFor(() => predicate(admin), timeoutMs),
    emails: () => sb.db.prepare('SELECT * FROM outbox_emails ORDER BY id').all().map((e) => ({
      id: e.id, companyId: e.company_id, to: e.to_address, documentId: e.document_id, original: !!e.original,
      paymentRequest: !!e.payment_request, language: e.language, personalMessage: e.personal_message, createdAt: e.created_at,
    })),
    sms: () => sb.db.prepare('SELECT * FROM sms_messages ORDER BY id').all().map((m) => ({
      id: m.id, companyId: m.company_id, sender: m.sender, recipients: JSON.parse(m.recipients), text: m.text,
      draft: !!m.draft, schedule: m.schedule, segments: m.segments, createdAt: m.created_at,
    })),
    mailingListMembers: (listId) => sb.db.prepare('SELECT address, name, added_at FROM mailing_list_members WHERE list_id = ? ORDER BY added_at, address')
      .all(Number(listId)).map((m) => ({ address: m.address, name: m.name, addedAt: m.added_at })),
    requests: () => sb.requestLog.slice(),
    /**
     * A new view (SUMIT has no API for views): `filters` in listentities form, `columns` the
     * APINames a delivery carries (default: every property). Returns {id}.
     */
    createView: ({ companyId, folder, name, filters = [], columns } = {}) => {
      const company = companyId ?? sb.db.prepare('SELECT id FROM companies ORDER BY id LIMIT 1').get()?.id;
      const f = sb.crm.findFolder(company, folder);
      if (!f) throw new Error(`no folder ${folder} in company ${company}`);
      if (!name) throw new Error('a view needs a name');
      try {
        sb.crm.predicate(f, filters);
      } catch (e) {
        throw new Error(`invalid filters: ${e.message}`);
      }
      const all = sb.crm.properties(f.id).map((p) => p.api_name);
      const cols = (columns || all).map((c) => sb.crm.findProperty(f, c)?.api_name ?? c);
      const unknown = cols.filter((c) => !all.includes(c));
      if (unknown.length) throw new Error(`unknown columns: ${unknown.join(', ')}`);
      return { id: sb.crm.createView(company, f.id, { name, filters, columns: cols }) };
    },
    /** A further company (empty schema of the demo: folders, views, lists; no cards) for isolation tests. */
    createCompany: (options = {}) => sb.createCompany(options),
  };
  return admin;
}

const ROUTES = {
  'GET /__admin/faults': (a) => a.faults.get(),
  'POST /__admin/faults': (a, body) => a.faults.set(body || {}),
  'DELETE /__admin/faults': (a) => a.faults.clear(),
  'GET /__admin/faults/stats': (a) => a.faults.stats(),
  'GET /__admin/subscriptions': (a, _b, q) => a.subscriptions({ url: q.get('url') || undefined, id: q.get('id') ?? undefined }),
  'POST /__admin/subscriptions/encoding': (a, b) => ({ updated: a.setEncoding(selector(b), b?.Encoding ?? b?.encoding) }),
  'POST /__admin/subscriptions/resume': (a, b) => ({ resumed: a.resume(selector(b)) }),
  'GET /__admin/deliveries': (a, _b, q) => a.deliveries({
    subscriptionId: q.get('subscription') ?? undefined, state: q.get('state') || undefined, url: q.get('url') || undefined,
  }),
  'GET /__admin/deliveries/counts': (a) => a.deliveryCounts(),
  'GET /__admin/process': (a) => a.processStats(),
  'POST /__admin/deliveries/redeliver': (a, b) => ({ redelivered: a.redeliver(b?.ID ?? b?.id) }),
  'GET /__admin/emails': (a) => a.emails(),
  'GET /__admin/sms': (a) => a.sms(),
  'GET /__admin/requests': (a) => a.requests(),
  'POST /__admin/companies': (a, b) => a.createCompany({ demo: !!b?.demo, apiKey: b?.APIKey ?? b?.apiKey }),
  'POST /__admin/views': (a, b) => a.createView(b || {}),
};

function selector(body) {
  const id = body?.ID ?? body?.id;
  const url = body?.URL ?? body?.url;
  if (id === undefined && !url) throw new Error('give the subscription ID or URL');
  return id !== undefined ? { id } : { url };
}

export async function handleAdmin(admin, req, res, url) {
  const members = url.pathname.match(/^\/__admin\/mailinglists\/(\d+)\/members\/?$/);
  const key = `${req.method} ${url.pathname.replace(/\/$/, '')}`;
  const route = members && req.method === 'GET' ? () => admin.mailingListMembers(members[1]) : ROUTES[key];
  if (!route) return send(res, 404, { error: `no admin call ${key}; see sandbox/README.md` });
  try {
    const text = req.method === 'POST' ? await readBody(req) : '';
    const body = text ? JSON.parse(text) : null;
    return send(res, 200, route(admin, body, url.searchParams) ?? null);
  } catch (e) {
    return send(res, 400, { error: e.message });
  }
}
