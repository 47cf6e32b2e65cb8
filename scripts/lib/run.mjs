// Running commands from the project's scripts: output streams through, failures throw
// with the command named, and timings are printed so a slow step is visible.
import { spawn, spawnSync } from 'node:child_process';

export const root = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

export function say(msg) {
  process.stdout.write(`[officeguy-make] ${msg}\n`);
}

/** Runs a command, inheriting stdio; resolves with the exit code or throws if asked to. */
export function run(cmd, args, { cwd = root, env = {}, check = true, quiet = false, onLine } = {}) {
  return new Promise((resolve, reject) => {
    const stdio = onLine ? ['ignore', 'pipe', 'pipe'] : ['ignore', quiet ? 'ignore' : 'inherit', quiet ? 'pipe' : 'inherit'];
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio });
    let tail = '';
    // a chunk may end mid-line; each stream keeps its unfinished line until the next chunk
    const feeder = () => {
      let partial = '';
      const feed = (chunk) => {
        const text = chunk.toString();
        tail = (tail + text).slice(-4000);
        if (!onLine) return;
        const lines = (partial + text).split('\n');
        partial = lines.pop();
        for (const line of lines) if (line.trim()) onLine(line);
      };
      feed.flush = () => {
        if (onLine && partial.trim()) onLine(partial);
        partial = '';
      };
      return feed;
    };
    const out = feeder();
    const err = feeder();
    child.stdout?.on('data', out);
    child.stderr?.on('data', err);
    child.on('error', reject);
    child.on('close', (code) => {
      out.flush();
      err.flush();
      if (code !== 0 && check) {
        const err = new Error(`${cmd} ${args.join(' ')} failed with exit code ${code}${tail ? `\n${tail}` : ''}`);
        err.exitCode = code;
        reject(err);
      } else resolve(code);
    });
  });
}

/** Runs a command and returns its stdout, or null when it cannot run. */
export function capture(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: root, ...opts });
  if (r.error || r.status !== 0) return null;
  return r.stdout;
}

export async function timed(label, fn) {
  const t0 = Date.now();
  const out = await fn();
  say(`${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return out;
}
