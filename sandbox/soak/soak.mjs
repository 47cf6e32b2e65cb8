// The soak (issue 7, "Load and faults, end to end"): the OfficeGuy sandbox, in a process of
// its own, delivers card events through its own trigger delivery to the runner's webhook for
// the generated app's "Watch cards" trigger, and a scenario makes one invoice-receipt per
// event. Faults are injected on both legs, and afterwards every event must have exactly one
// document: none lost, none doubled.
//
// How a document is made exactly once (OfficeGuy has no idempotency key, NOTES.md §7):
// - Repeated deliveries (the sandbox's retries after a late or failed answer, and deliberate
//   redeliveries) are dropped at the trigger: the hook runs the core's TriggerMatcher, which
//   knows an event by its card and content.
// - The scenario puts a key derived from the event (card id + md5 of the card's delivered
//   columns) in the document's Description, and searches for it before creating: module 2
//   lists documents whose Description is the key, a filter lets module 3 (createDocument)
//   run only when there is none. A create whose answer was lost (the sandbox applied it, then
//   answered 5xx or dropped the connection) is never retried on its own: the whole flow is
//   run again from the search, which then finds the document and skips the create.
// - Runs of one card are serialised (one lane per card), so two runs never race between
//   the search and the create of the same event. Injected delays stay below the runner's
//   request timeout, so that no abandoned create is still in flight when the flow is re-run.
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../faults.mjs';
import { loadApp, createRunner } from '../runner/index.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const CREATE = '/accounting/documents/create/';
const LIST = '/crm/data/listentities/';

/** Faults on the action leg (the sandbox's API), per call, as sandbox fault rules. */
export const ACTION_FAULTS = [
  { paths: [CREATE], probability: 0.03, httpStatus: 503 }, // refused before applying
  { paths: [CREATE], probability: 0.03, after: true, httpStatus: 502 }, // applied, answer lost
  { paths: [CREATE], probability: 0.02, after: true, reset: true }, // applied, connection reset
  { paths: [CREATE], probability: 0.02, technicalError: true }, // Status 2, not applied
  { paths: [CREATE, LIST], probability: 0.05, latencyMs: 150 }, // slow
  { paths: [LIST], probability: 0.02, httpStatus: 500 },
];

/** Faults on the delivery leg (the runner's webhook), per delivery. */
export const WEBHOOK_FAULTS = [
  { probability: 0.03, httpStatus: 503 }, // refused before taking it: the retry is the only copy
  { probability: 0.01, reset: true }, // dropped before taking it
  { probability: 0.03, after: true, httpStatus: 500 }, // taken, then a 500: the retry is a duplicate
  { probability: 0.02, after: true, reset: true }, // taken, then reset: a duplicate
  { probability: 0.01, after: true, latencyMs: 700 }, // taken, answered after the sender gave up
];

const KEY = '{{1.entityId}}-{{md5(toString(1.properties))}}';
const KEY_SHAPE = /^\d+-[0-9a-f]{32}$/;

/**
 * The scenario after the trigger: search by the event's key, create only when none.
 * `checkFirst: false` drops the filter (create whatever the search found): the blind retry
 * this design exists to prevent, kept so that a test can show the check catches doubles.
 */
export function scenarioActions(documentsFolderId, { checkFirst = true } = {}) {
  return [
    {
      id: 2,
      module: 'apiCall',
      mapper: {
        path: LIST,
        body: { Folder: String(documentsFolderId), Filters: [{ Property: 'Accounting_Description', Value: KEY }], Paging: { StartIndex: 0, PageSize: 10 } },
      },
    },
    {
      id: 3,
      module: 'createDocument',
      ...(checkFirst ? { filter: { name: 'No document for this event yet', conditions: [[{ a: '{{length(2.Entities)}}', o: 'number:equal', b: '0' }]] } } : {}),
      mapper: {
        type: 'InvoiceAndReceipt',
        customer: { id: '{{1.entityId}}' },
        description: KEY,
        items: [{ name: 'מנוי חודשי', unitPrice: '100', quantity: 1 }],
        payments: [{ amount: '100', method: 'cash' }],
        vatIncluded: true,
      },
    },
  ];
}

