// The single-file build: pkg/officeguy-make.inline.js holds every wasm module (base64),
// each module's glue factory (pkg/wasm/<name>/glue.js, made by scripts/build.mjs) and the
// package's shim modules (pkg/lib/*.js, concatenated), and starts synchronously; a module
// is decoded, compiled and instantiated on its first use, as in pkg/index.js. It needs
// only JavaScript built-ins plus WebAssembly, so it loads in a bare `node:vm` context, a
// worker, or a code step of Make, n8n or Zapier where WebAssembly is allowed; it defines one
// global, `officeguyMake`, with the names of pkg/index.js.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root, say } from './lib/run.mjs';

export const inlineFile = join(root, 'pkg', 'officeguy-make.inline.js');
const libDir = join(root, 'pkg', 'lib');
const wasmDir = join(root, 'pkg', 'wasm');
const stampFile = join(wasmDir, '.inline-inputs');

/** UTF-8 TextEncoder/TextDecoder for hosts without them (a bare vm context has neither). */
const UTF8_FALLBACK = String.raw`
  const TextEncoder = typeof globalThis.TextEncoder === 'function' ? globalThis.TextEncoder : class {
    encode(text = '') {
      const out = [];
      for (const ch of String(text)) {
        let c = ch.codePointAt(0);
        if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // a lone surrogate, as TextEncoder does
        if (c < 0x80) out.push(c);
        else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
        else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
        else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      }
      return new Uint8Array(out);
    }
  };
  const TextDecoder = typeof globalThis.TextDecoder === 'function' ? globalThis.TextDecoder : class {
    decode(bytes) {
      if (bytes === undefined) return '';
      const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes.buffer || bytes);
      let out = '';
      const points = [];
      for (let i = 0; i < b.length;) {
        const x = b[i];
        let c = 0xfffd;
        let n = 1;
        if (x < 0x80) c = x;
        else if (x >= 0xc2 && x < 0xe0 && i + 1 < b.length) { c = ((x & 31) << 6) | (b[i + 1] & 63); n = 2; }
        else if (x >= 0xe0 && x < 0xf0 && i + 2 < b.length) { c = ((x & 15) << 12) | ((b[i + 1] & 63) << 6) | (b[i + 2] & 63); n = 3; }
        else if (x >= 0xf0 && x < 0xf5 && i + 3 < b.length) { c = ((x & 7) << 18) | ((b[i + 1] & 63) << 12) | ((b[i + 2] & 63) << 6) | (b[i + 3] & 63); n = 4; }
        points.push(c);
        i += n;
        if (points.length >= 4096) { out += String.fromCodePoint(...points); points.length = 0; }
      }
      return out + String.fromCodePoint(...points);
    }
  };
  const console = typeof globalThis.console === 'object' ? globalThis.console : { error() {}, warn() {}, log() {} };
`;

const BASE64_DECODER = String.raw`
  function fromBase64(s) {
    const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const map = new Uint8Array(128);
    for (let i = 0; i < 64; i++) map[abc.charCodeAt(i)] = i;
    const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
    const out = new Uint8Array((s.length / 4) * 3 - pad);
    let j = 0;
    for (let i = 0; i < s.length; i += 4) {
      const v = (map[s.charCodeAt(i)] << 18) | (map[s.charCodeAt(i + 1)] << 12) | (map[s.charCodeAt(i + 2)] << 6) | map[s.charCodeAt(i + 3)];
      out[j++] = (v >> 16) & 255;
      if (j < out.length) out[j++] = (v >> 8) & 255;
      if (j < out.length) out[j++] = v & 255;
    }
    return out;
  }
`;

/**
 * A module's glue factory (pkg/wasm/<name>/glue.js) as a plain function, `__glue_<name>`.
 * A wasm import that calls `fetch` (the HTTP client) gets a stub that says there is no
 * network here.
 */
export function glueFunction(name, { network = false } = {}) {
  const text = readFileSync(join(wasmDir, name, 'glue.js'), 'utf8');
  const head = 'export default function createGlue(hooks = {}) {';
  if (!text.includes(head)) throw new Error(`inline: pkg/wasm/${name}/glue.js is not a glue factory; rebuild with npm run build`);
  const glue = text.replace(/^\/\/.*\n/gm, '').replace(head, `function ${glueVar(name)}(hooks = {}) {`);
  return network ? glue : glue.replace(/\bfetch\(/g, 'noNetwork(');
}

const glueVar = (name) => `__glue_${name}`;

const NO_NETWORK = `
  function noNetwork() {
    throw new Error('officeguy-make (single-file build): this host gives the core no network; build the request with buildRequest and send it with the host\\'s own HTTP step');
  }
`;

/** The modules reachable from pkg/lib/api.js, dependencies first. */
function moduleOrder(entry) {
  const order = [];
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/(?:import|export)\s[\s\S]*?\sfrom\s+'(\.[^']+)'/g)) {
      const dep = resolve(dirname(file), m[1]);
      if (dep.startsWith(libDir)) visit(dep);
    }
    order.push(file);
  };
  visit(entry);
  return order;
}

