// Small HTTP helpers shared by the sandbox and the page server: bounded body reading, JSON
// answers, and the CORS headers that let the page (on another port) call the sandbox.
export const MAX_BODY = 5 * 1024 * 1024;
/** How many times the limit an oversized body may run on before the connection is cut. */
const DRAIN_LIMIT = 4;

export class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** The request body as a UTF-8 string; refuses more than `limit` bytes with 413. */
export function readBody(req, limit = MAX_BODY) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      // past the limit the rest is read and dropped, so that the sender gets the 413
      // rather than a reset connection; only a sender that goes on far past it is cut off
      if (size > DRAIN_LIMIT * limit) req.destroy();
      else if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limit) reject(new HttpError(413, `request body larger than ${limit} bytes`));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, GET, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Content-Language, Accept, X-OG-Client',
  'Access-Control-Max-Age': '600',
};

export function send(res, status, body, headers = {}) {
  if (res.headersSent) return;
  const isText = typeof body === 'string' || Buffer.isBuffer(body);
  const payload = body === undefined ? '' : isText ? body : JSON.stringify(body);
  res.writeHead(status, {
    ...CORS_HEADERS,
    ...(body === undefined ? {} : { 'Content-Type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8' }),
    'Content-Length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

/** Listens on 127.0.0.1 and resolves with the bound port. */
export function listen(server, port = 0, host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const onError = (e) => reject(e);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address().port);
    });
  });
}

/** Closes a server, ending idle keep-alive connections so that close() does not hang. */
export function closeServer(server) {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeIdleConnections?.();
    setTimeout(() => server.closeAllConnections?.(), 200).unref();
  });
}
