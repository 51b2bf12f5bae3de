// Locates the provisioned Akoma Ntoso schema (see schemas/manifest.json and schemas/provision.mjs).
// Reads: schemas/ next to the package, else $AKN_SCHEMA_DIR.   Writes: nothing.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: the nearest folder above this module holding schemas/manifest.json. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'schemas', 'manifest.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('akn-press: cannot find the package root (schemas/manifest.json)');
    dir = parent;
  }
}

export interface SchemaManifest {
  files: Array<{ name: string; url: string; sha256: string }>;
}

export function schemaManifest(): SchemaManifest {
  return JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'manifest.json'), 'utf8')) as SchemaManifest;
}

/** The folder holding akomantoso30.xsd and xml.xsd, or an error that says how to provision it. */
export function schemaDir(): string {
  const candidates = [join(packageRoot(), 'schemas')];
  if (process.env.AKN_SCHEMA_DIR) candidates.push(resolve(process.env.AKN_SCHEMA_DIR));
  for (const dir of candidates) {
    if (existsSync(join(dir, 'akomantoso30.xsd')) && existsSync(join(dir, 'xml.xsd'))) return dir;
  }
  throw new Error(
    'akn-press: the Akoma Ntoso schema is not provisioned; run `make schemas` (or `node schemas/provision.mjs`)',
  );
}
