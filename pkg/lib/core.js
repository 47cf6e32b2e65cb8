// The one place where calls cross into wasm. Arguments go as JSON text and results come
// back as JSON text (exact 64-bit ids and decimal amounts); a core error arrives as the
// JSON of the Rust `Error` and is rethrown as OfficeGuyError. Nothing else escapes:
// a trap (a bug in the core) becomes OfficeGuyError('internal').
//
// The core is several wasm modules (pkg/lib/modules.js names them), each instantiated on
// first use from the compiled module that the entry point supplies (setModuleSource:
// read from disk in Node, fetched in a page, inlined in the single file). After a trap
// the module's instance is dropped and the next call makes a fresh one; objects made by
// the old instance (a TriggerMatcher, a compiled mapping, a Client) then throw
// OfficeGuyError('instance_reset') instead of touching a broken memory.
//
// Async exports (the client's requests) run parts of their work from the event loop,
// where no caller can catch a trap. Their promises go through `settle`, which keeps them
// in a list: a trap inside a callback (reported by the glue, scripts/lib/glue.mjs)
// resets the module and rejects every request in flight with OfficeGuyError('internal');
// a reset for another reason rejects them with 'instance_reset'. None is left hanging.

export class OfficeGuyError extends Error {
  constructor(code, message, extra = {}) {
    super(message);
    this.name = 'OfficeGuyError';
    this.code = code;
    if (extra.issues && extra.issues.length) this.issues = extra.issues;
    if (extra.status !== undefined) this.status = extra.status;
    if (extra.userMessage !== undefined) this.userMessage = extra.userMessage;
    if (extra.httpStatus !== undefined) this.httpStatus = extra.httpStatus;
    if (extra.path !== undefined) this.path = extra.path;
  }
}

/** Turns whatever the wasm side threw into an OfficeGuyError. */
export function toError(thrown) {
  if (thrown instanceof OfficeGuyError) return thrown;
  if (isTrap(thrown)) return new OfficeGuyError('internal', `internal error in the officeguy-make core: ${thrown.message}`);
  if (typeof thrown === 'string' && thrown.startsWith('{')) {
    try {
      const e = JSON.parse(thrown);
      return new OfficeGuyError(e.code, e.message, e);
    } catch { /* fall through */ }
  }
  const detail = thrown instanceof Error ? thrown.message : String(thrown);
  return new OfficeGuyError('internal', `internal error in the officeguy-make core: ${detail}`);
}

/** JSON text for an argument; BigInt ids go as exact integers. */
export function toJson(value, name = 'argument') {
  if (value === undefined) return 'null';
  try {
    return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `\u0000big:${v}` : v))
      .replace(/"\\u0000big:(-?\d+)"/g, '$1');
  } catch (e) {
    throw new OfficeGuyError('invalid_argument', `${name}: cannot be converted to JSON (${e.message})`);
  }
}

/** A trap leaves the instance unusable: `unreachable` (a panic), a memory fault, or a
 * stack overflow inside wasm. */
function isTrap(thrown) {
  if (thrown === null || typeof thrown !== 'object') return false;
  if (thrown.name === 'RuntimeError' && thrown.constructor === WebAssembly.RuntimeError) return true;
  return thrown instanceof RangeError && /call stack/i.test(thrown.message);
}

let source = null;

/**
 * Where compiled modules come from: `fn(name)` returns the `WebAssembly.Module` of the
 * module `name` (synchronously; a page compiles them all before `ready` resolves).
 */
export function setModuleSource(fn) {
  source = fn;
}

/** One wasm module of the core, instantiated on first use, replaced after a trap. */
export class WasmModule {
  #create;
  #compiled = null;
  #glue = null; // the live instance's glue, or null before first use and after a trap
  #spare; // a glue copy made up front (it also lists the export names)
  #inFlight = new Set(); // the `reject`s of promises of the live instance (settle)

  /** @param createGlue the module's glue factory (pkg/wasm/<name>/glue.js) */
  constructor(name, createGlue) {
    this.name = name;
    const hooks = { onCallbackError: (e) => this.#callbackError(e) };
    this.#create = () => createGlue(hooks);
    this.#spare = this.#create();
    /** Times the instance was replaced after a trap. */
    this.resets = 0;
    // stable names whose values follow the live instance: `wasm.buildRequest(...)`,
    // `new wasm.ImlTemplate(...)` always reach the current one
    const wasm = {};
    for (const key of Object.keys(this.#spare.exports)) {
      Object.defineProperty(wasm, key, { enumerable: true, get: () => (this.#glue ?? this.#load()).exports[key] });
    }
    this.wasm = Object.freeze(wasm);
    this.call = this.call.bind(this);
    this.toError = this.toError.bind(this);
  }

  get loaded() {
    return this.#glue !== null;
  }

  #load() {
    if (!this.#compiled) {
      if (!source) throw new OfficeGuyError('not_ready', `the ${this.name} module is not loaded yet: await ready first`);
      try {
        this.#compiled = source(this.name);
      } catch (e) {
        throw e instanceof OfficeGuyError ? e : new OfficeGuyError('load_failed', `the ${this.name} wasm module could not be loaded: ${e.message}`);
      }
    }
    const glue = this.#spare ?? this.#create();
    this.#spare = null;
    glue.initSync({ module: this.#compiled });
    this.#glue = glue;
    return glue;
  }

  /** Instantiates now (otherwise the first call does). */
  load() {
    return this.#glue ?? this.#load();
  }

  /** Drops the instance after a trap; objects it made now throw `instance_reset`, and its
   * promises in flight reject with `reason` (by default that same error). */
  reset(reason) {
    const old = this.#glue;
    if (!old) return;
    this.#glue = null;
    this.resets += 1;
    const name = this.name;
    const gone = () => new OfficeGuyError('instance_reset',
      `the ${name} core was restarted after an internal error; objects made before it (matchers, compiled templates and mappings, clients) must be made again`);
    old.retire(() => {
      throw gone();
    });
    const inFlight = [...this.#inFlight];
    this.#inFlight.clear();
    for (const reject of inFlight) reject(reason ?? gone());
  }

  /** A closure called from the event loop threw: a trap there has no other catcher. */
  #callbackError(thrown) {
    if (!isTrap(thrown)) return false;
    this.reset(toError(thrown));
    return true;
  }

  /** The promise of an async export (`start()` makes it), with a rejection turned into
   * an OfficeGuyError; it also rejects when the instance is reset meanwhile. */
  settle(start) {
    return new Promise((resolve, reject) => {
      let pending;
      try {
        pending = start();
      } catch (e) {
        reject(this.toError(e));
        return;
      }
      const drop = () => this.#inFlight.delete(reject);
      this.#inFlight.add(reject);
      pending.then((value) => { drop(); resolve(value); }, (e) => { drop(); reject(this.toError(e)); });
    });
  }

  /** toError, and a trap also replaces the instance. */
  toError(thrown) {
    if (isTrap(thrown)) this.reset();
    return toError(thrown);
  }

  /** Calls an export with JSON arguments and parses its JSON result. */
  call(name, ...args) {
    const fn = this.wasm[name];
    if (typeof fn !== 'function') throw new OfficeGuyError('internal', `the ${this.name} wasm module has no export ${name}; rebuild with npm run build`);
    let out;
    try {
      out = fn(...args);
    } catch (e) {
      throw this.toError(e);
    }
    return out === undefined ? undefined : JSON.parse(out);
  }

  /** The instance's own exports (memory, allocator): for tests and benchmarks only. */
  raw() {
    return this.load().raw();
  }
}
