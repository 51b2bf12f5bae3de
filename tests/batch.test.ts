// Batch builds: inputs from folders, worker threads, failures and crashes isolated, unchanged documents
// skipped, progress on a TTY or as plain lines, a summary, and the same behaviour from compiled dist/.
// The job is tests/fixtures/batch-job.ts (see its header for what each input's first line makes it do).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import stringWidth from 'string-width';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  batchExitStatus,
  batchWorkerPath,
  CACHE_FILE,
  cachedDocuments,
  documentHash,
  expandInputs,
  formatSummary,
  runBatch,
  type BatchOptions,
  type BatchSummary,
  cpuTimes,
  idleCores,
  workerCount,
} from '../pipeline/batch.js';
import { InputError } from '../pipeline/report.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const JOB = fileURLToPath(new URL('./fixtures/batch-job.ts', import.meta.url));

let root: string;
let cwd: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'akn-batch-'));
  // Relative paths in messages, as a user typing `akn-press build in/` sees them.
  cwd = process.cwd();
  process.chdir(root);
});
afterEach(() => {
  process.chdir(cwd);
  rmSync(root, { recursive: true, force: true });
});

function tree(files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** A progress stream that records what is written. */
function recorder(isTTY = false, columns?: number) {
  const chunks: string[] = [];
  return { stream: { isTTY, columns, write: (text: string) => chunks.push(text) }, text: () => chunks.join('') };
}

/** Input paths the job was called with, in call order. */
const jobCalls = () => (existsSync(join(root, 'job-calls.log')) ? readFileSync(join(root, 'job-calls.log'), 'utf8').split('\n').filter(Boolean) : []);
const outputs = () => readdirSync(join(root, 'out')).sort();
const withoutElapsed = (text: string) => text.replace(/Elapsed: {14}\d+\.\d s/, 'Elapsed:              X s');

function batch(inputs: string[], extra: Partial<BatchOptions> = {}) {
  const progress = recorder();
  const run = runBatch(inputs, { outDir: 'out', formats: ['xml'], job: JOB, jobs: 1, progress: progress.stream, ...extra });
  return { run, progress };
}

describe('expandInputs', () => {
  it('searches folders recursively for .txt files, sorted, skipping sidecars and hidden entries', () => {
    tree({
      'in/b.txt': 'OK',
      'in/a.txt': 'OK',
      'in/a.meta.json': '{}',
      'in/notes.md': '#',
      'in/sub/c.TXT': 'OK',
      'in/sub/deeper/d.txt': 'OK',
      'in/.hidden.txt': 'OK',
      'in/.git/e.txt': 'OK',
      'other/z.txt': 'OK',
    });
    expect(expandInputs(['in', 'other/z.txt'])).toEqual(['in/a.txt', 'in/b.txt', 'in/sub/c.TXT', 'in/sub/deeper/d.txt', 'other/z.txt']);
  });

  it('lists a file given twice (directly and through its folder) once, and takes a named file whatever its extension', () => {
    tree({ 'in/a.txt': 'OK', 'single.text': 'OK' });
    expect(expandInputs(['in', 'in/a.txt', './in/a.txt', 'single.text'])).toEqual(['in/a.txt', 'single.text']);
  });

  it('follows links to files but not links to folders (no loops)', () => {
    tree({ 'in/a.txt': 'OK', 'elsewhere/b.txt': 'OK' });
    symlinkSync(join(root, 'elsewhere/b.txt'), join(root, 'in/b.txt'));
    symlinkSync(join(root, 'in'), join(root, 'in/loop'));
    expect(expandInputs(['in'])).toEqual(['in/a.txt', 'in/b.txt']);
  });

  it('refuses a missing path and a search that finds nothing', () => {
    tree({ 'empty/readme.md': '' });
    expect(() => expandInputs(['missing'])).toThrow(InputError);
    expect(() => expandInputs(['missing'])).toThrow('no such file or folder');
    try {
      expandInputs(['empty']);
    } catch (error) {
      expect(String(error)).toBe('empty: no .txt or .pdf files found');
    }
    expect(() => expandInputs(['empty'])).toThrow(InputError);
  });
});

describe('runBatch', () => {
  it('builds every document, isolates failures and crashes, and counts them', async () => {
    tree({
      'in/a-ok.txt': 'OK\nfirst',
      'in/b-bad.txt': 'BAD\n',
      'in/c-exit.txt': 'EXIT\n',
      'in/d-warn.txt': 'OK\nWARN\n',
      'in/e-throw-later.txt': 'THROW-LATER\n',
      'in/f-bug.txt': 'BUG\n',
      'in/g-error-report.txt': 'ERROR-REPORT\n',
      'in/h-ok.txt': 'OK\nlast',
    });
    const { run, progress } = batch(['in'], { formats: ['xml', 'html'] });
    const summary = await run;

    expect(summary.outcomes.map((o) => [o.file, o.status, o.error])).toEqual([
      ['in/a-ok.txt', 'built', undefined],
      ['in/b-bad.txt', 'failed', 'in/b-bad.txt:3: paragraph 21 has no period after its number'],
      ['in/c-exit.txt', 'failed', 'in/c-exit.txt: the worker building this document stopped (exit code 3); the batch went on'],
      ['in/d-warn.txt', 'built', undefined],
      [
        'in/e-throw-later.txt',
        'failed',
        'in/e-throw-later.txt: the worker building this document stopped (uncaught RangeError: thrown outside the job); the batch went on',
      ],
      ['in/f-bug.txt', 'failed', "in/f-bug.txt: internal error: Cannot read properties of undefined (reading 'eId')"],
      ['in/g-error-report.txt', 'failed', 'in/g-error-report.txt:7: schema: element p not expected'],
      ['in/h-ok.txt', 'built', undefined],
    ]);
    expect(summary.outcomes[5]!.stack).toMatch(/^TypeError: Cannot read properties of undefined/);
    expect({ ...summary, outcomes: undefined, elapsedMs: undefined }).toEqual({
      documents: 8,
      built: 3,
      outputsWritten: 6,
      skipped: 0,
      warnings: 1,
      failures: 5,
      elapsedMs: undefined,
      outcomes: undefined,
    });
    expect(batchExitStatus(summary)).toBe(1);
    expect(outputs()).toEqual([CACHE_FILE, 'a-ok.html', 'a-ok.xml', 'd-warn.html', 'd-warn.xml', 'h-ok.html', 'h-ok.xml']);
    expect(readFileSync(join(root, 'out/h-ok.xml'), 'utf8')).toBe('OK\nLAST');

    // One worker: the order of the plain lines is the input order.
    expect(withoutElapsed(progress.text())).toBe(
      [
        '[1/8] in/a-ok.txt: built, 2 outputs',
        '[2/8] FAILED in/b-bad.txt:3: paragraph 21 has no period after its number',
        '[3/8] FAILED in/c-exit.txt: the worker building this document stopped (exit code 3); the batch went on',
        '[4/8] in/d-warn.txt: built, 2 outputs, 1 warning',
        '[5/8] FAILED in/e-throw-later.txt: the worker building this document stopped (uncaught RangeError: thrown outside the job); the batch went on',
        "[6/8] FAILED in/f-bug.txt: internal error: Cannot read properties of undefined (reading 'eId')",
        '[7/8] FAILED in/g-error-report.txt:7: schema: element p not expected',
        '[8/8] in/h-ok.txt: built, 2 outputs',
        'Documents:            8',
        'Outputs written:      6',
        'Skipped as unchanged: 0',
        'Warnings:             1',
        'Failures:             5',
        'Elapsed:              X s',
        'Failed:',
        '  in/b-bad.txt:3: paragraph 21 has no period after its number',
        '  in/c-exit.txt: the worker building this document stopped (exit code 3); the batch went on',
        '  in/e-throw-later.txt: the worker building this document stopped (uncaught RangeError: thrown outside the job); the batch went on',
        "  in/f-bug.txt: internal error: Cannot read properties of undefined (reading 'eId')",
        '  in/g-error-report.txt:7: schema: element p not expected',
        '',
      ].join('\n'),
    );
  });

  it('runs documents in parallel workers with the same outcomes', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`in/doc-${String(i).padStart(2, '0')}.txt`] = i % 4 === 3 ? 'EXIT\n' : `OK\n${i}`;
    tree(files);
    const done: Array<[number, number]> = [];
    const { run, progress } = batch(['in'], { jobs: 3, onProgress: (n, total) => done.push([n, total]) });
    const summary = await run;
    expect(summary.outcomes.map((o) => o.status)).toEqual(Object.values(files).map((c) => (c.startsWith('EXIT') ? 'failed' : 'built')));
    expect(summary.failures).toBe(3);
    expect(done).toEqual(Array.from({ length: 12 }, (_, i) => [i + 1, 12]));
    // Completion order varies between runs; the set of lines does not.
    const lines = progress.text().split('\n').filter((l) => l.startsWith('['));
    expect(lines.map((l) => l.replace(/^\[\s*\d+\/12\] /, '')).sort()).toEqual(
      Object.entries(files)
        .map(([f, c]) => (c.startsWith('EXIT') ? `FAILED ${f}: the worker building this document stopped (exit code 3); the batch went on` : `${f}: built, 1 output`))
        .sort(),
    );
    expect(new Set(jobCalls())).toEqual(new Set(Object.keys(files)));
  });

  it('stops a document over the time limit, reports it, finishes the rest and saves their state', async () => {
    tree({ 'in/a.txt': 'OK\na', 'in/b-loop.txt': 'LOOP\n', 'in/c.txt': 'OK\nc' });
    const summary = await batch(['in'], { timeoutMs: 1500 }).run;
    expect(summary.outcomes.map((o) => [o.file, o.status, o.error])).toEqual([
      ['in/a.txt', 'built', undefined],
      ['in/b-loop.txt', 'failed', 'in/b-loop.txt: stopped because it took longer than the time limit of 1.5 s; the batch went on'],
      ['in/c.txt', 'built', undefined],
    ]);
    const cache = JSON.parse(readFileSync(join(root, 'out', CACHE_FILE), 'utf8')) as { entries: object };
    expect(Object.keys(cache.entries)).toEqual([join(root, 'in/a.txt'), join(root, 'in/c.txt')]);
  });

  it('ends a worker that runs out of memory, not the process, and goes on', async () => {
    tree({ 'in/a-oom.txt': 'OOM\n', 'in/b-ok.txt': 'OK\n' });
    const summary = await batch(['in'], { workerMemoryMb: 64 }).run;
    expect(summary.outcomes.map((o) => [o.status, o.error])).toEqual([
      ['failed', 'in/a-oom.txt: the worker building this document stopped (out of memory); the batch went on'],
      ['built', undefined],
    ]);
  });

  it('fails a document whose output names collide with an earlier one, or whose name leaves nothing usable', async () => {
    tree({ 'in/a.txt': 'OK\n1', 'in/sub/A.txt': 'OK\n2', '..txt': 'OK\n3' });
    const summary = await batch(['in', '..txt']).run;
    expect(summary.outcomes.map((o) => [o.file, o.status, o.error])).toEqual([
      [
        '..txt',
        'failed',
        '.: no usable output file name remains after removing path separators, "..", leading dots and control characters',
      ],
      ['in/a.txt', 'built', undefined],
      ['in/sub/A.txt', 'failed', 'in/sub/A.txt: its outputs would have the same names as those of in/a.txt (A.*)'],
    ]);
    expect(outputs()).toEqual([CACHE_FILE, 'a.xml']);
  });

  it('rejects the batch when the job cannot be loaded', async () => {
    tree({ 'in/a.txt': 'OK' });
    await expect(batch(['in'], { jobExport: 'notAFunction' }).run).rejects.toThrow(
      `cannot load the batch job: ${pathToFileURL(JOB).href} has no exported function notAFunction`,
    );
    await expect(batch(['in'], { job: join(root, 'no-such-job.js') }).run).rejects.toThrow(/^cannot load the batch job: Cannot find module/);
    expect(jobCalls()).toEqual([]);
  });

  it('rejects inputs that do not exist before starting any worker', async () => {
    await expect(batch(['missing']).run).rejects.toThrow('no such file or folder');
    expect(existsSync(join(root, 'out'))).toBe(false);
  });
});

