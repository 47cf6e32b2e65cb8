// Types of the client exports (pkg/lib/client.js; the policy is in src/client/).
import type { Connection, ActionKey } from './actions';

/** Retry and time-limit settings; all optional, each within bounds. */
export interface ClientOptions {
  /** Attempts in all for a read, the first included: 1 to 10, default 4. Creates always go once. */
  maxAttempts?: number;
  /** Wait before the first retry, doubling after: 0 to 60000 ms, default 500. */
  baseDelayMs?: number;
  /** Longest single wait, also the cap on `Retry-After`: 0 to 60000 ms, default 8000. */
  maxDelayMs?: number;
  /** Each attempt is aborted after this long: 10 to 120000 ms, default 45000. */
  timeoutMs?: number;
}

export interface ListEntitiesParams {
  folder: string | number;
  filters?: unknown[];
  order?: unknown;
  paging?: { startIndex?: number; pageSize?: number };
  loadProperties?: boolean;
  /** Follow `HasNextPage` and return every card (up to `maxPages` pages). */
  all?: boolean;
  /** With `all`, the most pages to fetch: 1 to 10000, default 100. */
  maxPages?: number;
  [param: string]: unknown;
}

export interface EntityListing {
  /** The cards, as OfficeGuy returns them (properties flattened, values in arrays). */
  entities: Array<Record<string, unknown>>;
  /** How many pages were fetched. */
  pages: number;
  /** Whether OfficeGuy has more after the last page fetched. */
  hasNextPage: boolean;
  /** Where to go on from (`paging.startIndex`) when `hasNextPage`; else null. */
  nextStartIndex: number | null;
}

export interface IdName {
  ID: number;
  Name: string;
}

/**
 * The OfficeGuy client. Reads (folders, views, entities) are retried on network errors,
 * time-outs, HTTP 403, 429 and 5xx, and `Status` 2, with doubling waits; anything else
 * is sent once, since OfficeGuy has no idempotency key. Failures reject with
 * `OfficeGuyError` (`api_error` keeps `userMessage`; also `http_error`, `network_error`,
 * `timeout`, `invalid_params`, `unexpected_response`).
 */
export class Client {
  constructor(connection: Connection, options?: ClientOptions);
  /** `Data.Folders`. */
  listFolders(nameFilter?: string | { nameFilter?: string; [param: string]: unknown }): Promise<IdName[]>;
  /** `Data`: `{Folder, Properties}`. */
  getFolder(folder: string | number | Record<string, unknown>, options?: Record<string, unknown>): Promise<{ Folder: IdName; Properties?: unknown[] | null }>;
  /** `Data.Views`. */
  listViews(folderId: string | number | Record<string, unknown>, options?: Record<string, unknown>): Promise<IdName[]>;
  listEntities(params: ListEntitiesParams): Promise<EntityListing>;
  /** The same, with the folder first: `listEntities('1001', {all: true})`. */
  listEntities(folder: string | number, options?: Omit<ListEntitiesParams, 'folder'>): Promise<EntityListing>;
  /** `Data.Entity`. */
  getEntity(entityId: string | number | bigint | Record<string, unknown>, options?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Subscribes a webhook URL to a folder's view; resolves to `Data`. Never repeated. */
  subscribe(params: { url: string; folder: string | number; view: string | number; type: string; [param: string]: unknown }): Promise<unknown>;
  /** Removes every subscription of this URL; resolves to `Data`. Never repeated. */
  unsubscribe(url: string | Record<string, unknown>, options?: Record<string, unknown>): Promise<unknown>;
  /** Runs any action of the catalogue; resolves to the answer's `Data`. */
  execute(action: ActionKey | string, params?: Record<string, unknown>): Promise<any>;
  /** Frees the wasm object now; later calls reject with `closed`. */
  close(): void;
}
