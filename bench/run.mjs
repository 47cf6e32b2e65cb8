// `npm run bench`: runs every benchmark of the project in one go (each bench/*.mjs except
// this file, each in its own process so that one's heap does not skew another's) and
// writes BENCHMARKS.md with what each printed, the machine it ran on and the command.
import { readdirSync, writeFileSync } from 'node:fs';
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

const cpu = cpus()[0]?.model || 'unknown CPU';
const report = `# Benchmarks

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB,
${platform()} ${release()}, Node ${process.version}. Figures are ratios against a peer measured in the same run;
absolute times vary from machine to machine.

wasm module: ${sizes.raw} bytes raw, ${sizes.gzip} bytes gzip -9.

${sections.join('\n')}`;
writeFileSync(join(root, 'BENCHMARKS.md'), report);
console.log('\nwrote BENCHMARKS.md');
