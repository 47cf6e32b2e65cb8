// Trigger deliveries, like SUMIT: when a card in a subscribed view is created, updated,
// archived or deleted, one POST per card goes to the subscribed URL, as JSON or as a form
// with one field `json=` (a per-subscription setting). An answer other than 2xx, a network
// error or no answer within the timeout (10 s) is a failure: it is retried after a delay
// (30 s, shorter for tests), and five failures in a row pause the trigger. While paused,
// deliveries are held and go out when the trigger is resumed.
//
// Payload: {"Folder": n, "EntityID": n, "Type": "<the trigger's type>", "Properties": {APIName: [values]}}
// with the view's columns. Archive and Delete (shapes unknown at SUMIT) send the same object
// with the card's last properties, so a receiver can still say which card went.
import { israelDateTime } from '../lib/dates.mjs';

const MATCHES = {
  create: ['Create', 'CreateOrUpdate'],
  update: ['Update', 'CreateOrUpdate'],
  archive: ['Archive'],
  delete: ['Delete'],
};

export class Triggers {
  constructor(db, crm, {
    retryDelayMs = 30000, timeoutMs = 10000, maxFailures = 5, defaultEncoding = 'json', firstDelayMs = 0, concurrency = 16, log = () => {},
  } = {}) {
    if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new Error('the delivery concurrency must be a whole number of at least 1');
    this.db = db;
    this.crm = crm;
    this.retryDelayMs = retryDelayMs;
    this.timeoutMs = timeoutMs;
    this.maxFailures = maxFailures;
    this.firstDelayMs = firstDelayMs;
    this.defaultEncoding = defaultEncoding;
    this.log = log;
    this.timers = new Map();
    this.inFlight = new Map();
    this.fresh = [];
    this.closed = false;
    this.listeners = new Set();
    // Due deliveries wait here for one of `concurrency` slots, so that a burst of changes
    // (a bulk import, a soak) does not open thousands of connections at once.
    this.concurrency = concurrency;
    this.ready = [];
    this.active = 0;
    this.stats = { attempts: 0, failures: 0, pauses: 0 };
  }

  subscribe(companyId, { url, folderId, viewId, type }) {
    const same = this.db.prepare(`SELECT id FROM subscriptions WHERE company_id = ? AND url = ? AND folder_id = ? AND view_id = ? AND trigger_type = ?`)
      .get(companyId, url, folderId, viewId, type);
    if (same) return same.id;
    return Number(this.db.prepare(`INSERT INTO subscriptions (company_id, url, folder_id, view_id, trigger_type, encoding, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`).run(companyId, url, folderId, viewId, type, this.defaultEncoding, israelDateTime()).lastInsertRowid);
  }

  unsubscribe(companyId, url) {
    const subs = this.db.prepare('SELECT id FROM subscriptions WHERE company_id = ? AND url = ?').all(companyId, url);
    for (const { id } of subs) {
      for (const d of this.db.prepare("SELECT id FROM deliveries WHERE subscription_id = ? AND state IN ('pending', 'held')").all(id)) {
        this.cancelTimer(d.id);
      }
      this.db.prepare("UPDATE deliveries SET state = 'cancelled', next_attempt_at = NULL WHERE subscription_id = ? AND state IN ('pending', 'held')").run(id);
      this.db.prepare('DELETE FROM subscriptions WHERE id = ?').run(id);
    }
    return subs.length;
  }

  /** Called by the CRM store for every change, inside the request's transaction. */
  onChange(kind, before, after) {
    const card = kind === 'archive' || kind === 'delete' ? before : after;
    const subs = this.db.prepare('SELECT * FROM subscriptions WHERE company_id = ? AND folder_id = ?').all(card.company_id, card.folder_id);
    for (const sub of subs) {
      if (!MATCHES[kind].includes(sub.trigger_type)) continue;
      const view = this.crm.view(sub.view_id);
      if (!view || !this.crm.inView(view, card)) continue;
      const folder = { id: card.folder_id };
      const payload = {
        Folder: card.folder_id,
        EntityID: card.id,
        Type: sub.trigger_type,
        Properties: this.crm.answerProps(card.company_id, folder, card.props, view.columns),
      };
      const id = Number(this.db.prepare(`INSERT INTO deliveries (subscription_id, payload, state, created_at, next_attempt_at)
        VALUES (?, ?, 'pending', ?, ?)`).run(sub.id, JSON.stringify(payload), israelDateTime(), Date.now() + this.firstDelayMs).lastInsertRowid);
      this.fresh.push(id);
    }
  }

  /** After the transaction committed: send what it queued. */
  flush() {
    const ids = this.fresh;
    this.fresh = [];
    for (const id of ids) this.schedule(id, this.firstDelayMs);
  }

