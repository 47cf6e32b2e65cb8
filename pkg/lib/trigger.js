// trigger exports; see src/bindings/trigger.rs.
import { call } from './core.js';

void call;
