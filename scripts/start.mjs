// `npm start`: builds what is stale (npm packages, the wasm core into pkg/wasm/), then runs
// the sandbox with the demo company and serves the page (sandbox/start.mjs). `npm start --
// --port N` picks the page's port; the other flags are those of `npm run sandbox` (see
// sandbox/README.md). The sandbox is imported only after the build, because on a fresh
// machine its npm packages (better-sqlite3, ajv) exist only once the build installed them.
import { build } from './build.mjs';

try {
  await build();
} catch (e) {
  console.error(e.message);
  console.error('npm start: the build failed, so the page would have no wasm core; fix the error above and run npm start again');
  process.exit(1);
}
const { main } = await import('../sandbox/start.mjs');
await main(process.argv.slice(2));
