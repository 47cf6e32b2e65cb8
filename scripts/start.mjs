// `npm start`: builds what is stale (wasm core into pkg/wasm/), then runs the sandbox with the
// demo company and serves the page (sandbox/start.mjs). `npm start -- --port N` picks the
// page's port; the other flags are those of `npm run sandbox` (see sandbox/README.md).
import { build } from './build.mjs';
import { startAll } from '../sandbox/start.mjs';
import { onShutdown } from '../sandbox/cli.mjs';

try {
  await build();
} catch (e) {
  console.error(e.message);
  console.error('npm start: the build failed, so the page would have no wasm core; fix the error above and run npm start again');
  process.exit(1);
}
try {
  const running = await startAll(process.argv.slice(2));
  onShutdown(async () => {
    process.stdout.write('stopping\n');
    await running.close();
  });
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