/** The key the scenario computes, computed here independently (Node's md5 over the delivered columns). */
export const eventKey = (payload) => `${payload.EntityID}-${createHash('md5').update(JSON.stringify(payload.Properties)).digest('hex')}`;

/** Errors worth running the flow again for: no answer, 5xx, 403 (rate), Status 2. Never a business error. */
export function retryable(e) {
  if (e?.name === 'ConnectionError' || e?.name === 'RateLimitError') return true;
  return e?.name === 'RuntimeError' && (e.statusCode >= 500 || e.body?.Status === 2);
}

function pickFault(rules, random) {
  return () => {
    for (const { probability, ...fault } of rules) if (random() < probability) return fault;
    return null;
  };
}

async function startSandboxProcess(options, execArgv = []) {
  const child = fork(here('./child.mjs'), [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`the sandbox process exited (${code}) before it was ready`)));
    child.once('error', reject);
  });
  const stopped = new Promise((r) => child.once('exit', r));
  return {
    ...ready,
    pid: child.pid,
    async stop() {
      if (child.exitCode === null && child.connected) child.disconnect();
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await stopped;
      clearTimeout(t);
    },
  };
}

/**
 * Runs the soak; resolves with the report (see the end of this function). Options: events
 * (10,000), updatesPerCard (3: each card makes 1 + 3 events), seed, workers (scenario runs at
 * once), writers (cards being changed at once), duplicateRate (deliberate redeliveries per
 * event), actionFaults, webhookFaults, deliveryConcurrency, timeoutMs, sandboxExecArgv (node
 * flags for the sandbox process, e.g. to profile it), checkFirst (false: no search before the
 * create, to show what that costs), log(line).
 */
