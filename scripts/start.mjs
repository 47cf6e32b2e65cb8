// `npm start`: builds what is stale, then runs the main job. Until the sandbox lands it
// prints a demo of every action's request; sandbox/main.mjs takes over when present.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root, say } from './lib/run.mjs';
import { build } from './build.mjs';

try {
  await build();
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
const main = join(root, 'sandbox', 'start.mjs');
if (existsSync(main)) {
  await import(main);
} else {
  const og = await import('../pkg/index.js');
  say(`officeguy-make core ${og.coreVersion()} is built; the sandbox and page are not there yet`);
}
