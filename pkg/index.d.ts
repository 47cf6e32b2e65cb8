// Types of the officeguy-make package. Catalogue-derived types are generated into
// types/catalog.d.ts from the core (npm run build); the rest is written here once.

/** Resolves when the wasm core is instantiated; every export works after it. */
export const ready: Promise<void>;

export interface Issue {
  /** Where the problem is, e.g. `items[2].unitPrice`. */
  path: string;
  /** Stable code, e.g. `required`, `invalid_email`. */
  code: string;
  /** English message. */
  message: string;
}

/** The only error any export throws. */
export class OfficeGuyError extends Error {
  code: string;
  issues?: Issue[];
  /** OfficeGuy's `Status` for API failures (1 business error, 2 technical error). */
  status?: number;
  /** OfficeGuy's `UserErrorMessage`, as the service wrote it. */
  userMessage?: string;
  httpStatus?: number;
  path?: string;
}

export function coreVersion(): string;

export * from './types/actions.js';
export * from './types/iml.js';
export * from './types/trigger.js';
export * from './types/client.js';
export * from './types/makeapp.js';
