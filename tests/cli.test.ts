// The command line end to end, a handful of runs of the compiled CLI (make test compiles it first):
// exit statuses, one clear line per error, nothing written for bad input, --json, validate and text.
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../pipeline/batch.js';

const CLI = 'dist/pipeline/cli.js';

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return runWith({}, ...args);
}

function runWith(extra: { input?: string | Uint8Array; uid?: number; env?: NodeJS.ProcessEnv }, ...args: string[]) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`make\` (or npx tsc) before the tests`);
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    input: extra.input,
    env: { ...process.env, ...extra.env },
    ...(extra.uid !== undefined ? { uid: extra.uid, gid: extra.uid } : {}),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'akn-cli-'));

describe('akn-press command line', () => {
  it('prints help (exit 0) and refuses a bad command or option (exit 2)', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('akn-press build <file.txt|file.pdf|folder|->');
    const unknown = run('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^akn-press: unknown command "frobnicate"/);
    expect(run('build', '--bogus', 'x').status).toBe(2);
    expect(run('render', 'x.akn.xml').status).toBe(2);
  });

  it('has help per command, short flags and a "did you mean" for a mistyped command or flag', () => {
    const help = run('build', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: akn-press build /);
    expect(help.stdout).toContain('-o, --out DIR');
    expect(help.stdout).toContain('-j, --jobs N');
    expect(run('render', '-h').stdout).toContain('-T, --to FORMAT');
    expect(run('biuld', 'x.txt').stderr).toBe(`akn-press: unknown command "biuld" (did you mean "build"?)\nTry 'akn-press --help'.\n`);
    expect(run('build', '--fromats', 'xml', 'x.txt').stderr).toBe(`akn-press: unknown option --fromats (did you mean --formats?) for build\nTry 'akn-press build --help'.\n`);
    expect(run('validate', '--to', 'html', 'x').stderr).toContain('unknown option --to for validate');
    const out = tmp();
    const short = run('build', 'input/fr_A-72-L.10.txt', '-o', out, '-f', 'xml', '-q');
    expect(short).toMatchObject({ status: 0, stderr: '' });
    expect(readdirSync(out).filter((f) => !f.startsWith('.'))).toEqual(['fr_A-72-L.10.akn.xml']);
  });

  it('prints one --json shape for build (one text, a batch, --force, unreadable paths) and validate, numbers as numbers', () => {
    const out = tmp();
    const keys = ['command', 'documents', 'built', 'skipped', 'valid', 'invalid', 'failures', 'warnings', 'outputsWritten', 'elapsedMs', 'outcomes'];
    const dir = tmp();
    writeFileSync(join(dir, 'copy.txt'), readFileSync('input/fr_A-72-L.10.txt'));
    const reports = [
      run('build', 'input/fr_A-72-L.10.txt', '-o', out, '-f', 'xml', '--json'),
      run('build', 'input', dir, '-o', out, '-f', 'xml', '--json'),
      run('build', 'input', dir, '-o', out, '-f', 'xml', '--json', '--force'),
      run('build', join(dir, 'missing.txt'), '-o', out, '--json'),
      run('validate', join(out, 'fr_A-72-L.10.akn.xml'), join(dir, 'missing.akn.xml'), '--json'),
    ].map((r) => JSON.parse(r.stdout) as Record<string, unknown>);
    for (const report of reports) {
      expect(Object.keys(report)).toEqual(keys);
      for (const key of keys.slice(1, -1)) expect(typeof report[key], key).toBe('number');
    }
    expect(reports.map((r) => [r['command'], r['documents'], r['built'], r['skipped'], r['failures'], r['valid']])).toEqual([
      ['build', 1, 1, 0, 0, 0],
      ['build', 2, 1, 1, 0, 0],
      ['build', 2, 2, 0, 0, 0],
      ['build', 1, 0, 0, 1, 0],
      ['validate', 2, 0, 0, 1, 1],
    ]);
    expect((reports[3]!['outcomes'] as Array<{ error: string }>)[0]!.error).toBe(`${join(dir, 'missing.txt')}: no such file or folder`);
  });

  it('prints the summary of a batch once', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'copy.txt'), readFileSync('input/fr_A-72-L.10.txt'));
    const result = run('build', 'input', dir, '-o', tmp(), '-f', 'xml');
    expect(result.status).toBe(0);
    expect(result.stderr.match(/^Documents: /gm)).toHaveLength(1);
  });

  it('reads a text from stdin and writes its XML to stdout with -', () => {
    const sample = readFileSync('input/fr_A-72-L.10.txt');
    const result = runWith({ input: sample }, 'build', '-', '--name', 'fr_A-72-L.10.txt', '--meta', 'input/fr_A-72-L.10.meta.json', '-o', '-', '-q');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<akomaNtoso /);
    expect(result.stdout).toContain('<FRBRthis value="/akn/un/statement/deliberation/un-ga/2017-12-01/A-72-L10/!main"/>');
    const text = runWith({ input: result.stdout }, 'text', '-');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('21 Encourage les institutions spécialisées');
    expect(runWith({ input: result.stdout }, 'validate', '-').stderr).toBe('-: valid\n');
  });

  it('names the path of an environment fault in one line, before any work, exit 3', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'afile'), '');
    const file = run('build', 'input/fr_A-72-L.10.txt', '-o', join(dir, 'afile'));
    expect(file).toMatchObject({ status: 3, stderr: `${join(dir, 'afile')}: --out names a file, not a folder\n` });
    const under = run('build', 'input/fr_A-72-L.10.txt', '-o', join(dir, 'afile', 'sub'));
    expect(under.status).toBe(3);
    expect(under.stderr).toBe(`${join(dir, 'afile', 'sub')}: a part of the path is a file, not a folder\n`);
  });

  it('names a folder it may not write in, before any work, exit 3 (as root, the CLI runs as nobody)', (context) => {
    const dir = tmp();
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    chmodSync(dir, 0o755);
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    // As nobody, the CLI itself must be readable: a clone under a private home folder is not.
    const probe = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(resolve(CLI))}); require('fs').accessSync(${JSON.stringify(resolve('input/fr_A-72-L.10.txt'))})`], { ...(uid !== undefined ? { uid, gid: uid } : {}) });
    if (probe.status !== 0) context.skip('the repository is not readable by user nobody here; the permission case is not checked');
    const denied = runWith({ uid }, 'build', resolve('input/fr_A-72-L.10.txt'), '-o', locked);
    expect(denied).toMatchObject({ status: 3, stderr: `${locked}: cannot write in the output folder (permission denied)\n` });
    expect(readdirSync(locked)).toEqual([]);
  });

  it('refuses a full disk before any work, naming the folder (a 512 kB tmpfs, mounted as root)', (context) => {
    const mountPoint = tmp();
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', mountPoint], { encoding: 'utf8' });
    if (mounted.status !== 0) {
      // Not root, or no mount in this sandbox: said, not hidden.
      context.skip(`cannot mount a tmpfs here (${mounted.stderr.trim() || `exit ${mounted.status}`}); the full-disk case is not checked`);
    }
    try {
      const out = join(mountPoint, 'out');
      const result = run('build', 'input/fr_A-72-L.10.txt', '-o', out);
      expect(result.status).toBe(3);
      expect(result.stderr).toMatch(new RegExp(`^${out}: no space left on the device \\(\\d+ bytes free\\)\\n$`));
      expect(readdirSync(out)).toEqual([]);
    } finally {
      spawnSync('umount', [mountPoint]);
    }
    // A read-only file system.
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=512k', 'tmpfs', mountPoint]).status).toBe(0);
    try {
      expect(run('build', 'input/fr_A-72-L.10.txt', '-o', mountPoint)).toMatchObject({
        status: 3,
        stderr: `${mountPoint}: cannot write in the output folder (read-only file system)\n`,
      });
    } finally {
      spawnSync('umount', [mountPoint]);
    }
  });

  it('a disk that fills during a batch fails that document with one line naming the output, and leaves no partial file', async (context) => {
    const mountPoint = tmp();
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', mountPoint]).status !== 0) context.skip('cannot mount a tmpfs here; the case is not checked');
    try {
      const summary = await runBatch(['input/fr_A-72-L.10.txt'], { outDir: mountPoint, formats: ['xml'], progress: false, inProcess: true, job: 'pipeline/build.ts' });
      expect(summary.outcomes.map((o) => [o.status, o.error])).toEqual([['failed', `${join(mountPoint, 'fr_A-72-L.10.akn.xml')}: no space left on the device`]]);
      expect(readdirSync(mountPoint).filter((f) => f !== '.akn-press-cache.json')).toEqual([]);
    } finally {
      spawnSync('umount', [mountPoint]);
    }
  });

  it('takes --resolver-base for the links of HTML, EPUB and JSON-LD, and refuses one that is not http(s)', () => {
    const out = tmp();
    const fixture = 'tests/fixtures/profile-sample-80-999.akn.xml';
    const link = 'akn/un/statement/deliberation/un-ga/1982-10-22/37-4';
    const html = run('render', fixture, '-T', 'html', '-o', '-', '--resolver-base', 'https://laws.example.org/');
    expect(html.stdout).toContain(`href="https://laws.example.org/${link}"`);
    expect(run('render', fixture, '-T', 'jsonld', '-o', '-', '--resolver-base', 'https://laws.example.org/').stdout).toContain('"@base": "https://laws.example.org/"');
    expect(run('build', 'input/fr_A-72-L.10.txt', '-o', out, '-f', 'jsonld', '--resolver-base', 'https://laws.example.org/').status).toBe(0);
    expect(readFileSync(join(out, 'fr_A-72-L.10.jsonld'), 'utf8')).toContain('"@base": "https://laws.example.org/"');
    // The default says it is a placeholder: the reserved .invalid domain.
    expect(run('render', fixture, '-T', 'html', '-o', '-').stdout).toContain(`href="https://akn-resolver.invalid/${link}"`);
    const bad = run('build', 'input/fr_A-72-L.10.txt', '-o', out, '--resolver-base', 'ftp://x');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(`akn-press: --resolver-base: "ftp://x" is not an absolute http(s) URL without query or fragment\nTry 'akn-press --help'.\n`);
  });

  it('a batch killed half-way keeps what it finished: the next run skips exactly those and leaves no temporary file', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    for (const name of names) writeFileSync(join(dir, `${name}.txt`), readFileSync('input/fr_A-72-L.10.txt'));
    const child = spawn(process.execPath, [CLI, 'build', dir, '-o', out, '-j', '1', '-q'], { stdio: 'ignore' });
    const cacheFile = join(out, '.akn-press-cache.json');
    const finished = () => (existsSync(cacheFile) ? Object.keys((JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: object }).entries).length : 0);
    // Wait (polling, nothing timed) until some documents are done, then kill without warning.
    while (finished() < 2 && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const kept = finished();
    expect(kept).toBeGreaterThanOrEqual(2);
    const again = JSON.parse(run('build', dir, '-o', out, '-j', '1', '--json').stdout) as { skipped: number; built: number; failures: number };
    expect(again).toMatchObject({ skipped: kept, built: names.length - kept, failures: 0 });
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('records in the cache the size and sha256 of every output as it is on disk (hashed by the worker that wrote it)', () => {
    const dir = tmp();
    const out = join(dir, 'out');
    for (const name of ['a', 'b']) writeFileSync(join(dir, `${name}.txt`), readFileSync('input/fr_A-72-L.10.txt'));
    expect(run('build', dir, '-o', out, '-q').status).toBe(0);
    const cache = JSON.parse(readFileSync(join(out, '.akn-press-cache.json'), 'utf8')) as { entries: Record<string, { outputs: Array<{ path: string; size: number; sha256: string }> }> };
    const recorded = Object.values(cache.entries).flatMap((e) => e.outputs).sort((x, y) => (x.path < y.path ? -1 : 1));
    const names = readdirSync(out).filter((f) => !f.startsWith('.')).sort();
    expect(names).toHaveLength(8);
    expect(recorded).toEqual(names.map((name) => {
      const bytes = readFileSync(join(out, name));
      return { path: name, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
    }));
  });

  it('caps --jobs at the number of cores and says so', () => {
    const result = run('build', 'input', '-o', tmp(), '-f', 'xml', '-j', '999');
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`akn-press: --jobs 999 is more than the ${availableParallelism()} cores; using ${availableParallelism()} (each worker may use up to 2 GB of memory)`);
  });

  it('builds the sample into the four outputs, validates it and prints its text', () => {
    const out = tmp();
    const build = run('build', 'input/fr_A-72-L.10.txt', '--out', out, '--json');
    expect(build.status).toBe(0);
    const report = JSON.parse(build.stdout) as { documents: number; failures: number };
    expect(report).toMatchObject({ documents: 1, failures: 0 });
    expect(readdirSync(out).filter((f) => f !== '.akn-press-cache.json').sort()).toEqual(['fr_A-72-L.10.akn.xml', 'fr_A-72-L.10.epub', 'fr_A-72-L.10.html', 'fr_A-72-L.10.jsonld']);
    // Warnings go to stderr as file:line: lines.
    expect(run('build', 'input/fr_A-72-L.10.txt', '--out', out).stderr).toContain('input/fr_A-72-L.10.txt:729: warning: paragraph 21 has no period after its number');
    const validate = run('validate', join(out, 'fr_A-72-L.10.akn.xml'));
    expect(validate.status).toBe(0);
    expect(validate.stderr).toContain('valid');
    const text = run('text', join(out, 'fr_A-72-L.10.akn.xml'));
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('21 Encourage les institutions spécialisées');
  });

  it('gives bad input one clear error line, exit 1, and writes nothing', () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const cases: Array<[string, string | Uint8Array, RegExp]> = [
      ['empty.txt', '', /empty\.txt: .*empty/],
      ['blank.txt', '\n   \n\t\n', /blank\.txt: .*empty|blank/],
      ['binary.txt', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0, 1, 2, 3, 0xff, 0xfe, 0]), /binary\.txt: .*binary/],
      ['letter.txt', 'Dear colleagues,\nPlease find attached the minutes of the last meeting of the committee.\nBest regards,\nThe secretariat', /letter\.txt:\d+: /],
    ];
    for (const [name, content, message] of cases) {
      writeFileSync(join(dir, name), content);
      const result = run('build', join(dir, name), '--out', out);
      expect(result.status, name).toBe(1);
      expect(result.stderr.trim().split('\n'), name).toHaveLength(1);
      expect(result.stderr, name).toMatch(message);
      expect(result.stderr, name).not.toMatch(/\n\s+at /);
      expect(existsSync(out) ? readdirSync(out).filter((f) => !f.startsWith('.')) : [], name).toEqual([]);
    }
  });

  it('reports schema problems with their line and exits 1', () => {
    const dir = tmp();
    const file = join(dir, 'broken.akn.xml');
    const good = readFileSync('tests/golden/fr_A-72-L.10.akn.xml', 'utf8');
    writeFileSync(file, good.replace('<num>3.</num>', '<num>3.</num><bogus/>'));
    const result = run('validate', file);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/broken\.akn\.xml:\d+: schema: Element '\{http:\/\/docs\.oasis-open\.org\/legaldocml\/ns\/akn\/3\.0\}bogus': This element is not expected/);
  });

  it('builds a folder with workers, and a second run skips what did not change', () => {
    const out = tmp();
    const dir = tmp();
    writeFileSync(join(dir, 'second.txt'), readFileSync('input/fr_A-72-L.10.txt'));
    const first = run('build', 'input', dir, '--out', out, '--formats', 'xml', '--json');
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ documents: 2, built: 2, failures: 0 });
    const second = run('build', 'input', dir, '--out', out, '--formats', 'xml', '--json');
    expect(JSON.parse(second.stdout)).toMatchObject({ documents: 2, skipped: 2 });
  });
});
