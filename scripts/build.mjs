// `npm run build`: builds the wasm modules of the package into pkg/wasm/<name>/, each
// when its inputs changed. One crate, one Cargo feature per module (see Cargo.toml), so a
// consumer loads only the areas it uses. Per stale module:
//   cargo rustc (release, wasm32, cdylib only, --features <name>)
//   -> wasm-bindgen CLI (--target web) -> the glue rewritten as a factory (lib/glue.mjs)
//   -> wasm-opt -Oz (npm binaryen; Debian's older wasm-opt breaks the module).
// cargo runs one module at a time (they share the target dir, and so its dependencies);
// the glue and wasm-opt of one module overlap with cargo building the next.
// Then the single-file build, and every module's size, raw and gzip.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync, renameSync, rmSync, copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, isAbsolute } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root, run, say, timed } from './lib/run.mjs';
import { setupBuild } from './lib/setup.mjs';
import { glueFactory } from './lib/glue.mjs';
import { writeCatalogTypes } from './gen-types.mjs';

export const wasmDir = join(root, 'pkg', 'wasm');
export const targetDir = process.env.CARGO_TARGET_DIR || join(root, 'target');

/** The package's wasm modules, in build order; `features` are the crate's Cargo features,
 * `opt` the opt-level (the release profile's 3 keeps the speed goals of the IML, trigger
 * and request paths; the client waits on the network and the app generator is a dev-time
 * tool, so they are built for size). pkg/lib/modules.js loads the same names.
 * `rustc` are extra flags for the crate itself (with fat LTO they steer the whole module's
 * optimisation, and the dependencies are not rebuilt). OGM_OPT_<NAME> (e.g. OGM_OPT_IML=s)
 * and OGM_RUSTC_<NAME> override them, for measurements. `small` are dependencies built at
 * opt-level z within a module built at 3: the IML functions that use them (digests)
 * are not on the mapping path, and z keeps the minsize attribute on their
 * functions through LTO (3.3 KB gzip off the iml module). `wasmOpt` are extra wasm-opt
 * flags (`--converge`: 0.7 KB gzip off the iml module, 5 s more wasm-opt).
 * `-ocimfs=500` (--one-caller-inline-max-function-size): wasm-opt otherwise inlines every
 * function that has one caller, however large, and made one 66 KB `eval` of the IML
 * function families; V8 compiles a wasm function whole on its first call, and its
 * baseline compiler took 10 ms on that one (the first evaluate: 10 ms -> 0.6 ms). It
 * also makes both modules smaller (iml 0.6 KB, actions 1.6 KB gzip). */
export const MODULES = [
  { name: 'actions', features: 'actions', opt: '3', wasmOpt: ['-ocimfs=500'] },
  // inline threshold 50 (opt-level 3's is 250): 8% smaller with mapping as fast; measured
  // against 40 and 35 (2 KB smaller, applyJson about 10% slower), 25 (1.15x slower), 10
  // (1.2x). No loop unrolling: 1.2 KB smaller, mapping as fast. With these flags and wasmOpt
  // (2026-11-30, 145.8 KB gzip at 3): opt-level s about 6 KB smaller and applyJson
  // 1.02-1.03x slower, z 14 KB smaller and 1.25x slower
  { name: 'iml', features: 'iml', opt: '3', rustc: ['-C', 'llvm-args=-inline-threshold=50', '-C', 'llvm-args=-unroll-threshold=0'],
    small: ['sha1', 'sha2', 'md-5'], wasmOpt: ['--converge', '-ocimfs=500'] },
  { name: 'trigger', features: 'trigger', opt: '3' },
  { name: 'client', features: 'client', opt: 'z' },
  { name: 'makeapp', features: 'makeapp', opt: 'z' },
].map((m) => {
  const env = (k) => process.env[`OGM_${k}_${m.name.toUpperCase()}`];
  return { ...m, opt: env('OPT') || m.opt, rustc: env('RUSTC') !== undefined ? env('RUSTC').split(' ').filter(Boolean) : m.rustc || [],
    small: m.small || [], wasmOpt: m.wasmOpt || [] };
});

export const moduleWasm = (name) => join(wasmDir, name, 'module.wasm');
export const moduleGlue = (name) => join(wasmDir, name, 'glue.js');
const stampOf = (name) => join(wasmDir, name, '.inputs.json');
const cargoOutput = () => join(targetDir, 'wasm32-unknown-unknown', 'release', 'officeguy_make.wasm');
const depInfo = () => join(targetDir, 'wasm32-unknown-unknown', 'release', 'officeguy_make.d');

