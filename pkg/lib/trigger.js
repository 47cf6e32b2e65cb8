// The trigger engine (src/trigger/, exports in src/bindings/trigger.rs): normalise SUMIT
// deliveries, match and de-duplicate them exactly once, diff polled listings.
// The matcher lives in wasm; TriggerMatcher wraps it and frees it when collected (or on
// free()). Ids in every output are numbers when safe (<= 2^53 - 1), else decimal strings.
import { toJson, OfficeGuyError } from './core.js';
import { trigger } from './modules.js';

const { call, toError, wasm } = trigger;

const KINDS = ['create', 'update', 'archive', 'delete'];
const CHUNK = 1024;

function requestParts(request, name) {
  if (request === null || typeof request !== 'object') {
    throw new OfficeGuyError('invalid_argument', `${name}: expects {contentType, body}`);
  }
  return request;
}

/** A SUMIT delivery as `{folder, entityId, type, properties, fields, raw}`. */
export function normalizeWebhook(request) {
  const { contentType, body } = requestParts(request, 'normalizeWebhook');
  const type = typeof contentType === 'string' ? contentType : undefined;
  if (typeof body === 'string') return call('normalizeWebhookText', type, body);
  if (body instanceof Uint8Array) return call('normalizeWebhookRaw', type, body);
  if (body instanceof ArrayBuffer) return call('normalizeWebhookRaw', type, new Uint8Array(body));
  if (body === undefined || body === null) return call('normalizeWebhookText', type, '');
  return call('normalizeWebhookParsed', toJson(body, 'body'));
}

/** A card from listentities / getentity as `{folder, entityId, properties, fields}`. */
export function normalizeEntity(entity) {
  return call('normalizeEntity', toJson(entity, 'entity'));
}

function checkState(state, name) {
  if (state !== undefined && state !== null && typeof state !== 'string') {
    throw new OfficeGuyError('invalid_argument', `${name}: the state must be the string a previous call returned`);
  }
  return state ?? undefined;
}

/** Changes between the previous poll's state and the current listing. */
export function diffListing(state, entities, options = {}) {
  const prev = checkState(state, 'diffListing');
  const optionsJson = toJson(options ?? {}, 'options');
  const texts = entityTexts(entities);
  if (texts !== null) {
    // One text per entity: the core reads each in a streaming pass and parses in full
    // only the cards that changed. null: some entity needs the general path.
    const fast = call('diffListingTexts', prev, texts, optionsJson);
    if (fast !== null) return fast;
  }
  return call('diffListing', prev, toJson(entities, 'entities'), optionsJson);
}

/** The entities of a listing (an array of entities or of pages) as NUL-joined JSON texts, or null. */
function entityTexts(entities) {
  if (!Array.isArray(entities)) return null;
  const out = [];
  const add = (e) => {
    if (e === null || typeof e !== 'object' || Array.isArray(e)) return false;
    out.push(JSON.stringify(e));
    return true;
  };
  try {
    for (const item of entities) {
      const page = Array.isArray(item) ? item
        : item && typeof item === 'object' && Array.isArray(item.Entities) && !('ID' in item) ? item.Entities : null;
      if (page) {
        for (const e of page) if (!add(e)) return null;
      } else if (!add(item)) {
        return null;
      }
    }
  } catch {
    return null; // a BigInt or a cycle: the general path says what is wrong
  }
  return out.join('\0');
}

// A normalised event as the matcher reads it: no raw, no fields (derived in the core).
const slim = (e) => toJson({ folder: e.folder, entityId: e.entityId, type: e.type, properties: e.properties }, 'event');

/** Accepts a normalised event, a `{contentType, body}` request, or a SUMIT delivery object. */
function toEvent(item) {
  if (item === null || typeof item !== 'object') throw new OfficeGuyError('invalid_argument', 'accept: expects an event object');
  if ('entityId' in item) return item;
  if ('body' in item) return normalizeWebhook(item);
  return normalizeWebhook({ body: item });
}

