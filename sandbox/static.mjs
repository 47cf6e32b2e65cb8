// The page server of `npm start`: www/ at /, pkg/ at /pkg/ (so the page imports
// '/pkg/web.js', or '../pkg/web.js' from /index.html), and GET /demo.json with the sandbox URL
// and the *demo* company's credentials (only ever the local sandbox's demo key; a real key is
// never given to this server). GET and HEAD only, no directory traversal, 127.0.0.1 only.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat, realpath } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { CORS_HEADERS, send, listen, closeServer } from './lib/http.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

const PLACEHOLDER = `<!doctype html><html lang="he" dir="rtl"><head><meta charset="utf-8"><title>officeguy-make</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto">
<h1>officeguy-make</h1><p>דף ההגדרות עדיין לא נבנה (www/index.html חסר). ה-sandbox פועל: ראו <a href="/demo.json">/demo.json</a>.</p>
<p dir="ltr">The configuration page is not built yet (www/index.html is missing). The sandbox runs: see <a href="/demo.json">/demo.json</a>.</p>
</body></html>`;

/** The file under `root` that a URL path designates, or null when it would leave `root`. */
export async function resolveUnder(root, urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  const base = resolve(root);
  const target = resolve(base, `.${rel.startsWith('/') ? rel : `/${rel}`}`);
  if (target !== base && !target.startsWith(base + sep)) return null;
  try {
    let real = await realpath(target);
    const realBase = await realpath(base);
    if (real !== realBase && !real.startsWith(realBase + sep)) return null;
    if ((await stat(real)).isDirectory()) real = join(real, 'index.html');
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

/**
 * Starts the page server. `mounts` maps URL prefixes to folders ({'/pkg/': 'pkg', '/': 'www'});
 * `demo` is what /demo.json answers.
 */
export async function startPageServer({ port = 0, host = '127.0.0.1', mounts, demo }) {
  const ordered = Object.entries(mounts).sort((a, b) => b[0].length - a[0].length);
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only', { Allow: 'GET, HEAD' });
      const { pathname } = new URL(req.url, 'http://page.invalid');
      if (pathname === '/demo.json') return send(res, 200, demo, { 'Cache-Control': 'no-store' });
      const [prefix, dir] = ordered.find(([p]) => pathname.startsWith(p)) || [];
      const file = dir ? await resolveUnder(dir, pathname.slice(prefix.length - 1)) : null;
      if (!file) {
        if (pathname === '/' || pathname === '/index.html') return send(res, 200, PLACEHOLDER, { 'Content-Type': TYPES['.html'] });
        if (pathname === '/favicon.ico') return send(res, 204, undefined);
        return send(res, 404, 'not found');
      }
      const info = await stat(file);
      res.writeHead(200, {
        ...CORS_HEADERS,
        'Content-Type': TYPES[extname(file).toLowerCase()] || 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).on('error', () => res.destroy()).pipe(res);
    } catch {
      send(res, 500, 'internal error');
    }
  });
  const boundPort = await listen(server, port, host);
  return { url: `http://${host}:${boundPort}`, port: boundPort, close: () => closeServer(server) };
}
