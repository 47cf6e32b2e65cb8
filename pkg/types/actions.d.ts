// Types of the actions exports (pkg/lib/actions.js).
import type { Issue } from '../index.js';

/** A text in both languages of the product. */
export interface Label {
  en: string;
  he: string;
}

/** Make's parameter types that the catalogue uses. */
export type FieldType =
  | 'text' | 'number' | 'integer' | 'uinteger' | 'boolean' | 'select' | 'date' | 'email'
  | 'url' | 'array' | 'collection' | 'any' | 'password';

export interface SelectOption {
  label: Label;
  value: string | number | boolean;
  /** Fields shown when this option is chosen (Make's `options[].nested`). */
  nested?: FieldSpec[];
}

/**
 * Options read at run time from a `group: "read"` operation (not a Make keyword: the app
 * generator turns it into an RPC). Empty `label`/`value` mean the list items themselves.
 */
export interface DynamicOptions {
  operation: string;
  list: string;
  label: string;
  value: string;
  /** `[operationParam, siblingField]` pairs. */
  dependsOn?: [string, string][];
}

/** A Make parameter spec with labels in English and Hebrew. */
export interface FieldSpec {
  name: string;
  type: FieldType;
  label: Label;
  help?: Label;
  required: boolean;
  default?: unknown;
  options?: SelectOption[];
  /** Collection: its fields. Array: the item's fields (items are collections) or one spec (plain items). */
  spec?: FieldSpec[] | FieldSpec;
  multiline?: boolean;
  advanced?: boolean;
  /** Dates: whether a time of day is asked for. */
  time?: boolean;
  /** Bounds: characters for text, value for numbers. */
  validate?: { min?: number; max?: number; pattern?: string };
  dynamicOptions?: DynamicOptions;
}

/**
 * `action`: a module a Make user picks. `read`: lookups for the client, the page and RPCs.
 * `subscription`: trigger subscribe and unsubscribe.
 */
export type ActionGroup = 'action' | 'read' | 'subscription';

export interface ActionSpec {
  key: string;
  group: ActionGroup;
  label: Label;
  help: Label;
  /** The path the request goes to; null for `apiCall`, whose path is a parameter. */
  endpoint: string | null;
  /** Other paths the same action may use (`sendSms` to several recipients). */
  otherEndpoints?: string[];
  fields: FieldSpec[];
  /** The interface of the answer's `Data`. */
  output: FieldSpec[];
  /** True when repeating after an unknown outcome cannot duplicate an effect (reads). */
  safeToRetry: boolean;
}

export interface TriggerSpec {
  key: string;
  label: Label;
  help: Label;
  kind: 'instant' | 'polling';
  fields: FieldSpec[];
  output: FieldSpec[];
}

export interface Catalog {
  /** Actions, reads and subscription calls; filter on `group === 'action'` for modules. */
  actions: ActionSpec[];
  triggers: TriggerSpec[];
}

export type ActionKey =
  | 'createCustomer' | 'createDocument' | 'sendSms' | 'addToEmailList' | 'addToSmsList'
  | 'createCard' | 'apiCall' | 'updateCard' | 'getCard' | 'sendDocument' | 'archiveCard'
  | 'deleteCard' | 'getCompanyDetails' | 'listFolders' | 'getFolder' | 'listViews'
  | 'listEntities' | 'getEntity' | 'listEmailLists' | 'listSmsLists' | 'listSmsSenders'
  | 'subscribeTrigger' | 'unsubscribeTrigger';

export interface Connection {
  /** CompanyID: a number, a numeric string or a BigInt; kept exact. */
  companyId: number | string | bigint;
  /** The private API key. It appears only in the request body, never in errors. */
  apiKey: string;
  /** Defaults to `https://api.sumit.co.il`. */
  baseUrl?: string;
  /** Language of OfficeGuy's error messages, sent as `Content-Language`. */
  language?: 'he' | 'en' | 'es' | 'ar' | 'ru';
}

export interface HttpRequest {
  /** Always `POST`. */
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  /**
   * The exact JSON text to send (ids and amounts exact), ready for
   * `fetch(r.url, { method: r.method, headers: r.headers, body: r.body })`.
   */
  body: string;
}

/**
 * Action params: plain JSON, names as in `catalog()`. Conventions (as Make sends values):
 * - numbers may be numeric strings; amounts are exact decimals (`"0.10"`, `"1,234.50"`);
 *   a JSON number with more than 15 significant digits is refused (send it as text);
 * - ids (customer, entity, folder, list, view) are 64-bit: a number, numeric text or BigInt;
 * - booleans may be `"true"`/`"false"` (also `1`/`0`, `"yes"`/`"no"`);
 * - `""` and `null` mean "not given" for optional fields;
 * - dates: ISO `2026-11-30` or a date-time; a date-time with `Z` or an offset is taken as
 *   that instant's date in Israel; sent as `YYYY-MM-DD`;
 * - enums by name or code (`"InvoiceAndReceipt"` or `1`; currencies by ISO code `"USD"`);
 * - `vatRate` is in percent (`18`), as the official plugin sends it;
 * - `sendByEmail`: `true`, or `{email?, original = true, asPaymentRequest = false}`;
 *   `false`, `""` or an empty object send nothing;
 * - `sendSms.to`: one number, a list, or numbers separated by `,` `;` or new lines
 *   (a list goes to `/sms/sms/sendmultiple/`);
 * - unknown names are issues (`unknown_field`), not silently dropped.
 */
export type Params = Record<string, unknown>;

export function catalog(): Catalog;
/** Every problem of `params` (empty when valid). */
export function validateParams(action: ActionKey | string, params: Params): Issue[];
/** Throws OfficeGuyError `invalid_params` (or `invalid_connection`) with every issue. */
export function buildRequest(action: ActionKey | string, params: Params, connection: Connection): HttpRequest;
/**
 * The answer's `Data` (`{}` when it has none). `body` is the text or the parsed object.
 * Throws OfficeGuyError `api_error` (`status`, `userMessage`), `http_error` (`httpStatus`) or `invalid_response`.
 */
export function parseResponse(action: ActionKey | string, httpStatus: number, body: string | object): any;
export function safeToRetry(action: ActionKey | string): boolean;

export interface EnumTable {
  /** The schema name in openapi.json, e.g. `Accounting_Typed_DocumentType`. */
  schema: string;
  members: { name: string; code: number; en: string; he: string }[];
}
/** The API enums (DocumentType, Language, DocumentCurrency, ...) with names, codes and labels. */
export function enumTables(): EnumTable[];