  /** After a rolled-back transaction: its deliveries never existed. */
  discard() {
    this.fresh = [];
  }

  /**
   * Schedules every pending delivery (those a file database kept across a restart), each at
   * its planned time but no later than one retry delay of this run.
   */
  resumePending() {
    const now = Date.now();
    for (const d of this.db.prepare("SELECT id, next_attempt_at FROM deliveries WHERE state = 'pending'").all()) {
      this.schedule(d.id, Math.min(this.retryDelayMs, Math.max(0, (d.next_attempt_at ?? now) - now)));
    }
  }

  schedule(id, delayMs) {
    if (this.closed) return;
    this.cancelTimer(id);
    const timer = setTimeout(() => {
      this.timers.delete(id);
      this.ready.push(id);
      this.pump();
    }, delayMs);
    this.timers.set(id, timer);
  }

  /** Starts due deliveries while a slot is free. */
  pump() {
    while (!this.closed && this.active < this.concurrency && this.ready.length) {
      const id = this.ready.shift();
      this.active++;
      this.attempt(id)
        .catch((e) => this.log(`delivery ${id}: ${e.message}`))
        .finally(() => {
          this.active--;
          this.pump();
        });
    }
  }

  cancelTimer(id) {
    const t = this.timers.get(id);
    if (t) clearTimeout(t);
    this.timers.delete(id);
  }

  async attempt(id) {
    const d = this.db.prepare('SELECT * FROM deliveries WHERE id = ?').get(id);
    if (!d || d.state !== 'pending' || this.closed || this.inFlight.has(id)) return;
    const sub = this.db.prepare('SELECT * FROM subscriptions WHERE id = ?').get(d.subscription_id);
    if (!sub) return;
    if (sub.paused) {
      this.db.prepare("UPDATE deliveries SET state = 'held', next_attempt_at = NULL WHERE id = ?").run(id);
      return;
    }
    const json = d.payload;
    const request = sub.encoding === 'form'
      ? { 'Content-Type': 'application/x-www-form-urlencoded', body: new URLSearchParams({ json }).toString() }
      : { 'Content-Type': 'application/json; charset=utf-8', body: json };
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    this.inFlight.set(id, controller);
    let status = null;
    let error = null;
    try {
      const res = await fetch(sub.url, {
        method: 'POST', headers: { 'Content-Type': request['Content-Type'], 'User-Agent': 'officeguy-sandbox-triggers' },
        body: request.body, signal: controller.signal, redirect: 'manual',
      });
      status = res.status;
      await res.arrayBuffer().catch(() => {});
      if (status < 200 || status > 299) error = `HTTP ${status}`;
    } catch (e) {
      error = controller.signal.aborted ? String(controller.signal.reason?.message || 'aborted') : (e.cause?.code || e.message);
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(id);
    }
    if (this.closed) return;
    this.record(d, sub, status, error);
  }

  record(d, sub, status, error) {
    const attempts = d.attempts + 1;
    this.stats.attempts++;
    if (error) this.stats.failures++;
    if (!error) {
      this.db.prepare("UPDATE deliveries SET state = 'delivered', attempts = ?, last_status = ?, last_error = NULL, encoding = ?, delivered_at = ?, next_attempt_at = NULL WHERE id = ?")
        .run(attempts, status, sub.encoding, israelDateTime(), d.id);
      this.db.prepare('UPDATE subscriptions SET failures = 0 WHERE id = ?').run(sub.id);
    } else {
      // read now, not from `sub`: other deliveries of this trigger ran while this one was out,
      // and a stale `paused` would silently un-pause a trigger whose deliveries are held
      const now = this.db.prepare('SELECT failures, paused FROM subscriptions WHERE id = ?').get(sub.id);
      const failures = now.failures + 1;
      const pause = failures >= this.maxFailures;
      this.db.prepare('UPDATE subscriptions SET failures = ?, paused = ? WHERE id = ?').run(failures, pause ? 1 : now.paused, sub.id);
      const next = pause ? null : Date.now() + this.retryDelayMs;
      this.db.prepare('UPDATE deliveries SET state = ?, attempts = ?, last_status = ?, last_error = ?, encoding = ?, next_attempt_at = ? WHERE id = ?')
        .run(pause ? 'held' : 'pending', attempts, status, error, sub.encoding, next, d.id);
      if (pause) {
        if (!now.paused) this.stats.pauses++;
        this.db.prepare("UPDATE deliveries SET state = 'held', next_attempt_at = NULL WHERE subscription_id = ? AND state = 'pending'").run(sub.id);
        for (const other of this.db.prepare("SELECT id FROM deliveries WHERE subscription_id = ? AND state = 'held'").all(sub.id)) this.cancelTimer(other.id);
        if (!now.paused) this.log(`trigger ${sub.id} paused after ${failures} failures (${error})`);
      } else {
        this.schedule(d.id, this.retryDelayMs);
      }
    }
    for (const fn of this.listeners) fn();
  }

