// Node entry (ESM, Node >= 20). The core is several wasm modules (pkg/lib/modules.js);
// each is read from disk, compiled and instantiated synchronously the first time one of
// its exports is called, so importing stays cheap and every export works as soon as the
// package is imported. `ready` is for symmetry with web.js. package.json sends Node to
// pkg/node.js instead: this file and every module it imports, made into one ES module by
// the build (scripts/inline.mjs), which imports in about half the time.
import { readFileSync } from 'node:fs';
import { setModuleSource } from './lib/core.js';

setModuleSource((name) => new WebAssembly.Module(readFileSync(new URL(`./wasm/${name}/module.wasm`, import.meta.url))));

export const ready = Promise.resolve();
export * from './lib/api.js';