describe('workerCount', () => {
  const texts = (n: number, bytes = 17_500) => Array.from({ length: n }, (_, index) => ({ index, file: `in/${index}.txt`, bytes }));
  const idle = { cores: 2, idle: 1 };

  it('runs a second worker only for 2 MB of text and a core that stayed idle while the first started', () => {
    expect(workerCount(texts(240), undefined, idle)).toBe(2);
    expect(workerCount(texts(100), undefined, idle)).toBe(1); // 1.7 MB: less than a worker's start costs
    expect(workerCount(texts(240), undefined, { cores: 2, idle: 0.6 })).toBe(2);
    expect(workerCount(texts(240), undefined, { cores: 2, idle: 0.4 })).toBe(1);
    expect(workerCount(texts(240), undefined, { cores: 2, idle: 0 })).toBe(1);
    expect(workerCount(texts(2000), undefined, { cores: 8, idle: 3.8 })).toBe(5);
    expect(workerCount(texts(2000), undefined, { cores: 8, idle: 7 })).toBe(8);
    // Not measured yet: as many as the work and the cores allow; a size unknown counts as the largest input allowed.
    expect(workerCount([{ index: 0, file: 'a.txt' }, { index: 1, file: 'b.txt' }], undefined)).toBe(Math.min(2, availableParallelism()));
  });

  it('builds a batch that holds PDFs with one worker (PDF.js in two would pass 300 MB)', () => {
    expect(workerCount([...texts(240), { index: 240, file: 'in/S_2018_221-EN.PDF', bytes: 440_000 }], undefined, idle)).toBe(1);
  });

  it('takes --jobs as given, whatever the load, never more workers than documents', () => {
    expect(workerCount(texts(240), 2, { cores: 2, idle: 0 })).toBe(2);
    expect(workerCount(texts(1), 2, idle)).toBe(1);
    expect(workerCount([{ index: 0, file: 'a.pdf', bytes: 1 }, { index: 1, file: 'b.pdf', bytes: 1 }], 2, idle)).toBe(2);
  });

  it('measures idle cores from the CPU times of every core', () => {
    expect(idleCores({ idle: 1000, total: 2000 }, { idle: 1400, total: 2500 }, 2)).toBeCloseTo(1.6);
    expect(idleCores({ idle: 1000, total: 2000 }, { idle: 1000, total: 2500 }, 2)).toBe(0);
    expect(idleCores({ idle: 1000, total: 2000 }, { idle: 1000, total: 2000 }, 2)).toBeUndefined();
    const now = cpuTimes();
    expect(now.total).toBeGreaterThanOrEqual(now.idle);
  });
});

