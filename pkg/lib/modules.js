// The core's wasm modules, one per area (scripts/build.mjs builds the same list from the
// crate's Cargo features). Each is instantiated on first use, so a consumer pays only for
// the areas it calls: buildRequest never loads the IML engine.
import { WasmModule } from './core.js';
import actionsGlue from '../wasm/actions/glue.js';
import imlGlue from '../wasm/iml/glue.js';
import triggerGlue from '../wasm/trigger/glue.js';
import clientGlue from '../wasm/client/glue.js';
import makeappGlue from '../wasm/makeapp/glue.js';

/** validateParams, buildRequest, parseResponse, the API enums (catalog() with its labels is in makeapp) */
export const actions = new WasmModule('actions', actionsGlue);
/** evaluate, compile, applyMapping, compileMapping, convertDialect, checkTemplate */
export const iml = new WasmModule('iml', imlGlue);
/** normalizeWebhook, normalizeEntity, TriggerMatcher, diffListing */
export const trigger = new WasmModule('trigger', triggerGlue);
/** Client (it builds its requests itself) */
export const client = new WasmModule('client', clientGlue);
/** makeApp, blueprint, catalog (labels and help texts live only here) */
export const makeapp = new WasmModule('makeapp', makeappGlue);

/** Every module by name. */
export const modules = Object.freeze({ actions, iml, trigger, client, makeapp });
