// `npm run sandbox -- --port N --db PATH`: the sandbox alone. When ready it prints one JSON
// line {"url", "companyId", "apiKey"} with the demo credentials (for scripts), then serves
// until Ctrl-C. `--db :memory:` keeps nothing; the default file keeps the demo across restarts.
import { join } from 'node:path';
import { parseFlags, SANDBOX_FLAGS, sandboxOptions, onShutdown } from './cli.mjs';

// imported here so that a machine without the npm packages gets a sentence, not a stack
let startSandbox;
try {
  ({ startSandbox } = await import('./server.mjs'));
} catch (e) {
  if (e.code !== 'ERR_MODULE_NOT_FOUND') throw e;
  console.error(`the sandbox needs its npm packages (${e.message.match(/'([^']+)'/)?.[1] ?? 'missing'}): run npm ci (npm start does it too)`);
  process.exit(1);
}

const defaultDb = join(new URL('.', import.meta.url).pathname, 'data', 'sandbox.sqlite');

let flags;
try {
  flags = parseFlags(process.argv.slice(2), SANDBOX_FLAGS);
} catch (e) {
  console.error(e.message);
  process.exit(2);
}
try {
  const log = flags.log ? (line) => process.stderr.write(`[sandbox] ${line}\n`) : false;
  const sb = await startSandbox({ ...sandboxOptions(flags, defaultDb), log });
  process.stdout.write(`${JSON.stringify({ url: sb.url, companyId: sb.companyId, apiKey: sb.apiKey })}\n`);
  onShutdown(() => sb.close());
} catch (e) {
  console.error(`the sandbox could not start: ${e.code === 'EADDRINUSE' ? `port ${flags.port} is in use` : e.message}`);
  process.exit(1);
}