export async function runSoak(options = {}) {
  const {
    events = 10000, updatesPerCard = 3, seed = 7, workers = 8, writers = 4, duplicateRate = 0.03,
    actionFaults = ACTION_FAULTS, webhookFaults = WEBHOOK_FAULTS, deliveryConcurrency = 16,
    timeoutMs = 15 * 60 * 1000, sandboxExecArgv = [], checkFirst = true, log = () => {},
  } = options;
  if (!(Number.isInteger(events) && events >= 1)) throw new TypeError('runSoak: events must be a positive whole number');
  const random = seededRandom(seed);
  const sb = await startSandboxProcess({
    db: ':memory:', retryDelayMs: 25, deliveryTimeoutMs: 400, deliveryConcurrency, maxFailures: 5,
  }, sandboxExecArgv);
  const admin = async (method, path, body) => {
    const res = await fetch(`${sb.url}/__admin/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    const answer = await res.json();
    if (!res.ok) throw new Error(`admin ${method} ${path}: ${answer.error}`);
    return answer;
  };
  const api = async (path, body) => {
    const res = await fetch(`${sb.url}${path}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ Credentials: { CompanyID: sb.companyId, APIKey: sb.apiKey }, ...body }),
    });
    const answer = await res.json();
    if (answer.Status !== 0) throw new Error(`${path}: Status ${answer.Status}: ${answer.UserErrorMessage}`);
    return answer.Data;
  };

  const runner = createRunner({
    app: loadApp(here('../../make-app/en/')), connection: { companyId: sb.companyId, apiKey: sb.apiKey }, baseUrl: sb.url,
    timezone: 'Asia/Jerusalem', requestTimeoutMs: 3000,
  });
  const report = { events, cards: 0 };
  try {
    const folders = (await api('/crm/schema/listfolders/', {})).Folders;
    const customers = folders.find((f) => f.Name === 'לקוחות');
    const documents = folders.find((f) => f.Name === 'מסמכים');
    const segment = `soak-${seed}`;
    const view = await admin('POST', 'views', {
      folder: customers.ID, name: 'soak', filters: [{ Property: 'Customers_Segment', Value: segment }],
      columns: ['Customers_FullName', 'Customers_EmailAddress', 'Customers_Address', 'Customers_Segment'],
    });
    const hook = await runner.attachWebhook('watchCards', { folder: customers.ID, view: view.id, type: 'createOrUpdate' },
      { dedupe: true, fault: pickFault(webhookFaults, random) });
    await admin('POST', 'faults', actionFaults.map((f) => ({ ...f })));
    const actions = scenarioActions(documents.ID, { checkFirst });

    // --- the events: each card is created, then updated `updatesPerCard` times (a new address each time)
    const cards = Math.ceil(events / (1 + updatesPerCard));
    report.cards = cards;
    const plan = Array.from({ length: cards }, (_, i) => Math.min(updatesPerCard, events - i * (1 + updatesPerCard) - 1));
    let generated = 0;
    let redelivered = 0;
    let nextCard = 0;
    const writer = async () => {
      while (nextCard < cards) {
        const i = nextCard++;
        const name = `לקוח סוק ${i + 1}`;
        const props = (rev) => ({ Customers_FullName: name, Customers_EmailAddress: `soak${i + 1}@example.co.il`, Customers_Address: `רחוב הבדיקה ${rev}`, Customers_Segment: segment });
        const { EntityID } = await api('/crm/data/createentity/', { Entity: { Folder: String(customers.ID), Properties: props(0) } });
        generated++;
        for (let rev = 1; rev <= plan[i]; rev++) {
          await api('/crm/data/updateentity/', { Entity: { ID: EntityID, Folder: String(customers.ID), Properties: props(rev) } });
          generated++;
        }
        // deliberate duplicates: an earlier event's delivery is sent again, whatever its state
        if (random() < duplicateRate * (1 + plan[i])) {
          await admin('POST', 'deliveries/redeliver', { ID: 1 + Math.floor(random() * generated) });
          redelivered++;
        }
      }
    };

    // --- the scenario runs: a pool of workers, one lane per card
    const outcome = { created: 0, alreadyThere: 0, retries: 0, retriedFor: {}, failed: [] };
    const lanes = new Map();
    let running = 0;
    const slotFreed = [];
    const runOne = async (bundle) => {
      for (let attempt = 1; ; attempt++) {
        try {
          const { runs } = await runner.runScenario({ trigger: { bundles: [bundle] }, actions });
          if (runs[0].outputs['3']) outcome.created++;
          else outcome.alreadyThere++;
          return;
        } catch (e) {
          if (!retryable(e) || attempt >= 12) {
            outcome.failed.push({ entityId: bundle.entityId, error: `${e.name} ${e.code}: ${e.message}` });
            return;
          }
          outcome.retries++;
          const why = e.name === 'RuntimeError' ? `${e.name} ${e.body?.Status === 2 ? 'Status 2' : e.statusCode}` : `${e.name} ${e.code}`;
          outcome.retriedFor[why] = (outcome.retriedFor[why] ?? 0) + 1;
          await sleep(Math.min(200, 10 * 2 ** attempt));
        }
      }
    };
    // the runner's heap after a full GC at each quarter of the events (with --expose-gc): a
    // leak shows as growth; the sandbox's store grows by design, so it is not sampled so
    const heapAfterGc = [];
    const settledRuns = () => outcome.created + outcome.alreadyThere + outcome.failed.length;
    const heapCheck = () => {
      if (typeof globalThis.gc !== 'function' || settledRuns() < ((heapAfterGc.length + 1) * events) / 4) return;
      globalThis.gc();
      heapAfterGc.push(process.memoryUsage().heapUsed);
    };
    const dispatch = (bundle) => {
      running++;
      const key = String(bundle.entityId);
      const tail = (lanes.get(key) ?? Promise.resolve()).then(() => runOne(bundle)).finally(() => {
        running--;
        if (lanes.get(key) === tail) lanes.delete(key);
        slotFreed.shift()?.();
      });
      lanes.set(key, tail);
    };

    // --- watch: resume a paused trigger (five failures in a row pause it, as at SUMIT), sample memory
    const memory = { runnerPeakRss: 0, sandboxPeakRss: 0 };
    let pausesResumed = 0;
    let counts = await admin('GET', 'deliveries/counts');
    let paused = false;
    const sample = async () => {
      counts = await admin('GET', 'deliveries/counts');
      // as a user does: resume the trigger once it shows as paused (not merely when something is held)
      [{ paused }] = await admin('GET', `subscriptions?url=${encodeURIComponent(hook.url)}`);
      if (paused) {
        await admin('POST', 'subscriptions/resume', { URL: hook.url });
        pausesResumed++;
      }
      memory.runnerPeakRss = Math.max(memory.runnerPeakRss, process.memoryUsage().rss);
      memory.sandboxPeakRss = Math.max(memory.sandboxPeakRss, (await admin('GET', 'process')).rss);
    };

    const started = performance.now();
    const deadline = Date.now() + timeoutMs;
    let writing = true;
    let writeError = null;
    const writing$ = Promise.all(Array.from({ length: writers }, writer))
      .catch((e) => { writeError = e; })
      .finally(() => { writing = false; });
    let lastSample = 0;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`the soak did not finish within ${timeoutMs} ms (${generated} events made)`);
      if (writeError) throw new Error(`making the events failed: ${writeError.message}`);
      if (performance.now() - lastSample > 200) {
        await sample();
        heapCheck();
        lastSample = performance.now();
      }
      if (running >= workers) {
        await new Promise((r) => slotFreed.push(r));
        continue;
      }
      let bundle = null;
      try {
        bundle = await hook.next({ timeoutMs: 100 });
      } catch (e) {
        if (e.code !== 'no_delivery') outcome.failed.push({ entityId: null, error: `webhook: ${e.message}` });
      }
      if (bundle) {
        dispatch(bundle);
        continue;
      }
      if (!writing && running === 0) {
        await sample();
        const quiet = counts.pending === 0 && counts.inFlight === 0 && counts.waiting === 0;
        if (quiet && counts.held > 0 && !paused) throw new Error(`${counts.held} deliveries are held behind a trigger that is not paused: they would never be sent`);
        if (quiet && counts.held === 0 && counts.total >= events) break;
      }
    }
    await writing$;
    const seconds = (performance.now() - started) / 1000;

    // --- the check: the sandbox's own records, independent of what the runner counted
    const faultStats = await admin('GET', 'faults/stats');
    await admin('DELETE', 'faults');
    const deliveries = await admin('GET', `deliveries?url=${encodeURIComponent(hook.url)}`);
    const expected = new Map(); // key → card id, one per event the sandbox emitted
    for (const d of deliveries) expected.set(eventKey(d.payload), d.payload.EntityID);
    const made = new Map(); // Description → documents with it
    for (let start = 0; ; start += 1000) {
      const page = await api(LIST, { Folder: String(documents.ID), LoadProperties: true, Paging: { StartIndex: start, PageSize: 1000 } });
      for (const doc of page.Entities) {
        const key = doc.Accounting_Description?.[0];
        if (!KEY_SHAPE.test(key ?? '')) continue; // the demo's own documents
        const list = made.get(key) ?? [];
        list.push({ id: doc.ID, customer: doc.Accounting_Customer?.[0]?.ID });
        made.set(key, list);
      }
      if (!page.HasNextPage) break;
    }
    const lost = [...expected.keys()].filter((k) => !made.has(k));
    const doubled = [...made].filter(([, docs]) => docs.length > 1).map(([k, docs]) => ({ key: k, documents: docs.map((d) => d.id) }));
    const strays = [...made.keys()].filter((k) => !expected.has(k));
    const wrongCustomer = [...expected].filter(([k, card]) => made.get(k)?.some((d) => String(d.customer) !== String(card))).map(([k]) => k);
    await sample();

    Object.assign(report, {
      seconds,
      eventsPerSecond: events / seconds,
      generated,
      eventsDelivered: expected.size,
      documents: [...made.values()].reduce((n, docs) => n + docs.length, 0),
      lost, doubled, strays, wrongCustomer,
      failed: outcome.failed,
      created: outcome.created,
      alreadyThere: outcome.alreadyThere,
      actionRetries: outcome.retries,
      actionRetriedFor: outcome.retriedFor,
      delivery: {
        deliveries: counts.total, attempts: counts.attempts, failedAttempts: counts.failedAttempts,
        pauses: counts.pauses, resumed: pausesResumed, redeliveredOnPurpose: redelivered,
      },
      webhook: { ...hook.stats },
      faultsInjected: {
        action: Object.fromEntries(actionFaults.map((f, i) => [describeFault(f), faultStats.hits[i]])),
        actionByRule: faultStats.hits, // in the order of actionFaults
        webhook: hook.stats.faults,
      },
      memory: { ...memory, heapAfterGc, runnerMaxRss: process.resourceUsage().maxRSS * 1024, sandboxMaxRss: (await admin('GET', 'process')).maxRss },
    });
    log(`soak: ${events} events in ${seconds.toFixed(1)} s`);
    return report;
  } finally {
    await runner.close().catch(() => {});
    await sb.stop();
  }
}

