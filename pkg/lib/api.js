// Every export of the package, collected from one module per concern.
export { OfficeGuyError } from './core.js';
export * from './actions.js';