const moduleVar = (file) => `__m_${relative(libDir, file).replace(/\.js$/, '').replace(/[^A-Za-z0-9]/g, '_')}`;

/** One shim module as a function scope that returns its exports. */
export function wrapModule(file) {
  // comments are for the package's readers; dropping them keeps the file lean and free of
  // words (such as `fetch` in an example) that a host's scanner would flag
  let src = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const exported = [];
  const spreads = [];
  const target = (spec) => {
    const dep = resolve(dirname(file), spec);
    const glue = relative(wasmDir, dep).match(/^(\w+)\/glue\.js$/);
    if (glue) return glueVar(glue[1]);
    if (!dep.startsWith(libDir)) throw new Error(`inline: ${relative(root, file)} imports ${spec}, which the single file cannot hold`);
    return moduleVar(dep);
  };
  const names = (list) => list.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const [from, as] = s.split(/\s+as\s+/);
    return { from: from.trim(), as: (as || from).trim() };
  });
  src = src.replace(/^import\s+\*\s+as\s+(\w+)\s+from\s+'([^']+)';?/gm, (_m, name, spec) => `const ${name} = ${target(spec)};`);
  src = src.replace(/^import\s+(\w+)\s+from\s+'([^']+)';?/gm, (_m, name, spec) => `const ${name} = ${target(spec)};`);
  src = src.replace(/^import\s*\{([^}]*)\}\s*from\s+'([^']+)';?/gm, (_m, list, spec) =>
    `const { ${names(list).map((n) => (n.from === n.as ? n.from : `${n.from}: ${n.as}`)).join(', ')} } = ${target(spec)};`);
  src = src.replace(/^export\s+\*\s+from\s+'([^']+)';?/gm, (_m, spec) => { spreads.push(target(spec)); return ''; });
  src = src.replace(/^export\s*\{([^}]*)\}\s*from\s+'([^']+)';?/gm, (_m, list, spec) => {
    for (const n of names(list)) exported.push(`${n.as}: ${target(spec)}.${n.from}`);
    return '';
  });
  src = src.replace(/^export\s*\{([^}]*)\};?/gm, (_m, list) => {
    for (const n of names(list)) exported.push(n.from === n.as ? n.from : `${n.as}: ${n.from}`);
    return '';
  });
  src = src.replace(/^export\s+((?:async\s+)?function\*?|class|const|let|var)\s+(\w+)/gm, (_m, kind, name) => {
    exported.push(name);
    return `${kind} ${name}`;
  });
  if (/^\s*(import|export)\b/m.test(src)) {
    throw new Error(`inline: ${relative(root, file)} has an import or export form the single-file build does not handle`);
  }
  const body = [...spreads.map((s) => `...${s}`), ...exported].join(', ');
  return `  const ${moduleVar(file)} = (function () {\n${src}\n    return { ${body} };\n  })();\n`;
}

/** The names that pkg/index.js exports, which the global must have too. */
export function indexExportNames(og) {
  return Object.keys(og).sort();
}

/** The wasm modules that the shims load (pkg/lib/modules.js), by name. */
function moduleNames() {
  const src = readFileSync(join(libDir, 'modules.js'), 'utf8');
  return [...src.matchAll(/^import\s+\w+\s+from\s+'\.\.\/wasm\/(\w+)\/glue\.js'/gm)].map((m) => m[1]);
}

function inputsHash(names, kind = 'inline') {
  const h = createHash('sha256');
  h.update(kind);
  h.update(readFileSync(new URL(import.meta.url)));
  for (const name of names) {
    h.update(name);
    h.update(readFileSync(join(wasmDir, name, 'module.wasm')));
    h.update(readFileSync(join(wasmDir, name, 'glue.js')));
  }
  for (const f of moduleOrder(join(libDir, 'api.js'))) h.update(readFileSync(f));
  return h.digest('hex');
}

export function inlineSizes() {
  const text = readFileSync(inlineFile);
  return { raw: text.length, gzip: gzipSync(text, { level: 9 }).length };
}