function describeFault(f) {
  const what = f.reset ? 'reset' : f.httpStatus ? `HTTP ${f.httpStatus}` : f.technicalError ? 'Status 2' : `${f.latencyMs} ms late`;
  const paths = f.paths.map((p) => p.split('/').filter(Boolean).slice(-1)[0]).join('+');
  return `${paths}: ${what}${f.after ? ' after applying' : f.latencyMs && !f.httpStatus && !f.reset && !f.technicalError ? '' : ' before applying'}`;
}

const n = (x) => x.toLocaleString('en-US');
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const list = (o) => Object.entries(o).map(([k, v]) => `${k} ${n(v)}`).join(', ');

/** The figures of a report, as lines for a terminal. */
export function summary(r) {
  return [
    `soak: ${n(r.events)} events (${n(r.cards)} cards, each created then updated), faults on both legs`,
    `  end to end: ${r.seconds.toFixed(1)} s, ${r.eventsPerSecond.toFixed(1)} events/s`,
    `  documents: ${n(r.documents)} for ${n(r.eventsDelivered)} events; lost ${r.lost.length}, doubled ${r.doubled.length}, stray ${r.strays.length}, wrong customer ${r.wrongCustomer.length}, failed runs ${r.failed.length}`,
    `  delivery leg: ${n(r.delivery.attempts)} attempts for ${n(r.delivery.deliveries)} deliveries (${n(r.delivery.failedAttempts)} failed, ${r.delivery.pauses} pauses, resumed ${r.delivery.resumed}); ${n(r.delivery.redeliveredOnPurpose)} redelivered on purpose`,
    `    webhook: ${n(r.webhook.deliveries)} deliveries taken, ${n(r.webhook.duplicates)} repeats dropped by the TriggerMatcher, ${n(r.faultsInjected.webhook)} faults injected`,
    `  action leg faults: ${list(r.faultsInjected.action)}`,
    `    ${n(r.actionRetries)} flow re-runs (${list(r.actionRetriedFor)}); ${n(r.alreadyThere)} runs found their document already made and skipped the create`,
    `  peak RSS: runner (this process) ${mb(r.memory.runnerMaxRss)}, sandbox process ${mb(r.memory.sandboxMaxRss)}`,
    ...(r.memory.heapAfterGc.length ? [`  runner heap after GC at each quarter: ${r.memory.heapAfterGc.map(mb).join(', ')}`] : []),
  ];
}
