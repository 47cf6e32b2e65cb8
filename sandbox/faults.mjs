// Fault injection for tests: added latency, an HTTP 5xx, an empty 403 (what third parties saw
// under rapid calls), or a Status 2 technical error. Set by flags at start or by the admin
// API; `times` limits how many API calls are hit, `paths` which endpoints.
export class Faults {
  constructor(initial = {}) {
    this.set(initial);
  }

  set({ latencyMs = 0, httpStatus = null, forbidden = false, technicalError = false, times = null, paths = null } = {}) {
    if (httpStatus !== null && !(Number.isInteger(httpStatus) && httpStatus >= 400 && httpStatus <= 599)) {
      throw new Error('httpStatus must be an HTTP error status (400-599)');
    }
    if (!(Number.isFinite(latencyMs) && latencyMs >= 0 && latencyMs <= 120000)) throw new Error('latencyMs must be 0..120000');
    if (times !== null && !(Number.isInteger(times) && times > 0)) throw new Error('times must be a positive integer');
    this.current = { latencyMs, httpStatus, forbidden: !!forbidden, technicalError: !!technicalError, times, paths };
    return this.get();
  }

  clear() {
    return this.set({});
  }

  get() {
    return { ...this.current };
  }

  get active() {
    const c = this.current;
    return c.latencyMs > 0 || c.httpStatus !== null || c.forbidden || c.technicalError;
  }

  /** The fault for one API call (consuming one of `times`), or null. */
  take(path) {
    if (!this.active) return null;
    const c = this.current;
    if (c.paths && !c.paths.includes(path)) return null;
    const fault = { ...c };
    if (c.times !== null) {
      c.times -= 1;
      if (c.times <= 0) this.clear();
    }
    return fault;
  }
}
