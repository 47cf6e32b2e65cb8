// Where the read-only reference data lives: ../shared beside the project, or the folder
// named by OFFICEGUY_SHARED. Nothing from it is copied into the project.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const projectRoot = new URL('../../', import.meta.url).pathname;

export function sharedDir() {
  const dir = resolve(process.env.OFFICEGUY_SHARED || join(projectRoot, '..', 'shared'));
  if (!existsSync(join(dir, 'officeguy-api', 'openapi.json'))) {
    throw new Error(`the reference data is missing: expected ${join(dir, 'officeguy-api', 'openapi.json')}. `
      + 'Put the shared/ folder beside the project or set OFFICEGUY_SHARED to its path.');
  }
  return dir;
}

export function readShared(...parts) {
  return readFileSync(join(sharedDir(), ...parts), 'utf8');
}