/** Files that every module depends on besides its Rust sources. */
const COMMON_INPUTS = ['Cargo.toml', 'Cargo.lock', 'scripts/build.mjs', 'scripts/lib/glue.mjs'];

/** A hash of a module's inputs: the source files its last build read (cargo's dep-info), the
 * common inputs, the CLI version and its features. Null when an input is gone. */
function inputsHash(m, sources, toolVersion) {
  const h = createHash('sha256');
  h.update(`${m.name}\0${m.features}\0${m.opt}\0${m.rustc.join(' ')}\0${m.small.join(' ')}\0${m.wasmOpt.join(' ')}\0${toolVersion}\0`);
  for (const rel of [...COMMON_INPUTS, ...sources].sort()) {
    const file = join(root, rel);
    if (!existsSync(file)) return null;
    h.update(rel);
    // Cargo.toml's comments record measurements; editing them changes no module
    h.update(rel === 'Cargo.toml' ? readFileSync(file, 'utf8').replace(/^[ \t]*#.*(\n|$)/gm, '') : readFileSync(file));
  }
  return h.digest('hex');
}

function readStamp(name) {
  try {
    return JSON.parse(readFileSync(stampOf(name), 'utf8'));
  } catch {
    return null;
  }
}

/** True when the module's outputs exist and none of its inputs changed since they were made. */
function upToDate(m, toolVersion) {
  const stamp = readStamp(m.name);
  if (!stamp || !existsSync(moduleWasm(m.name)) || !existsSync(moduleGlue(m.name))) return false;
  return inputsHash(m, stamp.sources, toolVersion) === stamp.hash;
}

/** The crate's source files that rustc read, from the dep-info cargo writes beside the output. */
function sourcesRead() {
  const text = readFileSync(depInfo(), 'utf8').replace(/\\\n/g, ' ');
  const first = text.split('\n')[0];
  const deps = first.slice(first.indexOf(':') + 1).trim().split(/(?<!\\)\s+/).map((p) => p.replace(/\\ /g, ' '));
  return [...new Set(deps.map((p) => (isAbsolute(p) ? relative(root, p) : p))
    .filter((p) => p && !p.startsWith('..') && !p.startsWith('/')))].sort();
}

export function moduleSizes() {
  const out = {};
  for (const m of MODULES) {
    if (!existsSync(moduleWasm(m.name))) continue;
    const wasm = readFileSync(moduleWasm(m.name));
    out[m.name] = { raw: wasm.length, gzip: gzipSync(wasm, { level: 9 }).length };
  }
  return out;
}

/** Every module's size and the sum, as `{modules: {name: {raw, gzip}}, raw, gzip}`. */
export function wasmSizes() {
  const modules = moduleSizes();
  const sum = (k) => Object.values(modules).reduce((a, s) => a + s[k], 0);
  return { modules, raw: sum('raw'), gzip: sum('gzip') };
}

export function printSizes(sizes = wasmSizes()) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  for (const [name, s] of Object.entries(sizes.modules)) {
    say(`  ${name.padEnd(8)} ${String(s.raw).padStart(9)} B raw ${kb(s.raw).padStart(9)}  ${String(s.gzip).padStart(8)} B gzip -9 ${kb(s.gzip).padStart(9)}`);
  }
  say(`  ${'total'.padEnd(8)} ${String(sizes.raw).padStart(9)} B raw ${kb(sizes.raw).padStart(9)}  ${String(sizes.gzip).padStart(8)} B gzip -9 ${kb(sizes.gzip).padStart(9)}`);
}

const WASM_OPT_FEATURES = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-reference-types',
  '--enable-sign-ext', '--enable-mutable-globals', '--enable-multivalue'];

/** Custom sections no host reads (the toolchain's names and the features it targeted),
 * dropped in the optimising run: 0.2 KB gzip a module. Stripped before wasm-opt instead,
 * `target_features` would be missing where wasm-opt validates the module. */
const STRIP = ['--strip-producers', '--strip-target-features'];