/** A delivery whose event is normalised on first access, once for all that it fired. */
class LazyEvent {
  #request;
  #event;
  constructor(request) { this.#request = request; }
  get() { return (this.#event ??= normalizeWebhook(this.#request)); }
}

/**
 * One fired subscription. `event` is a getter (on the prototype, so that a batch of
 * 100,000 answers is cheap to build); JSON.stringify includes it through toJSON.
 */
class Fired {
  #source;
  constructor(subscriptionId, kind, source, index) {
    if (index !== undefined) this.index = index;
    this.subscriptionId = subscriptionId;
    this.kind = kind;
    this.#source = source;
  }
  get event() { return this.#source instanceof LazyEvent ? this.#source.get() : this.#source; }
  toJSON() { return { ...this, event: this.event }; }
}

const registry = new FinalizationRegistry((core) => core.free());

export class TriggerMatcher {
  #core;
  #ids;

  constructor(subscriptions, state, options = {}) {
    const subs = Array.isArray(subscriptions) ? subscriptions : [];
    try {
      this.#core = new wasm.TriggerMatcherCore(
        toJson(subscriptions ?? [], 'subscriptions'),
        checkState(state, 'TriggerMatcher'),
        toJson(options ?? {}, 'options'),
      );
    } catch (e) {
      throw toError(e);
    }
    this.#ids = subs.map((s) => s.id);
    registry.register(this, this.#core, this);
  }

  #live() {
    if (!this.#core) throw new OfficeGuyError('freed', 'this TriggerMatcher was freed; create a new one from its saved state');
    return this.#core;
  }

  #fired(codes, source) {
    return Array.from(codes, (code) => new Fired(this.#ids[code >>> 2], KINDS[code & 3], source));
  }

  /**
   * The subscriptions this event fires, each once: `[{subscriptionId, kind, event}]`.
   * A `{contentType, body}` request with a text or byte body is read in one streaming
   * pass in wasm, and its `event` is normalised lazily, on first access.
   */
  accept(event, { subscriptionId } = {}) {
    const core = this.#live();
    const sid = subscriptionId === undefined ? undefined : String(subscriptionId);
    let codes;
    const body = event && typeof event === 'object' && !('entityId' in event) ? event.body : undefined;
    if (typeof body === 'string' || body instanceof Uint8Array) {
      let one;
      try {
        one = typeof body === 'string' ? core.acceptBody(body, sid) : core.acceptBodyBytes(body, sid);
      } catch (e) {
        throw toError(e);
      }
      if (one === 0) return [];
      codes = one === 0xffffffff ? core.takeFired() : [one - 1];
      return this.#fired(codes, new LazyEvent(event));
    }
    const ev = toEvent(event);
    try {
      codes = core.accept(slim(ev), sid);
    } catch (e) {
      throw toError(e);
    }
    return codes.length ? this.#fired(codes, ev) : [];
  }

  /**
   * Many deliveries with one crossing into wasm: `{fired: [{index, subscriptionId, kind,
   * event}], errors: [{index, code, message, path}]}`. When every item is a
   * `{contentType, body}` with a text body, each fired `event` is normalised lazily, on
   * first access.
   */
  acceptMany(items, { subscriptionId } = {}) {
    const core = this.#live();
    if (!Array.isArray(items)) throw new OfficeGuyError('invalid_argument', 'acceptMany: expects an array');
    const sid = subscriptionId === undefined ? undefined : String(subscriptionId);
    const fired = [];
    const errors = [];
    // Chunks keep the text handed to wasm small (measured faster than one huge string:
    // no large allocation in wasm memory, less garbage); order is kept chunk by chunk.
    for (let start = 0; start < items.length; start += CHUNK) {
      const chunk = items.slice(start, start + CHUNK);
      const raw = chunk.every((it) => it && typeof it.body === 'string' && !('entityId' in it));
      if (!(raw && this.#acceptBodies(core, chunk, start, sid, fired, errors))) {
        this.#acceptEvents(core, chunk, start, sid, fired, errors);
      }
    }
    return { fired, errors };
  }

  // Raw text bodies, read in streaming passes in wasm; false when a body held a NUL.
  #acceptBodies(core, chunk, start, sid, fired, errors) {
    let codes;
    try {
      codes = core.acceptBodies(chunk.map((it) => it.body).join('\0'), chunk.length, sid);
    } catch (e) {
      throw toError(e);
    }
    if (codes.length % 2 === 1) return false;
    let last = -1;
    let source;
    for (let j = 0; j < codes.length; j += 2) {
      const index = start + codes[j];
      const code = codes[j + 1];
      if (index !== last) {
        last = index;
        source = new LazyEvent(chunk[codes[j]]);
      }
      fired.push(new Fired(this.#ids[code >>> 2], KINDS[code & 3], source, index));
    }
    for (const e of JSON.parse(core.takeErrors())) errors.push({ ...e, index: start + e.index });
    return true;
  }

  // Anything else: normalised events, delivery objects, requests with other bodies.
  #acceptEvents(core, chunk, start, sid, fired, errors) {
    const events = [];
    const at = [];
    const mine = [];
    chunk.forEach((it, i) => {
      try {
        events.push(toEvent(it));
        at.push(start + i);
      } catch (e) {
        const err = toError(e);
        mine.push({ index: start + i, code: err.code, message: err.message, path: err.path ?? null });
      }
    });
    let codes;
    try {
      codes = core.acceptEvents(`[${events.map(slim).join(',')}]`, sid);
    } catch (e) {
      throw toError(e);
    }
    for (let j = 0; j < codes.length; j += 2) {
      const k = codes[j];
      const code = codes[j + 1];
      fired.push(new Fired(this.#ids[code >>> 2], KINDS[code & 3], events[k], at[k]));
    }
    for (const e of JSON.parse(core.takeErrors())) mine.push({ ...e, index: at[e.index] });
    errors.push(...mine.sort((x, y) => x.index - y.index));
  }

  /** The memory of cards as a compact string; pass it to the constructor to resume. */
  saveState() {
    return this.#live().saveState();
  }

  /** `{remembered, maxCards}`. */
  size() {
    const [remembered, maxCards] = this.#live().size();
    return { remembered, maxCards };
  }

  /** Frees the wasm memory now rather than when the object is collected. */
  free() {
    if (this.#core) {
      registry.unregister(this);
      this.#core.free();
      this.#core = null;
    }
  }
}
