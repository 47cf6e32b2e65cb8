// Types of the IML exports (pkg/lib/iml.js).

export type ImlDialect = 'scenario' | 'app';

export interface ImlOptions {
  /** `app` (default for evaluate/compile: `,` between arguments, variables) or `scenario` (`;`, module references `1.field`). */
  dialect?: ImlDialect;
  /** IANA name (`Asia/Jerusalem`), `UTC` or an offset (`+02:00`); default UTC. */
  timezone?: string;
  /** Fixes `now`: a Date, ISO-8601 text or milliseconds since the epoch. */
  now?: Date | string | number;
}

/** JSON-compatible values; integers beyond 2^53 copied from the input come back as BigInt. */
export type ImlValue = null | boolean | number | bigint | string | ImlValue[] | { [key: string]: ImlValue };

/**
 * Evaluates a template. A template that is exactly one `{{...}}` yields the raw value;
 * mixed text yields a string. Dates come out as ISO-8601 strings, binary data as base64.
 * In the app dialect the context's top-level keys are the variables; in the scenario
 * dialect they are module ids.
 */
export function evaluate(template: string, context?: object, options?: ImlOptions): ImlValue;

export class CompiledTemplate {
  evaluate(context?: object): ImlValue;
  /** The template written in a dialect. */
  print(dialect: ImlDialect): string;
  /** Releases the wasm memory now; a FinalizationRegistry does it otherwise. */
  free(): void;
}

export function compile(template: string, options?: ImlOptions): CompiledTemplate;

/** Bundles keyed by module id (`{"1": {...}}`), or their JSON text to keep 64-bit ids exact. */
export type ImlBundles = Record<string, unknown> | string;

/** Action params: every string of `mapper` that holds `{{...}}` is a scenario-dialect template. */
export function applyMapping(mapper: unknown, bundles?: ImlBundles, options?: Omit<ImlOptions, 'dialect'>): any;

export class CompiledMapping {
  apply(bundles?: ImlBundles): any;
  /** JSON text of the bundles in, JSON text of the params out (no object conversion; 64-bit ids stay exact digits). */
  applyJson(bundlesJson: string): string;
  free(): void;
}

export function compileMapping(mapper: unknown, options?: Omit<ImlOptions, 'dialect'>): CompiledMapping;

/** Rewrites a template between dialects; throws `iml_not_convertible` for an app variable in a scenario. */
export function convertDialect(template: string, from: ImlDialect, to: ImlDialect): string;

export interface ImlSyntaxIssue {
  /** UTF-16 offset into the template, as JavaScript strings index. */
  offset: number;
  length: number;
  /** `iml_syntax` or `iml_limit`. */
  code: string;
  /** English; names what was expected. */
  message: string;
}

/** Syntax problems of a template (empty when it parses); dialect defaults to `scenario`. */
export function checkTemplate(template: string, options?: { dialect?: ImlDialect }): ImlSyntaxIssue[];
