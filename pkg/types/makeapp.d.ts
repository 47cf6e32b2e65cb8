// Types of the makeapp exports (pkg/lib/makeapp.js).

export interface MakeAppOptions {
  /** Language of labels and help; `en` by default. */
  lang?: 'en' | 'he';
}

/** The app's files, in Make's local-development layout: path → text. */
export interface MakeApp {
  files: Record<string, string>;
}

export function makeApp(options?: MakeAppOptions): MakeApp;

export interface ScenarioStep {
  /** Module name: a trigger key (`watchCards`, `pollCards`) or an action key (`createDocument`). */
  key?: string;
  /** The same as `key`, in a blueprint's own word. */
  module?: string;
  /** Static parameters (e.g. `folder`, `limit` of `pollCards`). */
  params?: Record<string, unknown>;
  /** The same as `params`. */
  parameters?: Record<string, unknown>;
  /** Mappable parameters: constants, or templates in Make's scenario dialect (`{{1.fields.Name}}`). */
  mapper?: Record<string, unknown>;
}

export interface Scenario {
  name?: string;
  trigger: ScenarioStep;
  actions?: ScenarioStep[];
}

export interface BlueprintOptions {
  /** The custom app's id in Make, e.g. `officeguy-x1y2z3`. */
  appId: string;
  /** The app's major version; 1 by default. */
  appVersion?: number;
  /** Make's zone; `eu1.make.com` by default. */
  zone?: string;
}

export interface BlueprintModule {
  id: number;
  /** `app#<appId>:<moduleName>`. */
  module: string;
  version: number;
  /** `__IMTCONN__` / `__IMTHOOK__` are `null`: Make asks for them on import. */
  parameters: Record<string, unknown>;
  mapper: Record<string, unknown>;
  metadata: { designer: { x: number; y: number } };
}

export interface Blueprint {
  name: string;
  flow: BlueprintModule[];
  metadata: {
    instant: boolean;
    version: number;
    scenario: Record<string, boolean | number>;
    designer: { orphans: unknown[] };
    zone: string;
  };
}

export function blueprint(scenario: Scenario, options: BlueprintOptions): Blueprint;
