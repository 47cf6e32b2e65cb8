// The runner from a shell, for integrators trying a module of the app:
//
//   node sandbox/runner/cli.mjs --sandbox rpc listFolders
//   node sandbox/runner/cli.mjs --sandbox action createCustomer '{"name": "דנה"}'
//   OG_API_KEY=... node sandbox/runner/cli.mjs --base-url http://127.0.0.1:8081 --company 60313470 \
//       watch watchCards '{"folder": 2375133701, "view": 2375133729, "type": "Create"}'
//
// Commands: validate | rpc <name> [params] | action <module> <params> | search <module> <params>
// | poll <module> <params> [state | all | now] | epoch <module> <params> | watch <module> <params>.
// Params and state are JSON. The key comes from OG_API_KEY (not a flag, so it stays out of
// shell history and process lists), or from the in-process sandbox with --sandbox.
// Bundles go to stdout as JSON; errors to stderr as "<type> (<code>): <message>", exit 1.
import { fileURLToPath } from 'node:url';
import { parseFlags, onShutdown } from '../cli.mjs';
import { createRunner } from './index.mjs';

const FLAGS = {
  app: { flag: 'app', type: 'string', default: fileURLToPath(new URL('../../make-app/en/', import.meta.url)) },
  sandbox: { flag: 'sandbox', type: 'boolean', default: false },
  baseUrl: { flag: 'base-url', type: 'string' },
  company: { flag: 'company', type: 'integer' },
  timezone: { flag: 'timezone', type: 'string', default: 'Asia/Jerusalem' },
  log: { flag: 'log', type: 'boolean', default: false },
};

function json(text, what) {
  if (text === undefined) return {};
  try {
    return JSON.parse(text);
  } catch (e) {
    throw Object.assign(new Error(`${what}: not valid JSON (${e.message})`), { name: 'DataError', code: 'bad_argument' });
  }
}

const print = (value) => process.stdout.write(`${JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);

export async function main(argv) {
  // options first, then the command and its arguments
  let i = 0;
  while (i < argv.length && argv[i].startsWith('--')) {
    const spec = Object.values(FLAGS).find((f) => `--${f.flag}` === argv[i].split('=')[0]);
    i += spec && spec.type !== 'boolean' && !argv[i].includes('=') ? 2 : 1;
  }
  const flags = parseFlags(argv.slice(0, i), FLAGS);
  const [command, name, params, extra] = argv.slice(i);
  if (!command) throw Object.assign(new Error('give a command: validate, rpc, action, search, poll, epoch, watch'), { name: 'DataError', code: 'bad_argument' });

  let sandbox = null;
  let connection;
  let baseUrl = flags.baseUrl;
  if (flags.sandbox) {
    const { startSandbox } = await import('../server.mjs');
    sandbox = await startSandbox({ db: ':memory:', retryDelayMs: 1000 });
    connection = { companyId: sandbox.companyId, apiKey: sandbox.apiKey };
    baseUrl = sandbox.url;
  } else {
    if (!flags.company || !process.env.OG_API_KEY) {
      throw Object.assign(new Error('give --company and the key in OG_API_KEY, or --sandbox'), { name: 'DataError', code: 'bad_argument' });
    }
    connection = { companyId: flags.company, apiKey: process.env.OG_API_KEY };
  }
  const runner = createRunner({
    app: flags.app, connection, baseUrl, timezone: flags.timezone,
    log: flags.log ? (line) => process.stderr.write(`${line}\n`) : undefined,
  });
  const close = async () => {
    await runner.close();
    await sandbox?.close();
  };
  try {
    switch (command) {
      case 'validate': print(await runner.validateConnection()); break;
      case 'rpc': print(await runner.rpc(name, json(params, 'params'))); break;
      case 'action': print(await runner.runAction(name, json(params, 'params'))); break;
      case 'search': print(await runner.runSearch(name, json(params, 'params'))); break;
      case 'epoch': print(await runner.epochOptions(name, json(params, 'params'))); break;
      case 'poll': {
        const state = extra === 'all' || extra === 'now' || extra === undefined ? runner.epochState({ from: extra ?? 'now' }) : json(extra, 'state');
        print(await runner.pollTrigger(name, json(params, 'params'), state));
        break;
      }
      case 'watch': {
        const hook = await runner.attachWebhook(name, json(params, 'params'));
        process.stderr.write(`attached: deliveries go to ${hook.url}; Ctrl-C detaches\n`);
        await new Promise((resolve) => {
          onShutdown(async () => { resolve(); });
          (async () => {
            for (;;) {
              const bundle = await hook.next({ timeoutMs: 2 ** 31 - 1 }).catch(() => null);
              if (bundle === null) return;
              print(bundle);
            }
          })();
        });
        break;
      }
      default:
        throw Object.assign(new Error(`unknown command ${command}`), { name: 'DataError', code: 'bad_argument' });
    }
  } finally {
    await close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`${e.name} (${e.code ?? 'error'}): ${e.message}\n`);
    process.exit(1);
  });
}
