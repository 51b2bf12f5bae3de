// The installed package, end to end: `npm pack`, install the tarball into a temporary project away from
// this repository (offline, from the npm cache that `npm ci` filled), see the missing-schema message,
// provision the schema offline with `akn-press setup --from`, then build with the CLI and the library.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..');
let project: string;
let env: NodeJS.ProcessEnv;

function run(command: string, args: string[], input?: string) {
  const result = spawnSync(command, args, { cwd: project, env, encoding: 'utf8', input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The temporary project's lockfile: akn-press from the tarball, its dependencies at the versions and
 * integrity of this repository's lockfile, so that `npm ci --offline` takes every tarball from the npm
 * cache without asking the registry for version lists (which `npm ci` does not cache).
 */
function lockfileFor(tarball: string): object {
  const own = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string>; engines: object };
  const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; version?: string; resolved?: string }> };
  const packages: Record<string, object> = {
    '': { name: 'uses-akn-press', version: '1.0.0', dependencies: { 'akn-press': `file:${tarball}` } },
    'node_modules/akn-press': { version: own.version, resolved: `file:${tarball}`, license: 'MIT', dependencies: own.dependencies, bin: { 'akn-press': 'dist/pipeline/cli.js' }, engines: own.engines },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.dev || !entry.version) continue;
    const name = path.split('node_modules/').pop()!;
    packages[path] = { ...entry, resolved: entry.resolved ?? `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${entry.version}.tgz` };
  }
  return { name: 'uses-akn-press', version: '1.0.0', lockfileVersion: 3, requires: true, packages };
}

