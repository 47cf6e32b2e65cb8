// IML, Make's expression language: a thin shim over the wasm exports of
// src/bindings/iml.rs. Values cross as JSON text (measured faster than object
// conversion for bundles; see bench/iml-mapping.mjs). Integers beyond 2^53 that a
// template only copies come back as BigInt, never rounded; a bundle given as JSON text
// (or with BigInt ids) keeps them exact on the way in too.
//
// A compiled mapping's JSON crosses through an exchange area in wasm memory: the
// bundles are encoded straight into it and the params decoded straight out of it, one
// wasm call, no per-call allocation. A result that is not ASCII comes out as UTF-16,
// which V8 turns into a string about ten times faster than UTF-8 with Hebrew in it.
import { OfficeGuyError, toJson } from './core.js';
import { iml } from './modules.js';

const { toError, wasm } = iml;

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const wideDecoder = new TextDecoder('utf-16le');
// Node's Buffer makes a string from UTF-16 about five times faster than TextDecoder
const NodeBuffer = typeof globalThis.Buffer === 'function' && typeof globalThis.Buffer.from === 'function' ? globalThis.Buffer : null;
let memory = null;
let instanceResets = 0; // the areas belong to one instance; a trap replaces it
let view = null;
let nodeView = null;
let inputAt = 0;
let inputRoom = 0;
const KEEP_AREA = 1 << 20; // as KEEP_OUTPUT in src/bindings/iml.rs

function forgetAreasAfterReset() {
  if (iml.resets === instanceResets) return;
  instanceResets = iml.resets;
  memory = view = nodeView = null;
  inputAt = inputRoom = 0;
}

function memoryBytes() {
  memory ??= wasm.imlMemory();
  if (view === null || view.buffer !== memory.buffer) { // the memory grew
    view = new Uint8Array(memory.buffer);
    nodeView = NodeBuffer ? NodeBuffer.from(memory.buffer) : null;
  }
  return view;
}

/**
 * Encodes `text` into the input area, runs `run(byteLength)`, and decodes the output
 * area: `run` returns the result's length times two, plus one when the core wrote it as
 * UTF-16 (text beyond ASCII for the caller) rather than UTF-8.
 */
function exchange(text, run) {
  forgetAreasAfterReset();
  const room = text.length * 3; // UTF-8 never takes more than 3 bytes per UTF-16 unit
  if (room > inputRoom || (inputRoom > KEEP_AREA && room <= KEEP_AREA)) { // grow, or give a large area back
    inputAt = wasm.imlInputArea(room);
    inputRoom = room;
  }
  const { written } = encoder.encodeInto(text, memoryBytes().subarray(inputAt, inputAt + room));
  const r = run(written);
  const at = wasm.imlOutputArea();
  const bytes = memoryBytes();
  if ((r & 1) === 0) return decoder.decode(bytes.subarray(at, at + r / 2));
  const end = at + (r - 1);
  return nodeView ? nodeView.toString('utf16le', at, end) : wideDecoder.decode(bytes.subarray(at, end));
}

const BIG = '"\\u0000big:';

function jsonIn(value, name) {
  if (name !== 'template' && typeof value === 'string' && (name === 'bundles' || name === 'context')) return value;
  try {
    const s = JSON.stringify(value);
    return s === undefined ? 'null' : s;
  } catch {
    return toJson(value, name); // BigInt ids: written as exact integers
  }
}

function jsonOut(text) {
  if (!text.includes(BIG)) return JSON.parse(text);
  return JSON.parse(text, (_k, v) => (typeof v === 'string' && v.startsWith('\u0000big:') ? BigInt(v.slice(5)) : v));
}

function optionsIn(o = {}, dialect) {
  if (o === null || typeof o !== 'object') throw new OfficeGuyError('invalid_argument', 'options: expected an object');
  let now = o.now;
  if (now instanceof Date) now = now.getTime();
  else if (typeof now === 'string') now = Date.parse(now);
  if (now !== undefined && !Number.isFinite(now)) throw new OfficeGuyError('invalid_argument', 'options.now: expected a Date, an ISO-8601 text or milliseconds');
  return JSON.stringify({ dialect: o.dialect ?? dialect, timezone: o.timezone, now });
}

function wrap(fn) {
  try {
    return fn();
  } catch (e) {
    throw toError(e);
  }
}

const registry = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((h) => h.free()) : null;

class Handle {
  #h;
  constructor(h) {
    this.#h = h;
    registry?.register(this, h, this);
  }
  get _h() {
    if (!this.#h) throw new OfficeGuyError('freed', `this ${this.constructor.name} was freed`);
    return this.#h;
  }
  /** Releases the wasm memory now (otherwise the garbage collector does it later). */
  free() {
    if (!this.#h) return;
    registry?.unregister(this);
    this.#h.free();
    this.#h = null;
  }
}

/** A template parsed once, evaluated many times. */
export class CompiledTemplate extends Handle {
  evaluate(context = {}) {
    return wrap(() => jsonOut(this._h.evaluate(jsonIn(context, 'context'))));
  }
  /** The template written in `dialect` ('scenario' or 'app'). */
  print(dialect) {
    return wrap(() => this._h.print(dialect));
  }
}

/** A scenario mapper parsed once, applied to many bundles. */
export class CompiledMapping extends Handle {
  apply(bundles = {}) {
    return wrap(() => {
      const h = this._h;
      return jsonOut(exchange(jsonIn(bundles, 'bundles'), (n) => h.applyExchange(n, true, Date.now())));
    });
  }
  /** JSON text in, JSON text out: for a webhook body that becomes a request body. 64-bit ids stay exact digits. */
  applyJson(bundlesJson) {
    if (typeof bundlesJson !== 'string') throw new OfficeGuyError('invalid_argument', 'bundlesJson: expected JSON text');
    return wrap(() => {
      const h = this._h;
      return exchange(bundlesJson, (n) => h.applyExchange(n, false, Date.now()));
    });
  }
}

/** Evaluates a template: the raw value for a single `{{...}}`, text otherwise. */
export function evaluate(template, context = {}, options = {}) {
  return wrap(() => jsonOut(wasm.imlEvaluate(String(template), jsonIn(context, 'context'), optionsIn(options, 'app'))));
}

export function compile(template, options = {}) {
  return wrap(() => new CompiledTemplate(new wasm.ImlTemplate(String(template), optionsIn(options, 'app'))));
}

/** Action params from a scenario mapper and bundles keyed by module id ("1"). */
export function applyMapping(mapper, bundles = {}, options = {}) {
  return wrap(() => jsonOut(wasm.imlApplyMapping(jsonIn(mapper, 'mapper'), jsonIn(bundles, 'bundles'), optionsIn(options, 'scenario'))));
}

export function compileMapping(mapper, options = {}) {
  return wrap(() => new CompiledMapping(new wasm.ImlMapping(jsonIn(mapper, 'mapper'), optionsIn(options, 'scenario'))));
}

/** Rewrites a template from one dialect ('scenario', 'app') into the other. */
export function convertDialect(template, from, to) {
  return wrap(() => JSON.parse(wasm.imlConvert(String(template), from, to)));
}

/** Syntax problems of a template, for an editor: `[{offset, length, code, message}]`, offsets in UTF-16 units. */
export function checkTemplate(template, options = {}) {
  return wrap(() => JSON.parse(wasm.imlCheck(String(template), options.dialect ?? 'scenario')));
}
