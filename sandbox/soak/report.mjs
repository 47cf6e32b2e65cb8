// A soak report as lines for a terminal (the bench prints them, the test logs them).
const n = (x) => x.toLocaleString('en-US');
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const list = (o) => Object.entries(o).map(([k, v]) => `${k} ${n(v)}`).join(', ');

/** The figures of a report, as lines for a terminal. */
export function summary(r) {
  return [
    `soak: ${n(r.events)} events (${n(r.cards)} cards, each created then updated), faults on both legs`,
    `  end to end: ${r.seconds.toFixed(1)} s, ${r.eventsPerSecond.toFixed(1)} events/s`,
    `  documents: ${n(r.documents)} for ${n(r.eventsDelivered)} events; lost ${r.lost.length}, doubled ${r.doubled.length}, stray ${r.strays.length}, wrong customer ${r.wrongCustomer.length}, failed runs ${r.failed.length}`,
    `  delivery leg: ${n(r.delivery.attempts)} attempts for ${n(r.delivery.deliveries)} deliveries (${n(r.delivery.failedAttempts)} failed, ${r.delivery.pauses} pauses, resumed ${r.delivery.resumed}); ${n(r.delivery.redeliveredOnPurpose)} redelivered on purpose; last sent as ${list(r.delivery.lastSentAs)}`,
    `    webhook: ${n(r.webhook.deliveries)} deliveries taken, ${n(r.webhook.duplicates)} repeats dropped by the TriggerMatcher, ${n(r.faultsInjected.webhook)} faults injected`,
    `  action leg faults: ${list(r.faultsInjected.action)}`,
    `    ${n(r.actionRetries)} flow re-runs (${list(r.actionRetriedFor)}); ${n(r.alreadyThere)} runs found their document already made and skipped the create`,
    `  peak RSS: runner (this process) ${mb(r.memory.runnerMaxRss)}, sandbox process ${mb(r.memory.sandboxMaxRss)}`,
    ...(r.memory.heapAfterGc.length ? [`  runner after GC at each quarter: heap ${r.memory.heapAfterGc.map(mb).join(', ')}; external (wasm) ${r.memory.externalAfterGc.map(mb).join(', ')}`] : []),
  ];
}
