// Node entry (ESM, Node >= 20): the wasm is read from disk and instantiated synchronously,
// so every export works as soon as the module is imported; `ready` is for symmetry with web.js.
import { readFileSync } from 'node:fs';
import { initSync } from './wasm/officeguy_make.js';

initSync({ module: readFileSync(new URL('./wasm/officeguy_make_bg.wasm', import.meta.url)) });

export const ready = Promise.resolve();
export * from './lib/api.js';
