// The fuzz targets of fuzz/ (cargo-fuzz, libFuzzer, nightly Rust):
//   node scripts/fuzz.mjs --minutes 10            every target for 10 minutes (the long run)
//   node scripts/fuzz.mjs --seconds 20            the short run that `npm test -- --only fuzz` does
//   node scripts/fuzz.mjs --target iml ...        one target (repeatable)
//   node scripts/fuzz.mjs --sanitizer none        without AddressSanitizer (builds 3x faster)
//   node scripts/fuzz.mjs --minimize              afterwards, merge what was found into
//                                                 fuzz/corpus/<target> and minimise it (cmin)
//   node scripts/fuzz.mjs --seed                  add the seed inputs (fuzz/seeds.mjs) first
//   node scripts/fuzz.mjs --scratch               new inputs go to a temporary folder, removed
//                                                 afterwards (npm test: the run starts from the
//                                                 committed corpus alone, however often it runs)
// Before fuzzing, every committed crasher (fuzz/regressions/<target>/) is replayed.
// New inputs go to fuzz/corpus-work/ (not committed); a crash leaves its input in
// fuzz/artifacts/<target>/ and fails the run. Ends with TAP-style `# pass N` / `# fail N`
// lines: a target that ran crash-free and a replayed crasher count one pass each.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, delimiter, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { root, run, say, timed } from './lib/run.mjs';
import { ensureCargoFuzz, ensureNightly } from './lib/setup.mjs';

export const targets = ['iml', 'webhook', 'build_request', 'state'];
const fuzzDir = join(root, 'fuzz');

function options(argv) {
  const o = { seconds: 20, sanitizer: 'address', targets: [], minimize: false, seed: false, scratch: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--minutes') o.seconds = Math.round(Number(next()) * 60);
    else if (a === '--seconds') o.seconds = Math.round(Number(next()));
    else if (a === '--target') o.targets.push(next());
    else if (a === '--sanitizer') o.sanitizer = next();
    else if (a === '--minimize') o.minimize = true;
    else if (a === '--seed') o.seed = true;
    else if (a === '--scratch') o.scratch = true;
    else throw new Error(`unknown option ${a}`);
  }
  if (!(o.seconds >= 1)) throw new Error('--seconds/--minutes must be positive');
  if (!['address', 'none'].includes(o.sanitizer)) throw new Error('--sanitizer is address or none');
  for (const t of o.targets) if (!targets.includes(t)) throw new Error(`unknown target ${t}; the targets are ${targets.join(', ')}`);
  if (!o.targets.length) o.targets = targets;
  return o;
}

const files = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => !f.startsWith('.')).sort() : []);

/** Runs `cargo +nightly fuzz ...` in fuzz/, with the cached cargo-fuzz first on PATH. */
function cargoFuzz(bin, args, opts = {}) {
  const env = { PATH: `${dirname(bin)}${delimiter}${process.env.PATH}`, CARGO_TERM_COLOR: 'never', ...opts.env };
  return run('cargo', ['+nightly', 'fuzz', ...args], { cwd: fuzzDir, check: false, ...opts, env });
}

async function addSeeds() {
  const { seeds, seedName } = await import(join(fuzzDir, 'seeds.mjs'));
  const all = await seeds(root);
  for (const [t, list] of Object.entries(all)) {
    const dir = join(fuzzDir, 'corpus', t);
    mkdirSync(dir, { recursive: true });
    for (const buf of list) writeFileSync(join(dir, seedName(buf)), buf);
    say(`seeded ${t}: ${list.length} inputs (corpus now ${files(dir).length})`);
  }
}

/** libFuzzer's closing statistics, for the report. */
function stats(text) {
  const num = (re) => Number(text.match(re)?.[1] ?? NaN);
  return {
    runs: num(/stat::number_of_executed_units:\s*(\d+)/),
    seconds: num(/Done \d+ runs in (\d+) second/),
    cov: num(/.*cov: (\d+)/s),
    corpus: num(/.*corp: (\d+)/s),
  };
}

