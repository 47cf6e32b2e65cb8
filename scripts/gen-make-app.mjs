// `node scripts/gen-make-app.mjs`: writes the Make custom app into make-app/en/ and
// make-app/he/ from the core (makeApp), removing files the generator no longer makes.
// `--check` writes nothing and exits 1 when a file differs (what the staleness test runs).
import { mkdirSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles } from './lib/files.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const appDir = join(root, 'make-app');
export const LANGS = ['en', 'he'];

/** Differences between the generated app and make-app/: [{lang, path, problem}]. */
export function staleFiles(og) {
  const problems = [];
  for (const lang of LANGS) {
    const { files } = og.makeApp({ lang });
    const dir = join(appDir, lang);
    for (const [path, text] of Object.entries(files)) {
      const p = join(dir, path);
      if (!existsSync(p)) problems.push({ lang, path, problem: 'missing' });
      else if (readFileSync(p, 'utf8') !== text) problems.push({ lang, path, problem: 'differs' });
    }
    for (const p of listFiles(dir)) {
      const path = relative(dir, p);
      if (!(path in files)) problems.push({ lang, path, problem: 'not generated' });
    }
  }
  return problems;
}

export function writeApp(og) {
  let written = 0;
  for (const lang of LANGS) {
    const { files } = og.makeApp({ lang });
    const dir = join(appDir, lang);
    for (const p of listFiles(dir)) if (!(relative(dir, p) in files)) rmSync(p);
    for (const [path, text] of Object.entries(files)) {
      const p = join(dir, path);
      mkdirSync(dirname(p), { recursive: true });
      if (!existsSync(p) || readFileSync(p, 'utf8') !== text) {
        writeFileSync(p, text);
        written += 1;
      }
    }
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const og = await import('../pkg/index.js');
  if (process.argv.includes('--check')) {
    const problems = staleFiles(og);
    for (const p of problems) console.log(`make-app/${p.lang}/${p.path}: ${p.problem}`);
    process.exit(problems.length ? 1 : 0);
  }
  const n = writeApp(og);
  console.log(`make-app/: ${n} file(s) written (${LANGS.join(', ')})`);
}
