// Every export of the package, collected from one module per concern.
export { OfficeGuyError } from './core.js';
export * from './actions.js';
export * from './iml.js';
export * from './trigger.js';
export * from './client.js';
export * from './makeapp.js';
