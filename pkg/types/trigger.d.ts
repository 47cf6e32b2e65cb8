// Types of the trigger exports (pkg/lib/trigger.js, src/bindings/trigger.rs).

/**
 * An id (EntityID, Folder, SchemaID, and any integer in the output): a JSON number
 * when it is a safe integer (<= 2^53 - 1), otherwise its exact decimal string. Inputs
 * accept numbers, digit strings and BigInts.
 */
export type Id = number | string;
export type IdInput = number | string | bigint;

/** SUMIT's trigger types, as our keys. */
export type TriggerTypeKey = 'create' | 'update' | 'createOrUpdate' | 'archive' | 'delete';

/** What happened to a card, as the matcher reports it. */
export type TriggerKind = 'create' | 'update' | 'archive' | 'delete';

/** A mapped value: single values unwrapped, references as {id, name, schemaId}, empty as null, several values as an array. */
export type FieldValue = null | boolean | number | string | Reference | FieldValue[] | { [key: string]: FieldValue };

export interface Reference {
  id: Id;
  name: string | null;
  schemaId: Id | null;
}

/** A card as read from the API (`normalizeEntity`). */
export interface Card {
  /** null when the payload did not carry it. */
  folder: Id | null;
  entityId: Id;
  /** SUMIT's values, as sent (arrays of values). */
  properties: Record<string, unknown>;
  /** What a person maps in Make. */
  fields: Record<string, FieldValue>;
}

/** One delivery, normalised (`normalizeWebhook`). */
export interface TriggerEvent extends Card {
  /** The type SUMIT named (the subscription's type; under createOrUpdate not what happened). null when absent. */
  type: TriggerTypeKey | null;
  /** The delivery as JSON, after form decoding. */
  raw: unknown;
}

export interface WebhookRequest {
  /** The request's Content-Type; a hint only (the body is sniffed). */
  contentType?: string | null;
  /** As posted (text, bytes), or already parsed (the object, or `{json: "<text>"}` from a form). */
  body: string | Uint8Array | ArrayBuffer | object;
}

/**
 * A SUMIT delivery in any shape seen in practice (JSON, a form with `json=`, a parsed
 * object) as one event. Throws OfficeGuyError: `invalid_json`, `empty_body`,
 * `invalid_body`, `invalid_encoding`, `missing_entity_id`, `invalid_id`, `invalid_type`,
 * `unknown_trigger_type`, `too_large` (over 1 MiB, or over 2,000 properties), with `path`.
 */
export function normalizeWebhook(request: WebhookRequest): TriggerEvent;

/** A card as `listentities` / `getentity` return it (flattened or nested `Properties`). */
export function normalizeEntity(entity: object): Card;

/** A SUMIT `Filter`, in SUMIT's or camelCase spelling. */
export interface TriggerFilter {
  Property?: string | number;
  property?: string | number;
  /** One value or any-of list. */
  Value?: unknown;
  value?: unknown;
  DateRange_From?: string;
  dateRangeFrom?: string;
  /** Inclusive; a bare date covers the whole day. */
  DateRange_To?: string;
  dateRangeTo?: string;
  Negative?: boolean;
  negative?: boolean;
}

export interface TriggerSubscription {
  id: string | number;
  /** The numeric folder id. */
  folder: IdInput;
  view?: IdInput;
  types: TriggerTypeKey[] | TriggerTypeKey;
  /** All must hold. */
  filters?: TriggerFilter[];
}

export interface TriggerMatcherOptions {
  /** Cards remembered; the least recently seen is forgotten first. Default 100,000, at most 1,000,000. */
  maxCards?: number;
}

export interface AcceptOptions {
  /** The subscription whose webhook URL received the delivery: only it can fire, whatever the folder. */
  subscriptionId?: string | number;
}

/**
 * One fired subscription. `event` is a getter: for a raw body it is normalised on first
 * access (once per delivery, shared by every subscription it fired). Being on the
 * prototype, it is not copied by `{...fired}`; `JSON.stringify` includes it.
 */
export interface Fired<E = TriggerEvent> {
  subscriptionId: string | number;
  kind: TriggerKind;
  readonly event: E;
}

export interface BatchError {
  index: number;
  code: string;
  message: string;
  path: string | null;
}

/** What `accept` takes: a normalised event, a `{contentType, body}` request, or a SUMIT delivery object. */
export type Acceptable = TriggerEvent | Pick<TriggerEvent, 'folder' | 'entityId' | 'type' | 'properties'> | WebhookRequest | object;

export class TriggerMatcher {
  /**
   * @param state a string from `saveState()`; throws `invalid_state` /
   * `unsupported_state_version` when it is not one.
   */
  constructor(subscriptions: TriggerSubscription[], state?: string | null, options?: TriggerMatcherOptions);
  /** The subscriptions this event fires, each at most once per card change; `[]` for a retry or a stale replay. */
  accept(event: Acceptable, options?: AcceptOptions): Fired[];
  /**
   * Many at once, one crossing into wasm. A bad item is reported in `errors` and costs
   * nothing else. When every item is a `{contentType, body}` with a text body, each
   * fired `event` is normalised lazily, on first access.
   */
  acceptMany(items: Acceptable[], options?: AcceptOptions): { fired: Array<Fired & { index: number }>; errors: BatchError[] };
  /** The memory as a compact string (`ogm1.` + base64url, about 19–30 characters a card). */
  saveState(): string;
  size(): { remembered: number; maxCards: number };
  /** Frees the wasm memory now; later calls throw `freed`. Otherwise freed when collected. */
  free(): void;
}

export interface DiffOptions {
  /** Report every existing card as `create` on the first run (Make's "All"); default false ("From now on"). */
  emitExisting?: boolean;
}

export interface DiffEvent {
  kind: 'create' | 'update' | 'remove';
  folder: Id | null;
  entityId: Id;
  /** null for `remove`. */
  properties: Record<string, unknown> | null;
  fields: Record<string, FieldValue> | null;
}

/**
 * Changes since the previous poll. `entities` is one array, pages (arrays or
 * listentities results with `Entities`) in any order, or one listentities result.
 */
export function diffListing(
  state: string | null | undefined,
  entities: object[] | object,
  options?: DiffOptions,
): { events: DiffEvent[]; state: string; errors: Array<{ path: string; code: string; message: string }> };
