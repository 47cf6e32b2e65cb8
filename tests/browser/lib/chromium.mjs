// Debian's Chromium driven by playwright-core, with the flags this machine needs (no
// network but loopback, nothing downloaded) and a fresh profile every launch.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A persistent context on a new, empty profile directory; close it to end Chromium. */
export async function launch({ viewport = { width: 1280, height: 900 }, acceptDownloads = true } = {}) {
  const profile = mkdtempSync(join(process.env.OFFICEGUY_MAKE_PROFILE_DIR || tmpdir(), 'profile-'));
  return chromium.launchPersistentContext(profile, {
    executablePath, args: FLAGS, headless: true, viewport, acceptDownloads,
  });
}

const artifactsRoot = new URL('../../../test-artifacts/', import.meta.url).pathname;

/** Where a suite saves its screenshots: test-artifacts/<suite>/, emptied first so that no
 * picture from an earlier run is mistaken for this one's. */
export function artifacts(suite) {
  const dir = join(artifactsRoot, suite);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}
