// Reads an app in the local-development layout of Make's own editor: `makecomapp.json` lists
// each component and the file of each of its codes (paths relative to the app folder). The
// loader follows that list rather than guessing file names, so any app cloned by the editor
// loads, whatever its ids look like.
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseJsonc } from './jsonc.mjs';
import { MakeError } from './errors.mjs';

// Code types of the editor → the names the runner uses (the API section names of Make).
const CODE_NAMES = {
  communication: 'communication',
  params: 'parameters',
  staticParams: 'parameters',
  mappableParams: 'expect',
  interface: 'interface',
  samples: 'samples',
  scope: 'scope',
  epoch: 'epoch',
  attach: 'attach',
  detach: 'detach',
  update: 'update',
  common: 'common',
  code: 'code',
  test: 'test',
};

const KINDS = { connection: 'connections', webhook: 'webhooks', module: 'modules', rpc: 'rpcs', function: 'functions' };

function readCode(dir, rel, codeType) {
  const file = resolve(dir, rel);
  if (!file.startsWith(resolve(dir))) {
    throw new MakeError('InvalidConfigurationError', 'app_invalid', `makecomapp.json: ${rel} is outside the app folder`, { path: rel });
  }
  if (!existsSync(file)) {
    throw new MakeError('InvalidConfigurationError', 'app_invalid', `makecomapp.json lists ${rel}, which does not exist`, { path: rel });
  }
  const text = readFileSync(file, 'utf8');
  return codeType === 'code' || codeType === 'test' ? text : parseJsonc(text, rel);
}

/** Loads the app in `dir` → {dir, base, common, connections, webhooks, modules, rpcs, functions}. */
export function loadApp(dir) {
  dir = resolve(dir);
  const manifestFile = join(dir, 'makecomapp.json');
  if (!existsSync(manifestFile)) {
    throw new MakeError('InvalidConfigurationError', 'app_invalid', `${dir}: no makecomapp.json (not an app in Make's local-development layout)`);
  }
  const manifest = parseJsonc(readFileSync(manifestFile, 'utf8'), 'makecomapp.json');
  if (!manifest || typeof manifest.components !== 'object') {
    throw new MakeError('InvalidConfigurationError', 'app_invalid', 'makecomapp.json: missing "components"', { path: 'components' });
  }
  const general = manifest.generalCodeFiles || {};
  const app = {
    dir,
    manifest,
    base: general.base ? readCode(dir, general.base) || {} : {},
    common: general.common ? readCode(dir, general.common) || {} : {},
    connections: {}, webhooks: {}, modules: {}, rpcs: {}, functions: {},
  };
  for (const [kind, plural] of Object.entries(KINDS)) {
    for (const [name, meta] of Object.entries(manifest.components[kind] || {})) {
      const component = {
        name,
        kind,
        label: meta.label ?? name,
        type: meta.moduleType ?? meta.connectionType ?? meta.webhookType,
        connection: meta.connection ?? null,
        webhook: meta.webhook ?? null,
      };
      for (const [codeType, rel] of Object.entries(meta.codeFiles || {})) {
        if (!rel) continue;
        const key = CODE_NAMES[codeType] || codeType;
        component[key] = readCode(dir, rel, codeType);
      }
      app[plural][name] = component;
    }
  }
  for (const [name, m] of Object.entries(app.modules)) {
    if (m.type === 'instant_trigger' && !app.webhooks[m.webhook]) {
      throw new MakeError('InvalidConfigurationError', 'app_invalid', `module ${name}: instant trigger without a known webhook (${m.webhook})`, { module: name });
    }
  }
  return app;
}

/** The component, or an error that lists what exists. */
export function component(app, plural, name) {
  const found = app[plural][name];
  if (!found) {
    throw new MakeError('InvalidConfigurationError', 'unknown_component',
      `no ${plural.slice(0, -1)} named ${name} in the app (known: ${Object.keys(app[plural]).join(', ') || 'none'})`, { module: name });
  }
  return found;
}
