// Node entry (ESM, Node >= 20). The core is several wasm modules (pkg/lib/modules.js);
// each is read from disk, compiled and instantiated synchronously the first time one of
// its exports is called, so importing stays cheap and every export works as soon as the
// package is imported. `ready` is for symmetry with web.js.
import { readFileSync } from 'node:fs';
import { setModuleSource } from './lib/core.js';

setModuleSource((name) => new WebAssembly.Module(readFileSync(new URL(`./wasm/${name}/module.wasm`, import.meta.url))));

export const ready = Promise.resolve();
export * from './lib/api.js';
