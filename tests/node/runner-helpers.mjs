// Shared by the runner suites: a tiny fake "notes" API for the mini-app fixture.
import http from 'node:http';

export const MINI_APP = new URL('../fixtures/mini-app/', import.meta.url).pathname;
export const API_KEY = 'mini-secret-key-7f3a9c';

/** A notes API on 127.0.0.1: notes, pages (newest first), hooks it POSTs to. */
export async function startNotesApi() {
  const state = {
    notes: [],
    hooks: new Map(),
    requests: [],
    tags: [{ id: 't1', name: 'Urgent' }, { id: 't2', name: 'Later' }],
    nextId: 1,
  };
  const addNote = (fields) => {
    const note = { id: state.nextId++, title: 'untitled', tags: [], visible: true, updated: new Date(Date.UTC(2026, 0, 1, 0, state.nextId)).toISOString(), ...fields };
    state.notes.push(note);
    return note;
  };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url, 'http://x');
      const text = Buffer.concat(chunks).toString('utf8');
      state.requests.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body: text });
      const send = (status, obj) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(obj));
      const key = req.headers['x-api-key'];
      const path = url.pathname.replace(/^\/v1/, '');
      if (path === '/me') {
        return key === API_KEY ? send(200, { ok: true, name: 'Dana' }) : send(200, { ok: false, message: `the key ${key} is not valid` });
      }
      if (key !== API_KEY) return send(401, { message: `unknown key ${key}` });
      if (path === '/notes' && req.method === 'POST') {
        const body = JSON.parse(text || '{}');
        if (!body.title) return send(400, { message: 'title is required' });
        return send(201, addNote(body));
      }
      if (path === '/notes' && req.method === 'GET') {
        const size = Number(url.searchParams.get('size') || 2);
        const page = Number(url.searchParams.get('page') || 1);
        const order = url.searchParams.get('order');
        const sorted = [...state.notes].sort((a, b) => (order === 'updated'
          ? b.updated.localeCompare(a.updated) || b.id - a.id : order === 'asc' ? a.id - b.id : b.id - a.id));
        const items = sorted.slice((page - 1) * size, page * size);
        const hasMore = page * size < sorted.length;
        return send(200, { items, hasMore, next: hasMore ? `/notes?page=${page + 1}&size=${size}` : null });
      }
      const one = /^\/notes\/(\d+)$/.exec(path);
      if (one) {
        const note = state.notes.find((n) => n.id === Number(one[1]));
        return note ? send(200, note) : send(404, { message: `note ${one[1]}` });
      }
      if (path === '/tags') return send(200, state.tags);
      if (path === '/hooks' && req.method === 'POST') {
        const body = JSON.parse(text);
        const id = `h${state.hooks.size + 1}`;
        state.hooks.set(id, body);
        return send(200, { id });
      }
      const hook = /^\/hooks\/(\w+)$/.exec(path);
      if (hook && req.method === 'DELETE') {
        const existed = state.hooks.delete(hook[1]);
        return existed ? send(200, {}) : send(404, { message: `hook ${hook[1]}` });
      }
      if (path === '/echo') return send(Number(url.searchParams.get('status') || 200), { method: req.method, query: Object.fromEntries(url.searchParams), body: text });
      return send(404, { message: `no route ${path}` });
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}/v1`;
  return {
    url, state, addNote,
    /** Delivers `body` to every registered hook, as the service would. */
    async emit(body, { form = false } = {}) {
      const answers = [];
      for (const hook of state.hooks.values()) {
        const r = await fetch(hook.url, form
          ? { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ json: JSON.stringify(body) }) }
          : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        answers.push({ status: r.status, body: await r.text() });
      }
      return answers;
    },
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }),
  };
}
