// makeapp exports; see src/bindings/makeapp.rs.
import { call } from './core.js';

void call;
