// The sandbox in a process of its own, for the soak: the sandbox and the runner then use a
// core each and their memory is measured apart. Started by soak.mjs with the startSandbox
// options as JSON in argv[2]; it reports {url, companyId, apiKey} over the IPC channel and
// stops when its parent goes away (the channel closes), so it can never outlive a run.
import { startSandbox } from '../server.mjs';

const options = JSON.parse(process.argv[2] || '{}');
const sb = await startSandbox({ ...options, port: 0, host: '127.0.0.1' });
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await sb.close().catch(() => {});
  process.exit(0);
};
process.on('disconnect', stop);
process.on('SIGTERM', stop);
process.send({ url: sb.url, companyId: sb.companyId, apiKey: sb.apiKey });
