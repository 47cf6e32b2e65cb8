// iml exports; see src/bindings/iml.rs.
import { call } from './core.js';

void call;
