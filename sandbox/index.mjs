// What other parts of the project import from the sandbox.
export { startSandbox, redact } from './server.mjs';
export { sandboxClient, startReceiver } from './testing.mjs';
export { startPageServer } from './static.mjs';
export { loadOpenApi } from './lib/openapi.mjs';