/** The built wasm modules' names; throws when one is missing. */
function builtModuleNames() {
  const names = moduleNames();
  for (const name of names) {
    if (!existsSync(join(wasmDir, name, 'module.wasm'))) throw new Error(`inline: pkg/wasm/${name}/module.wasm is missing; run npm run build`);
  }
  return names;
}

/** Runs `write()` to make `file` unless the stamp says its inputs (of this `kind`) are
 * unchanged; true when it wrote. */
async function regenerate(file, stamp, kind, names, write) {
  const hash = inputsHash(names, kind);
  if (existsSync(file) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return false;
  writeFileSync(file, await write());
  writeFileSync(stamp, hash);
  return true;
}

/** Every glue factory (as `__glue_<name>` functions, indented by `indent`) and shim module
 * (as `__m_<name>` scopes, dependencies first), which both bundles hold. */
function bundledCode(names, { network, indent = '' }) {
  const glues = names.map((name) => glueFunction(name, { network }).split('\n').map((l) => (l ? `${indent}${l}` : l)).join('\n'));
  return [...glues, moduleOrder(join(libDir, 'api.js')).map(wrapModule).join('\n')];
}

/**
 * Writes pkg/officeguy-make.inline.js from the built modules in pkg/wasm/ and the shims
 * (nothing to do when none of them changed). Arguments are ignored (older callers passed
 * the CLI and the cargo output).
 */
export async function buildInline() {
  const names = builtModuleNames();
  const wrote = await regenerate(inlineFile, stampFile, 'inline', names, () => [
    '// officeguy-make, single file: the wasm core, inlined, with its JS package. Generated by',
    '// scripts/inline.mjs (npm run build); needs only JavaScript built-ins and WebAssembly.',
    '// Defines one global, officeguyMake, with the names of the package\'s index.js.',
    '(function () {',
    '  \'use strict\';',
    UTF8_FALLBACK,
    BASE64_DECODER,
    NO_NETWORK,
    '  // each module is decoded and compiled on its first use',
    '  const __wasm = {',
    ...names.map((name) => `    ${name}: '${readFileSync(join(wasmDir, name, 'module.wasm')).toString('base64')}',`),
    '  };',
    ...bundledCode(names, { network: false, indent: '  ' }),
    '  __m_core.setModuleSource((name) => new WebAssembly.Module(fromBase64(__wasm[name])));',
    '  globalThis.officeguyMake = Object.freeze({ ...__m_api, ready: Promise.resolve() });',
    '})();',
    '',
  ].join('\n'));
  const s = inlineSizes();
  say(wrote ? `single file: ${s.raw} bytes raw, ${s.gzip} bytes gzip -9 (pkg/officeguy-make.inline.js)`
    : `single-file build is up to date (${s.raw} bytes, ${s.gzip} gzip)`);
  return s;
}

export const nodeEntryFile = join(root, 'pkg', 'node.js');
const nodeStampFile = join(wasmDir, '.node-entry-inputs');

/**
 * Writes pkg/node.js, the package's Node entry (package.json points there): pkg/index.js
 * and every shim and glue module it imports, as one ES module. Node resolves, reads and
 * links each ES module file on its own, which was most of the import's cost (15 files:
 * about 15 ms, against 8 ms for this one; `npm run bench`). It reads the wasm modules from
 * pkg/wasm/ as index.js does. pkg/index.js stays the entry the sources are read from (the
 * tests use both: tests/node/package.test.mjs checks they export the same).
 */
export async function buildNodeEntry() {
  const names = builtModuleNames();
  const wrote = await regenerate(nodeEntryFile, nodeStampFile, 'node', names, async () => [
    '// officeguy-make for Node: pkg/index.js with its shim and glue modules in one ES module.',
    '// Generated by scripts/inline.mjs (npm run build) from pkg/lib/ and pkg/wasm/*/glue.js.',
    "import { readFileSync } from 'node:fs';",
    ...bundledCode(names, { network: true }),
    '__m_core.setModuleSource((name) => new WebAssembly.Module(readFileSync(new URL(`./wasm/${name}/module.wasm`, import.meta.url))));',
    // the shims' export names, read from the shims themselves (nothing is instantiated)
    `export const { ${indexExportNames(await import(join(libDir, 'api.js'))).join(', ')} } = __m_api;`,
    'export const ready = Promise.resolve();',
    '',
  ].join('\n'));
  say(wrote ? 'Node entry: pkg/node.js written' : 'Node entry (pkg/node.js) is up to date');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildInline();
  await buildNodeEntry();
}
