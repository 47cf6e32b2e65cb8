// client exports; see src/bindings/client.rs.
import { call } from './core.js';

void call;
