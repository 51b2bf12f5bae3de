// Locates and provisions the official Akoma Ntoso schema (see schemas/manifest.json).
// Reads: $AKN_SCHEMA_DIR, the user's cache folder, schemas/ of the package.   Writes: the cache folder (setup only).
//
// Where the schema is looked for, first found wins (each candidate must hold every manifest file):
//   1. $AKN_SCHEMA_DIR, when set (a folder holding akomantoso30.xsd and xml.xsd);
//   2. the user's cache: $XDG_CACHE_HOME/akn-press/schemas, else ~/.cache/akn-press/schemas, where
//      `akn-press setup` puts it (from the official URL, or `--from DIR` offline);
//   3. schemas/ of the package (a clone of the repository after `make`).
// Every file found is checked against the manifest's sha256 before use; a mismatch is refused.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A known condition of the environment (schema missing, folder not writable...): one line, no stack. */
export class EnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentError';
  }
}

/** The package root: the nearest folder above this module holding package.json and schemas/manifest.json. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'schemas', 'manifest.json')) && existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new EnvironmentError('akn-press: the installed package is incomplete (no schemas/manifest.json above its modules); reinstall it');
    dir = parent;
  }
}

export interface SchemaManifest {
  baseUrl?: string;
  files: Array<{ name: string; url: string; sha256: string }>;
}

export function schemaManifest(): SchemaManifest {
  return JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'manifest.json'), 'utf8')) as SchemaManifest;
}

/** The user's cache folder of akn-press: $XDG_CACHE_HOME/akn-press, else ~/.cache/akn-press. */
export function userCacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_CACHE_HOME'] && env['XDG_CACHE_HOME'].startsWith('/') ? env['XDG_CACHE_HOME'] : join(homedir(), '.cache');
  return join(base, 'akn-press');
}

/** The user's cache folder for the schema: $XDG_CACHE_HOME/akn-press/schemas or ~/.cache/akn-press/schemas. */
export function userSchemaCache(env: NodeJS.ProcessEnv = process.env): string {
  return join(userCacheFolder(env), 'schemas');
}

/** Candidate folders in the order they are tried, each with how it was found (for messages). */
export function schemaCandidates(env: NodeJS.ProcessEnv = process.env): Array<{ dir: string; via: string }> {
  const candidates: Array<{ dir: string; via: string }> = [];
  if (env['AKN_SCHEMA_DIR']) candidates.push({ dir: resolve(env['AKN_SCHEMA_DIR']), via: '$AKN_SCHEMA_DIR' });
  candidates.push({ dir: userSchemaCache(env), via: 'the user cache' });
  candidates.push({ dir: join(packageRoot(), 'schemas'), via: 'the package' });
  return candidates;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Why a folder does not hold the schema, or undefined when it holds every file with the right sha256. */
function schemaProblem(dir: string, manifest: SchemaManifest): string | undefined {
  for (const file of manifest.files) {
    const path = join(dir, file.name);
    if (!existsSync(path)) return `${path} is missing`;
    try {
      const size = statSync(path).size;
      // The schema is about 250 kB; anything far larger is not it, and is not read whole.
      if (size > 16 * 1024 * 1024) return `${path} is ${size} bytes, not the schema`;
      if (sha256(readFileSync(path)) !== file.sha256) return `${path} does not match the sha256 of the official file`;
    } catch (error) {
      return `${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    }
  }
  return undefined;
}

let found: string | undefined;

/** The folder holding akomantoso30.xsd and xml.xsd (checked), or an EnvironmentError naming the ways to provision it. */
export function schemaDir(): string {
  if (found) return found;
  const manifest = schemaManifest();
  const refused: string[] = [];
  for (const { dir, via } of schemaCandidates()) {
    if (!existsSync(dir)) continue;
    const problem = schemaProblem(dir, manifest);
    if (!problem) return (found = dir);
    if (existsSync(join(dir, manifest.files[0]!.name)) || via === '$AKN_SCHEMA_DIR') refused.push(`${problem} (${via})`);
  }
  throw new EnvironmentError(
    [
      'akn-press: the Akoma Ntoso schema is not provisioned.',
      ...refused.map((r) => `  refused: ${r}`),
      `  Run \`npx akn-press setup\` (downloads the official OASIS files, sha256-checked, into ${userSchemaCache()}),`,
      '  or `npx akn-press setup --from DIR` offline with a folder holding akomantoso30.xsd and xml.xsd,',
      '  or set AKN_SCHEMA_DIR to such a folder.',
    ].join('\n'),
  );
}

export interface SetupResult {
  dir: string;
  files: Array<{ name: string; origin: string; status: 'provisioned' | 'present' }>;
}

/**
 * Provisions the schema into `target` (default: the user cache): from `from` (a folder) or the official
 * URLs of the manifest; every file's sha256 must match before it is written (atomically).
 * The only code that may reach the network, and only when asked to (`akn-press setup` without --from).
 */
export async function provisionSchema(options: { from?: string; target?: string; fetch?: typeof fetch } = {}): Promise<SetupResult> {
  const manifest = schemaManifest();
  const target = options.target ?? userSchemaCache();
  try {
    mkdirSync(target, { recursive: true });
  } catch (error) {
    throw new EnvironmentError(`${target}: cannot create the schema folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const result: SetupResult = { dir: target, files: [] };
  for (const file of manifest.files) {
    const path = join(target, file.name);
    if (existsSync(path) && sha256(readFileSync(path)) === file.sha256) {
      result.files.push({ name: file.name, origin: path, status: 'present' });
      continue;
    }
    const origin = options.from ? join(resolve(options.from), file.name) : file.url;
    let bytes: Uint8Array;
    try {
      if (options.from) {
        bytes = readFileSync(origin);
      } else {
        const response = await (options.fetch ?? fetch)(origin);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        bytes = new Uint8Array(await response.arrayBuffer());
      }
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      throw new EnvironmentError(`${origin}: cannot read (${e.code ?? e.message})`);
    }
    const actual = sha256(bytes);
    if (actual !== file.sha256) throw new EnvironmentError(`${origin}: sha256 ${actual} does not match the official ${file.sha256}; refused`);
    const temp = `${path}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, bytes);
      renameSync(temp, path);
    } catch (error) {
      throw new EnvironmentError(`${path}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    result.files.push({ name: file.name, origin, status: 'provisioned' });
  }
  found = undefined;
  return result;
}
