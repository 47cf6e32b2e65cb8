// The faults the soak injects, per leg, each with the share of calls or deliveries it strikes.
// The action leg's are sandbox fault rules (see ../faults.mjs); the delivery leg's are picked
// per delivery by the runner's webhook (see ../runner/webhook-faults.mjs).
import { CREATE, LIST } from './scenario.mjs';

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

/** The webhook's `fault(request, n)`: the first rule whose draw strikes, or null. */
export function pickFault(rules, random) {
  return () => {
    for (const { probability, ...fault } of rules) if (random() < probability) return fault;
    return null;
  };
}

/** A rule in words, for the report. */
export function describeFault(f) {
  const what = f.reset ? 'reset' : f.httpStatus ? `HTTP ${f.httpStatus}` : f.technicalError ? 'Status 2' : `${f.latencyMs} ms late`;
  const paths = f.paths.map((p) => p.split('/').filter(Boolean).slice(-1)[0]).join('+');
  return `${paths}: ${what}${f.after ? ' after applying' : f.latencyMs && !f.httpStatus && !f.reset && !f.technicalError ? '' : ' before applying'}`;
}
