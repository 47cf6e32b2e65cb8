// Browser entry. The core is several wasm modules (pkg/lib/modules.js); `ready` fetches
// and compiles them all in parallel (streaming, as the bytes arrive), then every export
// works synchronously: each module is instantiated from its compiled form on first use.
import { OfficeGuyError, setModuleSource } from './lib/core.js';
import { modules } from './lib/modules.js';

async function compile(name) {
  const url = new URL(`./wasm/${name}/module.wasm`, import.meta.url);
  const response = await fetch(url);
  if (!response.ok) throw new OfficeGuyError('load_failed', `the ${name} wasm module could not be fetched: HTTP ${response.status} for ${url}`);
  if (typeof WebAssembly.compileStreaming === 'function' && response.headers.get('Content-Type') === 'application/wasm') {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

export const ready = Promise.all(Object.keys(modules).map(async (name) => [name, await compile(name)]))
  .then((compiled) => {
    const byName = new Map(compiled);
    setModuleSource((name) => byName.get(name));
  });
export * from './lib/api.js';
