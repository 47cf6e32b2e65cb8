// Idempotent set-up of everything the build and the tests need on a fresh machine:
// the wasm32 target, the wasm-bindgen CLI pinned to the crate's version (cached in a
// versioned folder), the npm packages, and (for browser tests) Debian's Chromium.
// Each step is quick when already done and says what it does when it is not.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { root, run, capture, say, timed } from './run.mjs';

export const cacheDir = process.env.OFFICEGUY_MAKE_CACHE || join(homedir(), '.cache', 'officeguy-make');

/** The exact version of a crate in Cargo.lock. */
export function lockedVersion(crate) {
  const lock = readFileSync(join(root, 'Cargo.lock'), 'utf8');
  const m = lock.match(new RegExp(`name = "${crate}"\\nversion = "([^"]+)"`));
  if (!m) throw new Error(`${crate} is not in Cargo.lock`);
  return m[1];
}

export async function ensureWasmTarget() {
  const installed = capture('rustup', ['target', 'list', '--installed']) || '';
  if (installed.includes('wasm32-unknown-unknown')) return;
  say('adding the Rust target wasm32-unknown-unknown (a few seconds)');
  await run('rustup', ['target', 'add', 'wasm32-unknown-unknown']);
}

/**
 * A cargo-installed tool pinned to `version`, cached in a versioned folder so it is built
 * once per machine; `bins` must all exist for the cache to count. Prints progress, since a
 * first install compiles for minutes.
 */
async function ensureCargoTool({ crate, version, bins, about }) {
  const dir = join(cacheDir, 'tools', `${crate.replace(/-cli$/, '')}-${version}`);
  const bin = join(dir, 'bin', bins[0]);
  if (bins.every((b) => existsSync(join(dir, 'bin', b)))) return { bin, dir, version };
  mkdirSync(dir, { recursive: true });
  say(`installing ${crate} ${version} into ${dir}`);
  say(`this compiles ${about}; it happens once per machine`);
  let n = 0;
  const onLine = (line) => {
    if (/^\s*Compiling /.test(line)) {
      n += 1;
      if (n % 20 === 0) say(`  ${crate}: ${n} crates compiled so far`);
    } else if (/error/i.test(line)) process.stderr.write(`${line}\n`);
  };
  const base = ['install', crate, '--version', version, '--root', dir];
  await timed(`${crate} installed`, async () => {
    // --locked can fail when a pinned dependency is missing from the registry mirror
    const code = await run('cargo', [...base, '--locked'], { check: false, onLine });
    if (code !== 0) {
      say('  retrying without --locked');
      await run('cargo', base, { onLine });
    }
  });
  return { bin, dir, version };
}

/** Path of the wasm-bindgen CLI matching Cargo.lock, installing it once (about 4 minutes). */
export function ensureWasmBindgen() {
  return ensureCargoTool({
    crate: 'wasm-bindgen-cli', version: lockedVersion('wasm-bindgen'),
    bins: ['wasm-bindgen', 'wasm-bindgen-test-runner'], about: 'about 200 crates and takes about 4 minutes on 2 cores',
  });
}

/** cargo-fuzz, the libFuzzer driver for the fuzz targets in fuzz/; pinned, cached like the
 * wasm-bindgen CLI. Only `npm test -- --only fuzz` (and the full run) and scripts/fuzz.mjs need it. */
export const cargoFuzzVersion = '0.13.2';

export function ensureCargoFuzz() {
  return ensureCargoTool({
    crate: 'cargo-fuzz', version: cargoFuzzVersion,
    bins: ['cargo-fuzz'], about: 'about 60 crates and takes about 2 minutes on 2 cores',
  });
}

/** The nightly toolchain, which libFuzzer's sanitizer flags need. Installed with rustup when
 * missing (CI machines reach the registries; this is the one toolchain download rustup makes). */
export async function ensureNightly() {
  const toolchains = capture('rustup', ['toolchain', 'list']) || '';
  if (/^nightly/m.test(toolchains)) return;
  say('the fuzz targets need the nightly toolchain, which is missing: installing it with');
  say('  rustup toolchain install nightly --profile minimal   (about a minute)');
  await timed('nightly installed', () => run('rustup', ['toolchain', 'install', 'nightly', '--profile', 'minimal']));
}

/** Installs npm packages when package-lock.json changed since the last install here.
 * A hash, not file times: a git checkout makes the lock file look newer than it is. */
export async function ensureNpmPackages() {
  const lock = join(root, 'package-lock.json');
  const stamp = join(root, 'node_modules', '.officeguy-make-lock');
  const want = existsSync(lock) ? createHash('sha256').update(readFileSync(lock)).digest('hex') : 'no-lock';
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  if (existsSync(join(root, 'node_modules', '.package-lock.json')) && !existsSync(stamp) && packagesMatch()) {
    writeFileSync(stamp, want);
    return;
  }
  say('installing npm packages');
  await timed('npm packages installed', () =>
    run('npm', existsSync(lock) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund']));
  writeFileSync(stamp, want);
}

/** True when every package the lock file names is installed at its locked version. */
function packagesMatch() {
  try {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
    for (const [path, info] of Object.entries(lock.packages || {})) {
      if (!path.startsWith('node_modules/') || info.optional) continue;
      const manifest = join(root, path, 'package.json');
      if (!existsSync(manifest) || JSON.parse(readFileSync(manifest, 'utf8')).version !== info.version) return false;
    }
    return true;
  } catch {
    return false;
  }
}

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function ensureChromium() {
  if (existsSync(chromiumPath) && existsSync('/usr/bin/chromedriver')) return chromiumPath;
  if (process.getuid?.() !== 0) {
    throw new Error(`Chromium is missing at ${chromiumPath}; install it with: sudo apt-get install -y chromium chromium-driver`);
  }
  say("installing Debian's chromium and chromium-driver for the browser tests (about a minute)");
  await timed('chromium installed', async () => {
    await run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update', '-qq']);
    await run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '-qq', 'chromium', 'chromium-driver'],
      { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  });
  return chromiumPath;
}

/** Everything the build needs. */
export async function setupBuild() {
  await ensureNpmPackages();
  await ensureWasmTarget();
  return ensureWasmBindgen();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const withBrowser = process.argv.includes('--browser');
  await setupBuild();
  if (withBrowser) await ensureChromium();
  say('set-up complete');
}
