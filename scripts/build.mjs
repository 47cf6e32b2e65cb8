// `npm run build`: builds the wasm core into pkg/wasm/ when its inputs changed.
// Steps: cargo (release, wasm32) -> wasm-bindgen CLI (--target web) -> wasm-opt -Oz
// (npm binaryen; Debian's older wasm-opt breaks the module) -> sizes, raw and gzip.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root, run, say, timed } from './lib/run.mjs';
import { setupBuild } from './lib/setup.mjs';
import { listFiles } from './lib/files.mjs';
import { writeCatalogTypes } from './gen-types.mjs';

const outDir = join(root, 'pkg', 'wasm');
const stampFile = join(outDir, '.inputs');
export const targetDir = process.env.CARGO_TARGET_DIR || join(root, 'target');

/** A hash of everything that goes into the wasm, so an unchanged tree skips the build. */
function inputsHash(extra) {
  const h = createHash('sha256');
  const inputs = [...listFiles(join(root, 'src')), join(root, 'Cargo.toml'), join(root, 'Cargo.lock'), join(root, 'scripts', 'build.mjs')];
  for (const f of inputs.sort()) {
    h.update(relative(root, f));
    h.update(readFileSync(f));
  }
  h.update(extra);
  return h.digest('hex');
}

export function wasmSizes() {
  const wasm = readFileSync(join(outDir, 'officeguy_make_bg.wasm'));
  return { raw: wasm.length, gzip: gzipSync(wasm, { level: 9 }).length };
}

export async function build({ force = false } = {}) {
  const { bin: wasmBindgen, version } = await setupBuild();
  const hash = inputsHash(version);
  if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) {
    await writeCatalogTypes();
    const s = wasmSizes();
    say(`wasm is up to date (${s.raw} bytes, ${s.gzip} gzip)`);
    return s;
  }
  say('building the wasm core (release; a first build compiles dependencies for about a minute)');
  await timed('cargo build', () => run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--lib'],
    { env: { CARGO_TARGET_DIR: targetDir } }));
  const built = join(targetDir, 'wasm32-unknown-unknown', 'release', 'officeguy_make.wasm');
  mkdirSync(outDir, { recursive: true });
  await timed('wasm-bindgen', () => run(wasmBindgen, [built, '--target', 'web', '--out-dir', outDir, '--out-name', 'officeguy_make']));
  const wasmOpt = join(root, 'node_modules', '.bin', 'wasm-opt');
  const bg = join(outDir, 'officeguy_make_bg.wasm');
  await timed('wasm-opt -Oz', async () => {
    await run(wasmOpt, [bg, '-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
      '--enable-reference-types', '--enable-sign-ext', '--enable-mutable-globals', '--enable-multivalue',
      '-o', `${bg}.opt`]);
    renameSync(`${bg}.opt`, bg);
  });
  writeFileSync(stampFile, hash);
  await writeCatalogTypes();
  const s = wasmSizes();
  say(`wasm: ${s.raw} bytes raw, ${s.gzip} bytes gzip -9 (pkg/wasm/officeguy_make_bg.wasm)`);
  await (await import('./inline.mjs')).buildInline({ wasmBindgen, builtWasm: built });
  return s;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await build({ force: process.argv.includes('--force') });
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
