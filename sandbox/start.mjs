// The main job of `npm start` (after scripts/start.mjs built what is stale): the sandbox with
// the demo company (kept in sandbox/data/demo.sqlite across restarts) and the page server for
// www/ and pkg/. Prints where both are and the demo credentials, last; Ctrl-C stops both and
// closes the database.
import { join } from 'node:path';
import { startSandbox } from './server.mjs';
import { startPageServer } from './static.mjs';
import { parseFlags, SANDBOX_FLAGS, sandboxOptions, onShutdown } from './cli.mjs';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
export const DEFAULT_PAGE_PORT = 8080;
export const DEFAULT_SANDBOX_PORT = 8081;

const FLAGS = {
  ...SANDBOX_FLAGS,
  port: { flag: 'port', type: 'integer', default: DEFAULT_PAGE_PORT },
  sandboxPort: { flag: 'sandbox-port', type: 'integer', default: DEFAULT_SANDBOX_PORT },
};

const asked = (argv, flag) => argv.some((a) => a === `--${flag}` || a.startsWith(`--${flag}=`));

/** Runs `start(port)`; when the default port is taken and none was asked for, a free one. */
async function onPort(port, wasAsked, start, out, what) {
  try {
    return await start(port);
  } catch (e) {
    if (e.code !== 'EADDRINUSE') throw e;
    if (wasAsked || port === 0) throw new Error(`port ${port} is in use; pick another for the ${what}`);
    out(`port ${port} is in use; the ${what} takes a free port instead`);
    return start(0);
  }
}

/** Starts both servers; resolves with {page, sandbox, close()}. */
export async function startAll(argv = [], { out = (line) => process.stdout.write(`${line}\n`) } = {}) {
  const flags = parseFlags(argv, FLAGS);
  const options = sandboxOptions(flags, join(root, 'sandbox', 'data', 'demo.sqlite'));
  const log = flags.log ? (line) => out(`[sandbox] ${line}`) : false;
  const sandbox = await onPort(flags.sandboxPort, asked(argv, 'sandbox-port'),
    (port) => startSandbox({ ...options, port, log, warn: out }), out, 'sandbox (--sandbox-port N)');
  const demo = {
    sandboxUrl: sandbox.url,
    companyId: sandbox.companyId,
    apiKey: sandbox.apiKey,
    note: 'credentials of the demo company of the local sandbox; never a real OfficeGuy key',
  };
  const mounts = { '/pkg/': join(root, 'pkg'), '/': join(root, 'www') };
  let page;
  try {
    page = await onPort(flags.port, asked(argv, 'port'), (port) => startPageServer({ port, mounts, demo }), out, 'page (npm start -- --port N)');
  } catch (e) {
    await sandbox.close();
    throw e;
  }
  out(`Page: ${page.url}/`);
  out(`Sandbox: ${sandbox.url}`);
  out(`Demo company: CompanyID ${sandbox.companyId}, APIKey ${sandbox.apiKey} (local sandbox only)`);
  out('Ctrl-C stops both.');
  return {
    page, sandbox,
    close: async () => {
      await page.close();
      await sandbox.close();
    },
  };
}

/** Runs until Ctrl-C (or SIGTERM), then closes both servers and the database. */
export async function main(argv) {
  try {
    const running = await startAll(argv);
    onShutdown(async () => {
      process.stdout.write('stopping\n');
      await running.close();
    });
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
