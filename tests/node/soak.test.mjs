// Issue 7, "Load and faults, end to end": card events from the sandbox's own trigger delivery,
// through the runner's webhook, into a scenario that makes one invoice-receipt per event,
// with faults injected on both legs. Every event must end with exactly one document.
//
// The bench (bench/soak.mjs) runs the full 10,000 events; that takes minutes on a 2-core
// machine, so this test runs the same code path at SOAK_EVENTS (default 1,000) events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSoak, summary, ACTION_FAULTS, exactlyOnce, eventKey } from '../../sandbox/soak/soak.mjs';

const EVENTS = Number(process.env.SOAK_EVENTS || 1000);

test(`soak: ${EVENTS} events under faults on both legs, each with exactly one document`, { timeout: 10 * 60 * 1000 }, async (t) => {
  const r = await runSoak({ events: EVENTS });
  for (const line of summary(r)) t.diagnostic(line);

  assert.equal(r.generated, EVENTS, 'the driver made every event');
  assert.equal(r.eventsDelivered, EVENTS, 'the sandbox emitted one delivery per card change');
  assert.deepEqual(r.failed, [], 'no scenario run failed for good');
  assert.deepEqual(r.lost, [], 'no event without a document');
  assert.deepEqual(r.doubled, [], 'no event with two documents');
  assert.deepEqual(r.strays, [], 'no document for an event that did not happen');
  assert.deepEqual(r.wrongCustomer, [], 'each document is for the card that changed');
  assert.equal(r.documents, EVENTS);
  // every document came from one create call: either its run saw the answer, or the answer
  // was lost after the sandbox applied it (and a re-run found the document)
  const hitsOf = (rule) => r.faultsInjected.actionByRule[ACTION_FAULTS.indexOf(rule)];
  const lostAnswers = ACTION_FAULTS.filter((f) => f.after && f.paths.includes('/accounting/documents/create/')).reduce((n, f) => n + hitsOf(f), 0);
  assert.equal(r.created + lostAnswers, EVENTS, 'answered creates + applied creates whose answer was lost = events');
  assert.ok(r.alreadyThere >= lostAnswers, 'each lost answer was followed by a run that found the document');

  // the faults really happened, so the figures above mean something
  const hits = r.faultsInjected.actionByRule;
  assert.equal(hits.length, ACTION_FAULTS.length);
  assert.ok(hits.every((h) => h > 0), `every action-leg fault struck: ${JSON.stringify(r.faultsInjected.action)}`);
  assert.ok(r.faultsInjected.webhook > 0 && r.delivery.failedAttempts > 0, 'the delivery leg failed and was retried');
  assert.ok(r.delivery.attempts > r.delivery.deliveries);
  assert.ok(r.webhook.duplicates > 0, 'repeated deliveries reached the webhook and were dropped there');
  assert.ok(r.delivery.redeliveredOnPurpose > 0);
  assert.ok(r.delivery.lastSentAs.json > 0 && r.delivery.lastSentAs.form > 0, 'deliveries went out as JSON and as a form');
  assert.ok(r.actionRetries > 0, 'failed flows were run again');
  assert.ok(r.alreadyThere > 0, 'some re-runs found the document whose create answer was lost, and did not make another');
  assert.ok(r.eventsPerSecond > 0 && r.memory.runnerMaxRss > 0 && r.memory.sandboxMaxRss > 0);
});

test('the check catches doubles: without the search before the create, lost answers make two documents', { timeout: 5 * 60 * 1000 }, async (t) => {
  // only lost create answers, so that every re-run is a blind second create
  const lostAnswers = [{ paths: ['/accounting/documents/create/'], probability: 0.15, after: true, httpStatus: 502 }];
  const r = await runSoak({ events: 120, checkFirst: false, actionFaults: lostAnswers, webhookFaults: [], duplicateRate: 0 });
  for (const line of summary(r)) t.diagnostic(line);
  assert.ok(r.doubled.length > 0, 'the exactly-once check reports the doubles a blind retry makes');
  const [lost] = r.faultsInjected.actionByRule;
  assert.equal(r.documents - r.eventsDelivered, lost, 'one extra document per lost answer');
  assert.deepEqual(r.lost, []);
});

test('the exactly-once check names lost, doubled, stray and misattributed documents', () => {
  const delivery = (id, city) => ({ payload: { Folder: 9, EntityID: id, Type: 'CreateOrUpdate', Properties: { Customers_City: [city] } } });
  const deliveries = [delivery(1, 'עכו'), delivery(1, 'צפת'), delivery(2, 'עכו'), delivery(3, 'אילת')];
  const [k1a, k1b, k2, k3] = deliveries.map((d) => eventKey(d.payload));
  assert.match(k1a, /^1-[0-9a-f]{32}$/);
  assert.notEqual(k1a, k1b, 'two changes of one card are two events');
  const made = new Map([
    [k1a, [{ id: 11, customer: 1 }]],
    [k1b, [{ id: 12, customer: 1 }, { id: 13, customer: 1 }]],
    [k3, [{ id: 14, customer: 2 }]],
    ['4-00000000000000000000000000000000', [{ id: 15, customer: 4 }]],
  ]);
  const redelivered = [...deliveries, deliveries[0]]; // a redelivery is the same event
  assert.deepEqual(exactlyOnce(redelivered, made), {
    events: 4, documents: 5, lost: [k2], doubled: [{ key: k1b, documents: [12, 13] }],
    strays: ['4-00000000000000000000000000000000'], wrongCustomer: [k3],
  });
});
