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

const FLAGS = {
  ...SANDBOX_FLAGS,
  port: { flag: 'port', type: 'integer', default: DEFAULT_PAGE_PORT },
  sandboxPort: { flag: 'sandbox-port', type: 'integer', default: 0 },
};

/** Starts both servers; resolves with {page, sandbox, close()}. */
export async function startAll(argv = [], { out = (line) => process.stdout.write(`${line}\n`) } = {}) {
  const flags = parseFlags(argv, FLAGS);
  const sandbox = await startSandbox({
    ...sandboxOptions({ ...flags, port: flags.sandboxPort }, join(root, 'sandbox', 'data', 'demo.sqlite')),
    log: flags.log ? (line) => out(`[sandbox] ${line}`) : false,
  });
  let page;
  const demo = {
    sandboxUrl: sandbox.url,
    companyId: sandbox.companyId,
    apiKey: sandbox.apiKey,
    note: 'credentials of the demo company of the local sandbox; never a real OfficeGuy key',
  };
  const mounts = { '/pkg/': join(root, 'pkg'), '/': join(root, 'www') };
  try {
    page = await startPageServer({ port: flags.port, mounts, demo });
  } catch (e) {
    if (e.code !== 'EADDRINUSE') throw e;
    if (argv.some((a) => a.startsWith('--port'))) {
      await sandbox.close();
      throw new Error(`port ${flags.port} is in use; pick another with npm start -- --port N`);
    }
    out(`port ${flags.port} is in use; the page takes a free port instead`);
    page = await startPageServer({ port: 0, mounts, demo });
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

if (import.meta.url === `file://${process.argv[1]}` || process.env.OFFICEGUY_START_MAIN === '1') {
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
}
