// Fault injection for tests: added latency, an HTTP 5xx, an empty 403 (what third parties saw
// under rapid calls), a Status 2 technical error, or a reset connection. Set by flags at start
// or by the admin API; `times` limits how many API calls are hit, `paths` which endpoints,
// `probability` which share of them (drawn from a seeded generator, so a run can be replayed).
//
// A fault strikes *before* the call is applied (nothing happened; a retry is safe) unless
// `after` is set: then the call is applied and committed first and only its answer is spoiled,
// which is how a client loses the answer to a create that did happen.
//
// One rule, or several (an array): each call takes the first rule that applies to it.

/** A small seeded generator (mulberry32): reproducible draws in [0, 1). */
export function seededRandom(seed = 1) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What is wrong with a fault's latency or HTTP status, or null: the bounds every fault
 * shares, here and on the runner's webhook (runner/webhook-faults.mjs). */
export function faultTimingProblem({ latencyMs = 0, httpStatus = null }) {
  if (httpStatus !== null && !(Number.isInteger(httpStatus) && httpStatus >= 400 && httpStatus <= 599)) {
    return 'httpStatus must be an HTTP error status (400-599)';
  }
  if (!(Number.isFinite(latencyMs) && latencyMs >= 0 && latencyMs <= 120000)) return 'latencyMs must be 0..120000';
  return null;
}

function checkRule({
  latencyMs = 0, httpStatus = null, forbidden = false, technicalError = false, reset = false, after = false,
  times = null, paths = null, probability = 1,
} = {}, at) {
  const problem = faultTimingProblem({ latencyMs, httpStatus });
  if (problem) throw new Error(`${at}${problem}`);
  if (times !== null && !(Number.isInteger(times) && times > 0)) throw new Error(`${at}times must be a positive integer`);
  if (!(typeof probability === 'number' && probability > 0 && probability <= 1)) throw new Error(`${at}probability must be in (0, 1]`);
  if (paths !== null && !(Array.isArray(paths) && paths.every((p) => typeof p === 'string'))) throw new Error(`${at}paths must be a list of paths`);
  return {
    latencyMs, httpStatus, forbidden: !!forbidden, technicalError: !!technicalError, reset: !!reset, after: !!after,
    times, paths, probability,
  };
}

const isActive = (c) => c.latencyMs > 0 || c.httpStatus !== null || c.forbidden || c.technicalError || c.reset;

export class Faults {
  constructor(initial = {}) {
    this.set(initial);
  }

  /** One rule (an object) or several (an array); `seed` (top level) seeds the draws. */
  set(rules = {}) {
    const list = Array.isArray(rules) ? rules : [rules];
    const checked = list.map((r, i) => checkRule(r, Array.isArray(rules) ? `fault ${i}: ` : ''));
    const seed = Array.isArray(rules) ? 1 : rules.seed ?? 1;
    if (!Number.isInteger(seed)) throw new Error('seed must be an integer');
    this.many = Array.isArray(rules);
    this.rules = checked;
    this.hits = checked.map(() => 0);
    this.random = seededRandom(seed);
    return this.get();
  }

  clear() {
    return this.set({});
  }

  get() {
    return this.many ? this.rules.map((r) => ({ ...r })) : { ...this.rules[0] };
  }

  /** How many calls each rule struck so far, in the order of the rules. */
  stats() {
    return { hits: [...this.hits], total: this.hits.reduce((a, b) => a + b, 0) };
  }

  /** Kept for callers of the single-rule form. */
  get current() {
    return this.rules[0];
  }

  get active() {
    return this.rules.some((r) => isActive(r) && r.times !== 0);
  }

  /** The fault for one API call (consuming one of its rule's `times`), or null. */
  take(path) {
    for (let i = 0; i < this.rules.length; i++) {
      const c = this.rules[i];
      if (!isActive(c) || c.times === 0) continue;
      if (c.paths && !c.paths.includes(path)) continue;
      if (c.probability < 1 && this.random() >= c.probability) continue;
      this.hits[i] += 1;
      const fault = { ...c };
      if (c.times !== null) c.times -= 1;
      // a spent rule is dropped, as if cleared; its count of hits stays
      if (c.times === 0) this.rules[i] = checkRule({}, '');
      return fault;
    }
    return null;
  }
}
