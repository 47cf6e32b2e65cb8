// The generated Make app and scenario blueprints; see src/bindings/makeapp.rs.
import { toJson } from './core.js';
import { makeapp } from './modules.js';

const { call } = makeapp;

/** The Make custom app as `{files: {path: text}}`, labels in `lang` (`en` or `he`). */
export function makeApp(options = {}) {
  return call('makeApp', toJson(options, 'options'));
}

/** A Make scenario blueprint: the app's trigger, then its actions with their mappers. */
export function blueprint(scenario, options) {
  return call('blueprint', toJson(scenario, 'scenario'), toJson(options, 'options'));
}