beforeAll(() => {
  if (!existsSync(join(repo, 'dist/pipeline/cli.js'))) throw new Error('dist/ is missing: run `make` before the tests');
  project = mkdtempSync(join(tmpdir(), 'akn-package-'));
  // No AKN_SCHEMA_DIR (the Makefile exports one) and a cache folder of the project's own.
  env = { ...process.env, XDG_CACHE_HOME: join(project, 'cache'), npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  delete env['AKN_SCHEMA_DIR'];
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', project], { cwd: repo, encoding: 'utf8' }).trim().split('\n').pop()!;
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-akn-press', version: '1.0.0', private: true, type: 'module', dependencies: { 'akn-press': `file:${tarball}` } }));
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify(lockfileFor(tarball), null, 2));
  const install = run('npm', ['ci', '--offline', '--no-audit', '--no-fund']);
  if (install.status !== 0) throw new Error(`npm ci --offline failed (is the npm cache filled by npm ci?):\n${install.stderr}`);
  mkdirSync(join(project, 'texts'));
  writeFileSync(join(project, 'texts/fr_A-72-L.10.txt'), readFileSync(join(repo, 'input/fr_A-72-L.10.txt')));
  writeFileSync(join(project, 'texts/fr_A-72-L.10.meta.json'), readFileSync(join(repo, 'input/fr_A-72-L.10.meta.json')));
}, 180_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the package installed in another project', () => {
  it('ships what it needs and nothing of the build: a LICENSE, no stamps, source maps that carry their sources', () => {
    const installed = join(project, 'node_modules/akn-press');
    expect(existsSync(join(installed, 'LICENSE'))).toBe(true);
    expect(readdirSync(join(installed, 'dist')).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(existsSync(join(installed, 'schemas/sidecar.schema.json'))).toBe(true);
    expect(existsSync(join(installed, 'Makefile'))).toBe(false);
    const maps = readdirSync(join(installed, 'dist/pipeline'), { recursive: true }).map(String).filter((f) => f.endsWith('.js.map'));
    expect(maps.length).toBeGreaterThan(10);
    for (const map of maps) {
      const data = JSON.parse(readFileSync(join(installed, 'dist/pipeline', map), 'utf8')) as { sources: string[]; sourcesContent?: string[] };
      expect(data.sourcesContent?.length, map).toBe(data.sources.length);
    }
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).not.toContain('unified');
    expect(Object.keys(manifest.dependencies)).not.toContain('xmlbuilder2');
  });

  it('says how to provision the schema when it is missing (exit 3, no internal error)', () => {
    const result = run('npx', ['akn-press', 'build', 'texts/fr_A-72-L.10.txt', '-o', 'out']);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('akn-press: the Akoma Ntoso schema is not provisioned.');
    expect(result.stderr).toContain('npx akn-press setup');
    expect(result.stderr).toContain('--from DIR');
    expect(result.stderr).toContain('AKN_SCHEMA_DIR');
    expect(result.stderr).toContain(join(project, 'cache/akn-press/schemas'));
    expect(result.stderr).not.toContain('internal error');
    expect(existsSync(join(project, 'out'))).toBe(false);
  });

  it('refuses a schema folder whose files do not match the official sha256', () => {
    const fake = join(project, 'fake-schemas');
    mkdirSync(fake);
    writeFileSync(join(fake, 'akomantoso30.xsd'), '<xs:schema/>');
    writeFileSync(join(fake, 'xml.xsd'), '<xs:schema/>');
    const result = run('npx', ['akn-press', 'setup', '--from', fake]);
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/akomantoso30\.xsd: sha256 [0-9a-f]{64} does not match the official [0-9a-f]{64}; refused/);
  });

  it('provisions the schema offline with setup --from, then builds with the CLI', () => {
    const setup = run('npx', ['akn-press', 'setup', '--from', join(repo, 'schemas')]);
    expect(setup.stderr).toContain(`schema ready in ${join(project, 'cache/akn-press/schemas')}`);
    expect(setup.status).toBe(0);
    const build = run('npx', ['akn-press', 'build', 'texts/fr_A-72-L.10.txt', '-o', 'out', '-q']);
    expect(build).toMatchObject({ status: 0, stderr: '' });
    expect(readdirSync(join(project, 'out')).filter((f) => !f.startsWith('.')).sort()).toEqual([
      'fr_A-72-L.10.akn.xml',
      'fr_A-72-L.10.epub',
      'fr_A-72-L.10.html',
      'fr_A-72-L.10.jsonld',
    ]);
    expect(run('npx', ['akn-press', 'validate', 'out/fr_A-72-L.10.akn.xml'])).toMatchObject({ status: 0, stderr: 'out/fr_A-72-L.10.akn.xml: valid\n' });
    // Compiled word lists go to the user's cache, not into node_modules.
    const lexicon = run('node', ['--input-type=module', '-e', "const { lexiconDirectory } = await import('./node_modules/akn-press/dist/pipeline/lexicon.js'); console.log(lexiconDirectory());"]);
    expect(lexicon.stdout).toBe(`${join(project, 'cache/akn-press/lexicon')}\n`);
  });

  it('builds with the library, sync and async, and checks its arguments', () => {
    writeFileSync(
      join(project, 'use.mjs'),
      `import { readFileSync } from 'node:fs';
import { build, buildAsync, closeBuildWorker, runBatch } from 'akn-press';
const text = readFileSync('texts/fr_A-72-L.10.txt');
const sync = build({ file: 'fr_A-72-L.10.txt', text }, { formats: ['xml', 'html'] });
const async = await buildAsync({ file: 'fr_A-72-L.10.txt', text: new Uint8Array(text).buffer });
const problems = [];
for (const call of [() => build(), () => build({ text: 42 }), () => build({ text: 'x' }, { formats: ['pdf'] })]) {
  try { call(); } catch (error) { problems.push(error.name + ': ' + error.message); }
}
const batch = await runBatch(['texts'], { outDir: 'lib-out', formats: ['xml'], progress: false });
console.log(JSON.stringify({ sync: sync.xml.length, html: typeof sync.html, same: async.xml === build({ file: 'fr_A-72-L.10.txt', text }).xml, batch: [batch.built, batch.failures], problems }));
await closeBuildWorker();
`,
    );
    const result = run('node', ['use.mjs']);
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout) as { sync: number; html: string; same: boolean; batch: number[]; problems: string[] };
    expect(out.sync).toBeGreaterThan(10_000);
    expect(out).toMatchObject({ html: 'string', same: true, batch: [1, 0] });
    expect(readdirSync(join(project, 'lib-out')).filter((f) => !f.startsWith('.'))).toEqual(['fr_A-72-L.10.akn.xml']);
    expect(out.problems).toEqual([
      'TypeError: akn-press: build() needs an input object: build({ file: "x.txt", text }), where text is a string or bytes',
      'TypeError: akn-press: input.text must be a string, a Uint8Array/Buffer or an ArrayBuffer (got number)',
      'TypeError: akn-press: unknown format "pdf" in options.formats (expected xml, html, epub, jsonld)',
    ]);
  });
});
