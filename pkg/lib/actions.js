// Actions: the catalogue, validation, request building, answers.
import { call } from './core.js';

/** Version of the wasm core, to check that the package and the wasm match. */
export function coreVersion() {
  return call('coreVersion');
}