describe('skipping unchanged documents', () => {
  const calls = async (inputs: string[], extra: Partial<BatchOptions> = {}) => {
    const before = jobCalls().length;
    const summary = await batch(inputs, extra).run;
    return { summary, built: jobCalls().slice(before) };
  };

  it('skips a document whose input, sidecar, tool version and formats are unchanged and whose outputs exist', async () => {
    tree({ 'in/a.txt': 'OK\na', 'in/b.txt': 'OK\nb', 'in/c.txt': 'OK\nc', 'in/d.txt': 'BAD\n' });

    const first = await calls(['in']);
    expect(first.built).toEqual(['in/a.txt', 'in/b.txt', 'in/c.txt', 'in/d.txt']);
    const cache = JSON.parse(readFileSync(join(root, 'out', CACHE_FILE), 'utf8')) as { version: number; entries: Record<string, { hash: string; outputs: unknown[] }> };
    expect(cache.version).toBe(2);
    // Failed documents are not cached: they are tried again next time.
    expect(Object.keys(cache.entries)).toEqual(['a', 'b', 'c'].map((n) => join(root, `in/${n}.txt`)));
    expect(cache.entries[join(root, 'in/a.txt')]).toEqual({
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      outputs: [{ path: 'a.xml', size: 4, sha256: createHash('sha256').update('OK\nA').digest('hex') }],
    });

    const second = await calls(['in']);
    expect(second.built).toEqual(['in/d.txt']);
    expect(second.summary.skipped).toBe(3);
    expect(second.summary.outcomes.map((o) => o.status)).toEqual(['skipped', 'skipped', 'skipped', 'failed']);
    expect(second.summary.outcomes[0]!.outputs).toEqual([join(root, 'out/a.xml')]);

    // A changed input, a new sidecar, a missing output: each rebuilt, the rest skipped.
    writeFileSync(join(root, 'in/a.txt'), 'OK\na, edited');
    writeFileSync(join(root, 'in/b.meta.json'), '{"symbol":"A/RES/72/1"}');
    unlinkSync(join(root, 'out/c.xml'));
    writeFileSync(join(root, 'in/d.txt'), 'OK\nd, fixed');
    const third = await calls(['in']);
    expect(third.built).toEqual(['in/a.txt', 'in/b.txt', 'in/c.txt', 'in/d.txt']);
    expect(readFileSync(join(root, 'out/a.xml'), 'utf8')).toBe('OK\nA, EDITED');

    // A changed sidecar too.
    expect((await calls(['in'])).built).toEqual([]);
    writeFileSync(join(root, 'in/b.meta.json'), '{"symbol":"A/RES/72/2"}');
    expect((await calls(['in'])).built).toEqual(['in/b.txt']);

    // Other formats: everything again (and the cache then knows the new outputs).
    const html = await calls(['in'], { formats: ['xml', 'html'] });
    expect(html.built).toEqual(['in/a.txt', 'in/b.txt', 'in/c.txt', 'in/d.txt']);
    expect((await calls(['in'], { formats: ['xml', 'html'] })).summary.outputsWritten).toBe(0);

    // --force rebuilds everything.
    const forced = await calls(['in'], { formats: ['xml', 'html'], force: true });
    expect(forced.built).toEqual(['in/a.txt', 'in/b.txt', 'in/c.txt', 'in/d.txt']);
    expect(forced.summary.outputsWritten).toBe(8);
    expect(readdirSync(join(root, 'out')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('never skips stale work: same name from two folders, an output truncated or overwritten', async () => {
    tree({ 'a/x.txt': 'OK\nfrom a', 'b/x.txt': 'OK\nfrom b' });
    expect((await calls(['a/x.txt'])).built).toEqual(['a/x.txt']);
    expect((await calls(['b/x.txt'])).built).toEqual(['b/x.txt']);
    expect(readFileSync(join(root, 'out/x.xml'), 'utf8')).toBe('OK\nFROM B');
    // a/x.txt is unchanged, but out/x.xml is now b's: rebuilt, not skipped.
    expect((await calls(['a/x.txt'])).built).toEqual(['a/x.txt']);
    expect(readFileSync(join(root, 'out/x.xml'), 'utf8')).toBe('OK\nFROM A');
    expect((await calls(['a/x.txt'])).built).toEqual([]);
    // An output truncated to 0 bytes (a full disk, an editor) is not done.
    writeFileSync(join(root, 'out/x.xml'), '');
    expect((await calls(['a/x.txt'])).built).toEqual(['a/x.txt']);
    // Same size, other bytes.
    writeFileSync(join(root, 'out/x.xml'), 'OK\nFROM Z');
    expect((await calls(['a/x.txt'])).built).toEqual(['a/x.txt']);
    expect(readFileSync(join(root, 'out/x.xml'), 'utf8')).toBe('OK\nFROM A');
  });

  it('journals the cache as each document finishes, so a killed batch keeps its finished work', async () => {
    tree({ 'in/a.txt': 'OK\na', 'in/b.txt': 'OK\nb', 'in/c.txt': 'OK\nc' });
    const onDisk: number[] = [];
    await batch(['in'], { onProgress: () => onDisk.push(cachedDocuments(join(root, 'out')).length) }).run;
    expect(onDisk).toEqual([1, 2, 3]);
    // At its end the batch folds the journal into the cache file.
    expect(readdirSync(join(root, 'out')).filter((n) => n.startsWith('.akn-press-cache'))).toEqual([CACHE_FILE]);
    expect(Object.keys((JSON.parse(readFileSync(join(root, 'out', CACHE_FILE), 'utf8')) as { entries: object }).entries)).toHaveLength(3);
  });

  it('reads a killed batch\'s journal, a torn last line included', async () => {
    tree({ 'in/a.txt': 'OK\na', 'in/b.txt': 'OK\nb' });
    await calls(['in']);
    const journal = join(root, 'out', '.akn-press-cache.journal');
    // As a killed batch leaves it: b's entry removed (it was being rebuilt), a half-written line after.
    writeFileSync(journal, `${JSON.stringify({ key: join(root, 'in/b.txt'), entry: null })}\n{"key": "${join(root, 'in/a.txt')}", "ent`);
    expect(cachedDocuments(join(root, 'out'))).toEqual([join(root, 'in/a.txt')]);
    expect((await calls(['in'])).built).toEqual(['in/b.txt']);
  });

  it('removes temporary files a killed run left behind, not those of a live process', async () => {
    tree({ 'in/a.txt': 'OK\na', 'out/.a.xml.999999999-0-0123456789ab.tmp': 'half', [`out/.b.xml.${process.pid}-0-0123456789ab.tmp`]: 'being written' });
    await calls(['in']);
    expect(readdirSync(join(root, 'out')).filter((n) => n.endsWith('.tmp'))).toEqual([`.b.xml.${process.pid}-0-0123456789ab.tmp`]);
  });

  it('keeps the entries of documents outside this batch', async () => {
    tree({ 'in/a.txt': 'OK\na', 'more/b.txt': 'OK\nb' });
    await calls(['in']);
    await calls(['more']);
    expect((await calls(['in', 'more'])).built).toEqual([]);
  });

  it('rebuilds everything when the cache file is unreadable, and says so', async () => {
    tree({ 'in/a.txt': 'OK\na' });
    await calls(['in']);
    writeFileSync(join(root, 'out', CACHE_FILE), '{"version": 1, "entries": ');
    const { run, progress } = batch(['in']);
    await run;
    expect(progress.text().split('\n')[0]).toBe(
      `${join(root, 'out', CACHE_FILE)}: unreadable cache (Unexpected end of JSON input); rebuilding everything`,
    );
    expect(jobCalls()).toEqual(['in/a.txt', 'in/a.txt']);
    expect(JSON.parse(readFileSync(join(root, 'out', CACHE_FILE), 'utf8')).version).toBe(2);
  });

  it('hashes the tool version, the options, the input and the sidecar, each unambiguously', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    const base = documentHash(bytes('text'), bytes('{}'), '0.1.0', { formats: ['xml'] });
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(documentHash(bytes('text'), bytes('{}'), '0.1.0', { formats: ['xml'] })).toBe(base);
    expect(documentHash(bytes('text'), bytes('{}'), '0.1.1', { formats: ['xml'] })).not.toBe(base);
    expect(documentHash(bytes('text'), bytes('{}'), '0.1.0', { formats: ['xml', 'html'] })).not.toBe(base);
    expect(documentHash(bytes('text'), undefined, '0.1.0', { formats: ['xml'] })).not.toBe(base);
    expect(documentHash(bytes('text{}'), undefined, '0.1.0', { formats: ['xml'] })).not.toBe(
      documentHash(bytes('text'), bytes('{}'), '0.1.0', { formats: ['xml'] }),
    );
    expect(documentHash(bytes('t'), undefined, '1', { formats: ['xml'], markupDate: '2026-01-01' })).toBe(
      documentHash(bytes('t'), undefined, '1', { markupDate: '2026-01-01', formats: ['xml'] }),
    );
  });
});

describe('progress and summary', () => {
  it('draws one updating line on a TTY, cut to the width, with failures kept above it', async () => {
    tree({ 'in/a.txt': 'OK\n', 'in/b.txt': 'BAD\n', 'in/a-rather-long-name-for-a-resolution-text.txt': 'OK\n' });
    const tty = recorder(true, 40);
    const summary = await runBatch(['in'], { outDir: 'out', formats: ['xml'], job: JOB, jobs: 1, progress: tty.stream });
    expect(summary.failures).toBe(1);
    expect(withoutElapsed(tty.text())).toBe(
      [
        // Shown at once, before the worker has started (it compiles the schema first).
        '\r\x1b[K[0/3]   0% starting 1 worker…',
        '\r\x1b[K[1/3]  33% in/a-rather-long-name-for-a…',
        '\r\x1b[K[2/3]  66% in/a.txt',
        '\r\x1b[Kin/b.txt:3: paragraph 21 has no period after its number\n',
        '\r\x1b[K[3/3] 100% in/b.txt',
        '\r\x1b[K',
        formatSummary({ ...summary, elapsedMs: 0 }).replace('0.0 s', 'X s'),
      ].join(''),
    );
  });

  it('cuts the bar by display width: CJK file names take two columns a character', async () => {
    tree({ 'in/联合国大会决议草案关于合作的文本.txt': 'OK\n' });
    const tty = recorder(true, 30);
    await runBatch(['in'], { outDir: 'out', formats: ['xml'], job: JOB, jobs: 1, progress: tty.stream });
    const bar = tty.text().split('\r\x1b[K').find((l) => l.startsWith('[1/1]'))!;
    expect(bar).toBe('[1/1] 100% in/联合国大会决议…');
    expect(stringWidth(bar)).toBeLessThanOrEqual(29);
  });

  it('writes nothing when progress is off, and still calls onProgress', async () => {
    tree({ 'in/a.txt': 'OK\n', 'in/b.txt': 'OK\n' });
    const seen: string[] = [];
    const summary = await runBatch(['in'], {
      outDir: 'out',
      formats: ['xml'],
      job: JOB,
      progress: false,
      onProgress: (done, total, file) => seen.push(`${done}/${total} ${file}`),
    });
    expect(summary.built).toBe(2);
    // Two workers may finish in either order; the counts always rise.
    expect(seen.map((s) => s.slice(0, 4))).toEqual(['1/2 ', '2/2 ']);
    expect(seen.map((s) => s.slice(4)).sort()).toEqual(['in/a.txt', 'in/b.txt']);
  });

  it('formats the summary', () => {
    const summary: BatchSummary = {
      documents: 3,
      built: 1,
      outputsWritten: 4,
      skipped: 1,
      warnings: 2,
      failures: 1,
      elapsedMs: 1234,
      outcomes: [
        { file: 'a.txt', status: 'built', outputs: [] },
        { file: 'b.txt', status: 'skipped', outputs: [] },
        { file: 'c.txt', status: 'failed', outputs: [], error: 'c.txt:9: no enacting formula' },
      ],
    };
    expect(formatSummary(summary)).toBe(
      [
        'Documents:            3',
        'Outputs written:      4',
        'Skipped as unchanged: 1',
        'Warnings:             2',
        'Failures:             1',
        'Elapsed:              1.2 s',
        'Failed:',
        '  c.txt:9: no enacting formula',
        '',
      ].join('\n'),
    );
    expect(batchExitStatus(summary)).toBe(1);
    expect(batchExitStatus({ ...summary, failures: 0 })).toBe(0);
  });
});

describe('from compiled JavaScript (dist/)', () => {
  it('starts batch-worker.js next to batch.js and runs a compiled job', async () => {
    // Compiled into tests/artifacts/ (git-ignored) so the package root (schemas/, package.json) is found above it.
    const out = join(projectRoot, 'tests/artifacts/batch-dist');
    rmSync(out, { recursive: true, force: true });
    const config = join(projectRoot, 'tests/artifacts/batch-dist.tsconfig.json');
    mkdirSync(dirname(config), { recursive: true });
    writeFileSync(
      config,
      JSON.stringify({
        extends: '../../tsconfig.json',
        compilerOptions: { outDir: './batch-dist', rootDir: '../..', noEmitOnError: false, declaration: false, sourceMap: false },
        include: ['../../pipeline/**/*.ts', '../fixtures/batch-job.ts'],
      }),
    );
    // Type errors in files being edited elsewhere do not stop the emit; the files this test needs must exist.
    spawnSync(process.execPath, [join(projectRoot, 'node_modules/typescript/bin/tsc'), '-p', config], { encoding: 'utf8' });
    for (const file of ['pipeline/batch.js', 'pipeline/batch-worker.js', 'tests/fixtures/batch-job.js']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }

    tree({ 'in/a.txt': 'OK\na', 'in/b.txt': 'BAD\n', 'in/c.txt': 'EXIT\n', 'in/d.txt': 'OK\nd' });
    const script = `
      import { runBatch, batchWorkerPath, batchExitStatus } from ${JSON.stringify(pathToFileURL(join(out, 'pipeline/batch.js')).href)};
      const summary = await runBatch(['in'], { outDir: 'out', formats: ['xml'], jobs: 2, job: ${JSON.stringify(join(out, 'tests/fixtures/batch-job.js'))} });
      console.log(JSON.stringify({ worker: batchWorkerPath(), outcomes: summary.outcomes.map((o) => [o.file, o.status, o.error ?? null]) }));
      process.exitCode = batchExitStatus(summary);
    `;
    writeFileSync(join(root, 'run.mjs'), script);
    const child = spawnSync(process.execPath, ['run.mjs'], { cwd: root, encoding: 'utf8' });
    expect(child.status).toBe(1);
    const result = JSON.parse(child.stdout) as { worker: string; outcomes: unknown[] };
    expect(relative(projectRoot, result.worker)).toBe('tests/artifacts/batch-dist/pipeline/batch-worker.js');
    expect(result.outcomes).toEqual([
      ['in/a.txt', 'built', null],
      ['in/b.txt', 'failed', 'in/b.txt:3: paragraph 21 has no period after its number'],
      ['in/c.txt', 'failed', 'in/c.txt: the worker building this document stopped (exit code 3); the batch went on'],
      ['in/d.txt', 'built', null],
    ]);
    // Not a TTY: plain lines on stderr, then the summary.
    expect(child.stderr).toMatch(/^\[\d\/4\] /);
    expect(child.stderr).toContain('Failures:             2\n');
    expect(outputs()).toEqual([CACHE_FILE, 'a.xml', 'd.xml']);
    expect(batchWorkerPath().endsWith('pipeline/batch-worker.ts')).toBe(true);
  });
});
