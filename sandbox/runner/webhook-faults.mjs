// Fault injection on the receiving end of an instant trigger, for soak and retry tests: the
// webhook answers late, with an HTTP error, or drops the connection, so that the sender
// (the OfficeGuy sandbox) retries and sends the same delivery again.
//
// A fault is {latencyMs?, httpStatus?, reset?, after?}. Without `after` it strikes before the
// delivery is processed (nothing was queued; the sender's retry is the only copy that
// counts). With `after` the delivery is processed first and only the answer is spoiled, so
// the sender's retry is a duplicate of a delivery already taken: what dedupe must catch.

import { faultTimingProblem } from '../faults.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function check(fault) {
  const { latencyMs = 0, httpStatus = null, reset = false } = fault;
  const problem = faultTimingProblem({ latencyMs, httpStatus });
  if (problem) throw new TypeError(`webhook fault: ${problem}`);
  return { latencyMs, httpStatus, reset: !!reset, after: !!fault.after };
}

function failure(f) {
  if (f.reset) return { reset: true };
  if (f.httpStatus) return { status: f.httpStatus, headers: { 'content-type': 'text/plain' }, body: 'injected fault (runner webhook)' };
  return null;
}

/**
 * Wraps a webhook handler. `pick(request, n)` chooses the fault for the n-th delivery (1-based)
 * or returns null; `stats.faults` counts the deliveries it struck.
 */
export function withFaults(pick, stats, handler) {
  if (typeof pick !== 'function') return handler;
  let n = 0;
  return async (req) => {
    const chosen = pick(req, ++n);
    if (!chosen) return handler(req);
    const f = check(chosen);
    stats.faults++;
    if (!f.after) {
      if (f.latencyMs) await sleep(f.latencyMs);
      return failure(f) ?? handler(req);
    }
    const reply = await handler(req);
    if (f.latencyMs) await sleep(f.latencyMs);
    return failure(f) ?? reply;
  };
}
