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
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../faults.mjs';
import { loadApp, createRunner } from '../runner/index.mjs';
import { startSandboxProcess } from './sandbox-process.mjs';
import { scenarioActions, retryable } from './scenario.mjs';
import { ACTION_FAULTS, WEBHOOK_FAULTS, pickFault, describeFault } from './fault-plan.mjs';
import { exactlyOnce, documentsByKey } from './check.mjs';

export { ACTION_FAULTS, WEBHOOK_FAULTS } from './fault-plan.mjs';
export { scenarioActions, eventKey, retryable } from './scenario.mjs';
export { exactlyOnce } from './check.mjs';
export { summary } from './report.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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
  const { admin, api } = sb;

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
        // halfway, the trigger switches to SUMIT's other encoding (one form field json=): a
        // retry sent as a form must still be known for the JSON delivery it repeats
        if (i === Math.floor(cards / 2)) await admin('POST', 'subscriptions/encoding', { URL: hook.url, Encoding: 'form' });
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
    const externalAfterGc = [];
    const settledRuns = () => outcome.created + outcome.alreadyThere + outcome.failed.length;
    const heapCheck = () => {
      if (typeof globalThis.gc !== 'function' || settledRuns() < ((heapAfterGc.length + 1) * events) / 4) return;
      globalThis.gc();
      const m = process.memoryUsage();
      heapAfterGc.push(m.heapUsed);
      externalAfterGc.push(m.external); // wasm memory (the core's) counts here, not in the heap
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
    const check = exactlyOnce(deliveries, await documentsByKey(api, documents.ID));
    await sample();

    Object.assign(report, {
      seconds,
      eventsPerSecond: events / seconds,
      generated,
      eventsDelivered: check.events,
      documents: check.documents,
      lost: check.lost, doubled: check.doubled, strays: check.strays, wrongCustomer: check.wrongCustomer,
      failed: outcome.failed,
      created: outcome.created,
      alreadyThere: outcome.alreadyThere,
      actionRetries: outcome.retries,
      actionRetriedFor: outcome.retriedFor,
      delivery: {
        deliveries: counts.total, attempts: counts.attempts, failedAttempts: counts.failedAttempts,
        pauses: counts.pauses, resumed: pausesResumed, redeliveredOnPurpose: redelivered,
        lastSentAs: deliveries.reduce((by, d) => ({ ...by, [d.encoding]: (by[d.encoding] ?? 0) + 1 }), {}),
      },
      webhook: { ...hook.stats },
      faultsInjected: {
        action: Object.fromEntries(actionFaults.map((f, i) => [describeFault(f), faultStats.hits[i]])),
        actionByRule: faultStats.hits, // in the order of actionFaults
        webhook: hook.stats.faults,
      },
      memory: { ...memory, heapAfterGc, externalAfterGc, runnerMaxRss: process.resourceUsage().maxRSS * 1024, sandboxMaxRss: (await admin('GET', 'process')).maxRss },
    });
    log(`soak: ${events} events in ${seconds.toFixed(1)} s`);
    return report;
  } finally {
    await runner.close().catch(() => {});
    await sb.stop();
  }
}