  // --- admin ----------------------------------------------------------------------------

  findSubscriptions({ id, url, companyId } = {}) {
    if (id !== undefined && id !== null) return this.db.prepare('SELECT * FROM subscriptions WHERE id = ?').all(Number(id));
    if (url) return this.db.prepare('SELECT * FROM subscriptions WHERE url = ?' + (companyId ? ' AND company_id = ?' : '')).all(...[url, companyId].filter(Boolean));
    return this.db.prepare('SELECT * FROM subscriptions' + (companyId ? ' WHERE company_id = ?' : '') + ' ORDER BY id').all(...(companyId ? [companyId] : []));
  }

  setEncoding(selector, encoding) {
    if (encoding !== 'json' && encoding !== 'form') throw new Error("encoding must be 'json' or 'form'");
    const subs = this.findSubscriptions(selector);
    for (const s of subs) this.db.prepare('UPDATE subscriptions SET encoding = ? WHERE id = ?').run(encoding, s.id);
    return subs.length;
  }

  /** Un-pauses triggers and sends what they held. */
  resume(selector) {
    const subs = this.findSubscriptions(selector);
    for (const s of subs) {
      this.db.prepare('UPDATE subscriptions SET paused = 0, failures = 0 WHERE id = ?').run(s.id);
      const held = this.db.prepare("SELECT id FROM deliveries WHERE subscription_id = ? AND state = 'held'").all(s.id);
      this.db.prepare("UPDATE deliveries SET state = 'pending', next_attempt_at = ? WHERE subscription_id = ? AND state = 'held'").run(Date.now(), s.id);
      for (const d of held) this.schedule(d.id, 0);
    }
    return subs.length;
  }

  /** Sends a delivery again now, whatever its state (a delivered one goes out once more). */
  redeliver(id) {
    const d = this.db.prepare('SELECT * FROM deliveries WHERE id = ?').get(Number(id));
    if (!d) return false;
    this.db.prepare("UPDATE deliveries SET state = 'pending', next_attempt_at = ? WHERE id = ?").run(Date.now(), d.id);
    this.schedule(d.id, 0);
    return true;
  }

  deliveries({ subscriptionId, state, url } = {}) {
    const rows = this.db.prepare(`SELECT d.*, s.url, s.trigger_type, s.encoding AS subscription_encoding FROM deliveries d
      JOIN subscriptions s ON s.id = d.subscription_id ORDER BY d.id`).all();
    const orphans = this.db.prepare('SELECT d.* FROM deliveries d LEFT JOIN subscriptions s ON s.id = d.subscription_id WHERE s.id IS NULL ORDER BY d.id').all();
    return [...rows, ...orphans]
      .filter((d) => (subscriptionId === undefined || d.subscription_id === Number(subscriptionId))
        && (!state || d.state === state) && (!url || d.url === url))
      .map((d) => ({
        id: d.id, subscriptionId: d.subscription_id, url: d.url ?? null, state: d.state, attempts: d.attempts,
        lastStatus: d.last_status, lastError: d.last_error, encoding: d.encoding ?? d.subscription_encoding ?? null,
        payload: JSON.parse(d.payload), createdAt: d.created_at, deliveredAt: d.delivered_at,
      }));
  }

  /**
   * Counts without loading payloads: deliveries by state, attempts and failed attempts so
   * far, triggers paused, and what is in flight or waiting for a slot.
   */
  counts() {
    const states = { pending: 0, delivered: 0, held: 0, cancelled: 0 };
    for (const r of this.db.prepare('SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state').all()) states[r.state] = r.n;
    return {
      ...states, total: Object.values(states).reduce((a, b) => a + b, 0),
      attempts: this.stats.attempts, failedAttempts: this.stats.failures, pauses: this.stats.pauses,
      inFlight: this.inFlight.size, waiting: this.ready.length,
    };
  }

  /** Resolves when `predicate()` holds, checked after every attempt; rejects after timeoutMs. */
  waitFor(predicate, timeoutMs = 5000) {
    return new Promise((resolve, reject) => {
      if (predicate()) return resolve();
      const done = () => {
        if (this.closed) {
          clearTimeout(timer);
          this.listeners.delete(done);
          return reject(new Error('the sandbox closed while waiting'));
        }
        if (!predicate()) return;
        clearTimeout(timer);
        this.listeners.delete(done);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(done);
        reject(new Error(`condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      this.listeners.add(done);
    });
  }

  close() {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.ready = [];
    for (const c of this.inFlight.values()) c.abort(new Error('sandbox closed'));
    for (const fn of [...this.listeners]) fn();
  }
}
