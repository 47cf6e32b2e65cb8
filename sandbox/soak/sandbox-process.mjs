// The sandbox in a child process (child.mjs), with small clients for its admin API and its
// OfficeGuy API. The child exits when this process goes away, so a run never leaves it behind.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

/** Starts it; resolves with {url, companyId, apiKey, pid, admin(method, path, body?), api(path, body), stop()}. */
export async function startSandboxProcess(options, execArgv = []) {
  const child = fork(here('./child.mjs'), [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`the sandbox process exited (${code}) before it was ready`)));
    child.once('error', reject);
  });
  const stopped = new Promise((r) => child.once('exit', r));
  const admin = async (method, path, body) => {
    const res = await fetch(`${ready.url}/__admin/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    const answer = await res.json();
    if (!res.ok) throw new Error(`admin ${method} ${path}: ${answer.error}`);
    return answer;
  };
  /** An OfficeGuy call with the demo company's credentials; resolves with Data, throws unless Status 0. */
  const api = async (path, body) => {
    const res = await fetch(`${ready.url}${path}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ Credentials: { CompanyID: ready.companyId, APIKey: ready.apiKey }, ...body }),
    });
    const answer = await res.json();
    if (answer.Status !== 0) throw new Error(`${path}: Status ${answer.Status}: ${answer.UserErrorMessage}`);
    return answer.Data;
  };
  return {
    ...ready,
    pid: child.pid,
    admin,
    api,
    async stop() {
      if (child.exitCode === null && child.connected) child.disconnect();
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await stopped;
      clearTimeout(t);
    },
  };
}