export async function fuzz(argv = []) {
  const o = options(argv);
  try {
    await ensureNightly();
  } catch (e) {
    // an environment without nightly Rust cannot run libFuzzer at all: say so loudly,
    // count the targets as skipped rather than as failures of the code
    say(`SKIPPED: the fuzz targets need nightly Rust, which is missing and could not be installed`);
    say(`  (${e.message.split('\n')[0]}); install it with: rustup toolchain install nightly --profile minimal`);
    console.log(`# skipped ${o.targets.length}`);
    return 0;
  }
  const { bin } = await ensureCargoFuzz();
  if (o.seed) await addSeeds();
  // CI keeps its cargo target folder outside the clone (CARGO_TARGET_DIR): so do the
  // fuzz builds, which then survive from one run to the next
  const targetDir = process.env.CARGO_TARGET_DIR
    ? join(process.env.CARGO_TARGET_DIR, `fuzz-${o.sanitizer}`)
    : join(fuzzDir, 'target', o.sanitizer);
  const common = ['-s', o.sanitizer, '--target-dir', targetDir];
  let passed = 0, failed = 0;

  say(`building the fuzz targets (nightly, sanitizer ${o.sanitizer}); the first build takes 1 to 2 minutes on 2 cores`);
  const built = await timed('fuzz targets built', () =>
    cargoFuzz(bin, ['build', ...common], { onLine: (l) => { if (/error|warning: unused/i.test(l)) console.log(l); } }));
  if (built !== 0) {
    say('the fuzz targets did not build');
    console.log('# pass 0\n# fail 1');
    return 1;
  }

  for (const t of o.targets) {
    // every committed crasher, once: each must now pass its target's checks
    for (const f of files(join(fuzzDir, 'regressions', t))) {
      let out = '';
      const code = await cargoFuzz(bin, ['run', ...common, t, join(fuzzDir, 'regressions', t, f), '--', '-runs=1'],
        { onLine: (l) => { out += `${l}\n`; } });
      if (code === 0) passed += 1;
      else {
        failed += 1;
        console.log(out.slice(-3000));
      }
      say(`replay ${t}/${f}: ${code === 0 ? 'ok' : 'FAILED'}`);
    }
  }

  for (const t of o.targets) {
    const work = o.scratch ? mkdtempSync(join(tmpdir(), `ogm-fuzz-${t}-`)) : join(fuzzDir, 'corpus-work', t);
    const committed = join(fuzzDir, 'corpus', t);
    mkdirSync(work, { recursive: true });
    mkdirSync(committed, { recursive: true });
    const artifacts = join(fuzzDir, 'artifacts', t);
    mkdirSync(artifacts, { recursive: true });
    let out = '';
    say(`fuzzing ${t} for ${o.seconds} s (corpus: ${files(committed).length} committed, ${files(work).length} found before)`);
    const code = await cargoFuzz(bin, ['run', ...common, t, work, committed, '--',
      `-max_total_time=${o.seconds}`, '-timeout=10', '-rss_limit_mb=2048', '-max_len=16384',
      '-print_final_stats=1', `-artifact_prefix=${artifacts}/`], {
      onLine: (l) => {
        out += `${l}\n`;
        if (/panicked|ERROR|SUMMARY|Test unit written|Running:|^thread/.test(l)) console.log(l);
      },
    });
    const s = stats(out);
    if (code === 0) {
      passed += 1;
      say(`fuzz ${t}: crash-free for ${s.seconds} s, ${s.runs} runs, coverage ${s.cov}, corpus ${s.corpus}`);
    } else {
      failed += 1;
      console.log(out.slice(-6000));
      say(`fuzz ${t}: FAILED (the input is in ${artifacts}; replay it with: cd fuzz && cargo +nightly fuzz run ${t} <file>)`);
    }
    if (o.scratch) rmSync(work, { recursive: true, force: true });
    if (o.minimize && !o.scratch) {
      // merge what this run found into the committed corpus, then keep a smallest set of
      // inputs that covers every edge (set cover, edges without hit counts): hundreds of
      // files rather than thousands
      for (const f of files(work)) copyFileSync(join(work, f), join(committed, f));
      const before = files(committed).length;
      await cargoFuzz(bin, ['cmin', ...common, t, committed, '--', '-set_cover_merge=1', '-use_counters=0', '-max_len=16384', '-timeout=10'], { onLine: () => {} });
      say(`minimised ${t}: ${before} -> ${files(committed).length} inputs`);
    }
  }
  console.log(`# pass ${passed}\n# fail ${failed}`);
  return failed ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exit(await fuzz(process.argv.slice(2)));
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
}
