// Every file below a folder, for the scripts that hash or compare trees.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Paths of every file below `dir` (none when it does not exist). */
export function listFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}