/** wasm-bindgen, the glue factory and wasm-opt for one module built by cargo (a copy in `work`). */
async function finish(m, { wasmBindgen, work, built }) {
  const out = join(work, 'bindgen');
  await run(wasmBindgen, [built, '--target', 'web', '--no-typescript', '--out-dir', out, '--out-name', m.name], { quiet: true });
  // kept for size analysis: the module before wasm-opt still has its name section
  mkdirSync(join(targetDir, 'wasm-modules'), { recursive: true });
  copyFileSync(join(out, `${m.name}_bg.wasm`), join(targetDir, 'wasm-modules', `${m.name}.wasm`));
  const glue = glueFactory(readFileSync(join(out, `${m.name}.js`), 'utf8'), m.name);
  const bg = join(out, `${m.name}_bg.wasm`);
  const t0 = Date.now();
  await run(join(root, 'node_modules', '.bin', 'wasm-opt'), [bg, '-Oz', ...m.wasmOpt, ...WASM_OPT_FEATURES, ...STRIP, '-o', `${bg}.opt`], { quiet: true });
  const dir = join(wasmDir, m.name);
  mkdirSync(dir, { recursive: true });
  // the wasm first, the glue second: a reader that sees the new glue also sees its wasm
  renameSync(`${bg}.opt`, moduleWasm(m.name));
  writeFileSync(moduleGlue(m.name), glue);
  say(`  ${m.name}: wasm-bindgen and wasm-opt done (${((Date.now() - t0) / 1000).toFixed(1)} s wasm-opt)`);
}

/** Removes what the single-module layout left in pkg/wasm/ (officeguy_make*.js/.wasm). */
function removeOldLayout() {
  for (const f of ['officeguy_make.js', 'officeguy_make.d.ts', 'officeguy_make_bg.wasm', 'officeguy_make_bg.wasm.d.ts', '.inputs', '.inline-inputs']) {
    rmSync(join(wasmDir, f), { force: true });
  }
}

export async function build({ force = false, only = null, dryRun = false } = {}) {
  const { bin: wasmBindgen, version } = await setupBuild();
  const wanted = MODULES.filter((m) => !only || only.includes(m.name));
  const stale = wanted.filter((m) => force || !upToDate(m, version));
  if (dryRun) {
    say(`stale: ${stale.map((m) => m.name).join(', ') || 'none'}`);
    return null;
  }
  removeOldLayout();
  if (stale.length === 0) {
    say(`wasm modules are up to date (${wanted.map((m) => m.name).join(', ')})`);
  } else {
    say(`building ${stale.length} of ${wanted.length} wasm modules: ${stale.map((m) => m.name).join(', ')} ` +
      '(release, one cargo build each; a first build compiles dependencies for about a minute)');
    const work = mkdtempSync(join(tmpdir(), 'ogm-build-'));
    const pending = [];
    try {
      for (const [i, m] of stale.entries()) {
        // cdylib outputs carry no per-feature hash, so cargo could call another feature
        // set's output fresh: forget this crate's release artifacts before each module
        await run('cargo', ['clean', '--release', '--target', 'wasm32-unknown-unknown', '-p', 'officeguy-make'],
          { env: { CARGO_TARGET_DIR: targetDir }, quiet: true });
        await timed(`[${i + 1}/${stale.length}] cargo build ${m.name} (opt-level ${m.opt})`, () => run('cargo', ['rustc', '--release',
          ...m.small.flatMap((p) => ['--config', `profile.release.package.${p}.opt-level="z"`]),
          '--target', 'wasm32-unknown-unknown', '--lib', '--crate-type', 'cdylib', '--no-default-features', '--features', m.features,
          ...(m.rustc.length ? ['--', ...m.rustc] : [])],
        { env: { CARGO_TARGET_DIR: targetDir, CARGO_PROFILE_RELEASE_OPT_LEVEL: m.opt } }));
        const sources = sourcesRead();
        // hashed now, as built (an edit made while wasm-opt runs makes the module stale)
        const hash = inputsHash(m, sources, version);
        const mine = join(work, m.name);
        mkdirSync(mine, { recursive: true });
        const built = join(mine, 'officeguy_make.wasm');
        copyFileSync(cargoOutput(), built);
        const done = finish(m, { wasmBindgen, work: mine, built }).then(() => {
          if (hash) writeFileSync(stampOf(m.name), JSON.stringify({ hash, sources }, null, 1));
        });
        done.catch(() => {}); // reported by Promise.all below, not as an unhandled rejection meanwhile
        pending.push(done);
      }
      await timed('wasm-bindgen and wasm-opt', () => Promise.all(pending));
    } finally {
      // let every module's post-processing settle before the work folder goes
      await Promise.allSettled(pending);
      rmSync(work, { recursive: true, force: true });
    }
  }
  await writeCatalogTypes();
  const sizes = wasmSizes();
  say('wasm modules (pkg/wasm/<name>/module.wasm):');
  printSizes(sizes);
  const single = await import('./inline.mjs');
  sizes.inline = await single.buildInline();
  await single.buildNodeEntry();
  return sizes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const i = process.argv.indexOf('--only');
    await build({ force: process.argv.includes('--force'), only: i > 0 ? process.argv[i + 1].split(',') : null,
      dryRun: process.argv.includes('--dry-run') });
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
