// `npm run bench`: runs every benchmark of the project in one go (each bench/*.mjs except
// this file, each in its own process so that one's heap does not skew another's) and
// writes BENCHMARKS.md with what each printed, the machine it ran on and the command.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { cpus, totalmem, platform, release } from 'node:os';
import { spawnSync } from 'node:child_process';
import { build } from '../scripts/build.mjs';

const here = new URL('.', import.meta.url).pathname;
const root = join(here, '..');
const sizes = await build();

const benches = readdirSync(here).filter((f) => f.endsWith('.mjs') && f !== 'run.mjs').sort();
const sections = [];
for (const file of benches) {
  process.stdout.write(`\n=== ${file}\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', join(here, file)], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  process.stdout.write(r.stdout);
  if (r.status !== 0) process.stderr.write(r.stderr);
  sections.push(`## ${file}\n\n${r.status === 0 ? '' : `**failed (exit ${r.status})**\n\n`}\`\`\`\n${(r.stdout || '').trim()}\n${r.status === 0 ? '' : (r.stderr || '').trim()}\n\`\`\`\n`);
}

/** The wasm modules (each loaded on first use of its area) and, as the reference, the
 * JSONata bundle a page would load instead for its mappings. */
function sizeTable() {
  const row = (name, raw, gzip, target = '') => `| ${name} | ${raw.toLocaleString('en')} | ${gzip.toLocaleString('en')} | ${target} |`;
  // issue 7's target, per module (a consumer loads a module when it first uses its area);
  // 150,000 bytes, the stricter reading of 150 KB
  const held = (gzip) => (gzip <= 150_000 ? 'held' : `**over** by ${(gzip - 150_000).toLocaleString('en')}`);
  const jsonata = readFileSync(join(root, 'node_modules', 'jsonata', 'jsonata.min.js'));
  return ['| size (bytes) | raw | gzip -9 | target: at most 150,000 gzip a module |', '|---|---|---|---|',
    ...Object.entries(sizes.modules).map(([name, s]) => row(`wasm module \`${name}\``, s.raw, s.gzip, held(s.gzip))),
    row('all wasm modules', sizes.raw, sizes.gzip),
    ...(sizes.inline ? [row('single file (pkg/officeguy-make.inline.js)', sizes.inline.raw, sizes.inline.gzip)] : []),
    row('reference: JSONata (jsonata.min.js)', jsonata.length, gzipSync(jsonata, { level: 9 }).length)].join('\n');
}

const cpu = cpus()[0]?.model || 'unknown CPU';
const report = `# Benchmarks

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB,
${platform()} ${release()}, Node ${process.version}. Figures are ratios against a peer measured in the same run;
absolute times vary from machine to machine.

${sizeTable()}

${sections.join('\n')}`;
writeFileSync(join(root, 'BENCHMARKS.md'), report);
console.log('\nwrote BENCHMARKS.md');
