// Reads the shipped gazetteer table (server/data/gazetteer.json, built by scripts/build-gazetteer.mjs).
// Works from source (server/src/node, via tsx) and from the bundles in server/out.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGazetteer, type Gazetteer } from '../core/regions';

const TABLE = 'gazetteer.json';
let cached: Gazetteer | undefined;
let version: string | undefined;

/** The directory that holds the table: ../data from server/out, ../../data from server/src/node. */
export function gazetteerDataDir(base: string = __dirname): string {
  for (const rel of ['../data', '../../data']) {
    const dir = join(base, rel);
    if (existsSync(join(dir, TABLE))) return dir;
  }
  throw new Error(`gazetteer table ${TABLE} not found near ${base} (run node scripts/build-gazetteer.mjs)`);
}

/** Loads (once) and returns the gazetteer. */
export function loadGazetteer(): Gazetteer {
  cached ??= createGazetteer(JSON.parse(readFileSync(join(gazetteerDataDir(), TABLE), 'utf8')));
  return cached;
}

/** A hash of the shipped table (cached region mentions are stale when it changes); never builds the gazetteer. */
export function gazetteerVersion(): string {
  version ??= createHash('sha1').update(readFileSync(join(gazetteerDataDir(), TABLE))).digest('hex').slice(0, 12);
  return version;
}
