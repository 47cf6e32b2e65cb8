// The OfficeGuy client: a thin class over the core's CoreClient (src/bindings/client.rs).
// The retry policy, time limits and paging are in the core (src/client/); here each
// method turns its arguments into JSON, and a rejection into an OfficeGuyError.
// The connection, API key included, lives only inside the wasm object: a private field
// holds it, so JSON.stringify(client), String(client) and util.inspect(client) show
// nothing secret.
import { toJson, OfficeGuyError } from './core.js';
import { client } from './modules.js';

const { toError, wasm } = client;
const settle = client.settle.bind(client);

// A scalar first argument is the one parameter these calls are usually made with.
const SHORTCUT = {
  listFolders: 'nameFilter', getFolder: 'folder', listViews: 'folderId', listEntities: 'folder', getEntity: 'entityId', unsubscribe: 'url',
};

function paramsOf(method, first, rest) {
  if (first !== null && typeof first === 'object') return rest === undefined || Array.isArray(first) ? first : { ...rest, ...first };
  if (first === undefined || first === null) return { ...rest };
  const key = SHORTCUT[method];
  if (!key) throw new OfficeGuyError('invalid_argument', `${method}: expected an object of parameters`);
  return { ...rest, [key]: first };
}

export class Client {
  #core;

  /**
   * @param connection `{companyId, apiKey, baseUrl?, language?}`
   * @param options `{maxAttempts?, baseDelayMs?, maxDelayMs?, timeoutMs?}`
   */
  constructor(connection, options = {}) {
    try {
      this.#core = new wasm.CoreClient(toJson(connection, 'connection'), toJson(options ?? {}, 'options'));
    } catch (e) {
      throw toError(e);
    }
  }

  listFolders(nameFilter, options) { return this.#run('listFolders', nameFilter, options); }
  getFolder(folder, options) { return this.#run('getFolder', folder, options); }
  listViews(folder, options) { return this.#run('listViews', folder, options); }
  listEntities(folder, options) { return this.#run('listEntities', folder, options); }
  getEntity(entityId, options) { return this.#run('getEntity', entityId, options); }
  subscribe(params) { return this.#run('subscribe', params); }
  unsubscribe(url, options) { return this.#run('unsubscribe', url, options); }

  /** Any action of the catalogue; resolves to the answer's `Data`. */
  async execute(action, params = {}) {
    if (typeof action !== 'string') throw new OfficeGuyError('invalid_argument', 'execute: the action must be a string key, e.g. "createDocument"');
    return this.#settle(() => this.#live().execute(action, toJson(params, 'params')));
  }

  /** Frees the wasm object now rather than when it is collected; later calls reject. */
  close() {
    if (this.#core) {
      this.#core.free();
      this.#core = undefined;
    }
  }

  toString() { return '[object officeguy-make Client]'; }
  toJSON() { return {}; }
  [Symbol.for('nodejs.util.inspect.custom')]() { return 'Client {}'; }

  async #run(method, first, rest) {
    const params = paramsOf(method, first, rest);
    return this.#settle(() => this.#live()[method](toJson(params, 'params')));
  }

  #live() {
    if (!this.#core) throw new OfficeGuyError('closed', 'this Client was closed');
    return this.#core;
  }

  async #settle(start) {
    return JSON.parse(await settle(start));
  }
}
