// The runner's receiving end for instant triggers: one HTTP server on 127.0.0.1 (a free port)
// per runner, one unguessable path per attached hook. A delivery is parsed (JSON or
// urlencoded), handed to the hook's handler, and answered at once with what the handler
// returns, because senders such as SUMIT give up after 10 s. A handler may answer
// `{reset: true}` to drop the connection (fault injection).
import http from 'node:http';
import { randomBytes } from 'node:crypto';

const MAX_BODY = 5 * 1024 * 1024;

function parseBody(text, contentType) {
  if (/json/i.test(contentType)) return text.trim() ? JSON.parse(text) : undefined;
  if (/x-www-form-urlencoded/i.test(contentType)) return Object.fromEntries(new URLSearchParams(text));
  if (!contentType && text.trim()) {
    try { return JSON.parse(text); } catch { /* plain text */ }
  }
  return text;
}

export function createWebhookServer() {
  const routes = new Map();
  let server = null;
  let base = null;

  async function start() {
    if (server) return base;
    server = http.createServer((req, res) => {
      const url = new URL(req.url, 'http://127.0.0.1');
      const route = routes.get(url.pathname);
      const chunks = [];
      let size = 0;
      req.on('data', (c) => {
        size += c.length;
        // past the limit the rest is read and dropped, so that the sender gets a 413
        // rather than a reset; a sender that goes on far past it is cut off
        if (size > 4 * MAX_BODY) req.destroy();
        else if (size <= MAX_BODY) chunks.push(c);
      });
      req.on('end', async () => {
        if (size > MAX_BODY) {
          res.writeHead(413, { 'content-type': 'text/plain' }).end(`delivery larger than ${MAX_BODY} bytes`);
          return;
        }
        if (!route) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('no such webhook');
          return;
        }
        const text = Buffer.concat(chunks).toString('utf8');
        let body;
        try {
          body = parseBody(text, req.headers['content-type'] || '');
        } catch (e) {
          res.writeHead(400, { 'content-type': 'text/plain' }).end(`cannot parse the body: ${e.message}`);
          return;
        }
        let reply;
        try {
          reply = await route({ method: req.method, headers: req.headers, query: Object.fromEntries(url.searchParams), body, text });
        } catch (e) {
          reply = { status: 500, headers: { 'content-type': 'text/plain' }, body: e.message };
        }
        // an injected fault may drop the connection instead of answering
        if (reply?.reset) {
          req.socket.destroy();
          return;
        }
        const status = Number(reply?.status) || 200;
        const headers = { ...(reply?.headers || {}) };
        let out = reply?.body ?? 'Accepted';
        if (typeof out !== 'string') {
          out = JSON.stringify(out);
          headers['content-type'] ??= 'application/json';
        }
        res.writeHead(status, headers).end(out);
      });
    });
    await new Promise((ok, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', ok);
    });
    server.unref();
    base = `http://127.0.0.1:${server.address().port}`;
    return base;
  }

  return {
    /** Registers a handler; returns {url, id, remove()}. */
    async add(handler) {
      const origin = await start();
      const id = randomBytes(12).toString('hex');
      const path = `/hooks/${id}`;
      routes.set(path, handler);
      return { id, url: `${origin}${path}`, remove: () => routes.delete(path) };
    },
    async close() {
      routes.clear();
      if (!server) return;
      const s = server;
      server = null;
      s.closeAllConnections?.();
      await new Promise((ok) => s.close(() => ok()));
    },
  };
}
