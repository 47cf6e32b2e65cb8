// Browser entry: fetches and instantiates the wasm; every export works once `ready` resolves.
import init from './wasm/officeguy_make.js';

export const ready = init({ module_or_path: new URL('./wasm/officeguy_make_bg.wasm', import.meta.url) }).then(() => undefined);
export * from './lib/api.js';
