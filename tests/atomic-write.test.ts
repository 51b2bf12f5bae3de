// Atomic writes: a failure at any step leaves the previous outputs whole and no temporary file behind.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushToDisk, nodeFileIo, writeFileAtomic, writeOutputsAtomic, type AtomicWriteIo } from '../pipeline/atomic-write.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'akn-atomic-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const diskFull = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

/** An io whose Nth writeSync call (counting from 1) writes half of what it is given, then fails. */
function failingOnWrite(n: number): AtomicWriteIo {
  let calls = 0;
  return {
    ...nodeFileIo,
    writeSync(fd, buffer, offset, length) {
      calls++;
      if (calls === n) {
        nodeFileIo.writeSync(fd, buffer, offset, Math.floor(length / 2));
        throw diskFull();
      }
      // Short writes, as the OS may do: the loop must finish the job.
      return nodeFileIo.writeSync(fd, buffer, offset, Math.min(length, 7));
    },
  };
}

describe('writeFileAtomic', () => {
  it('creates a file with exactly the data, from a string or bytes, creating the directory', () => {
    writeFileAtomic(join(dir, 'a.xml'), '<akomaNtoso>é</akomaNtoso>\n');
    writeFileAtomic(join(dir, 'sub', 'b.epub'), new Uint8Array([0x50, 0x4b, 3, 4, 0, 255]));
    expect(readFileSync(join(dir, 'a.xml'), 'utf8')).toBe('<akomaNtoso>é</akomaNtoso>\n');
    expect([...readFileSync(join(dir, 'sub', 'b.epub'))]).toEqual([0x50, 0x4b, 3, 4, 0, 255]);
    expect(readdirSync(dir).sort()).toEqual(['a.xml', 'sub']);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['b.epub']);
  });

  it('replaces an existing file', () => {
    const target = join(dir, 'doc.html');
    writeFileSync(target, 'old');
    writeFileAtomic(target, 'new content');
    expect(readFileSync(target, 'utf8')).toBe('new content');
    expect(readdirSync(dir)).toEqual(['doc.html']);
  });

  it('finishes short writes', () => {
    const target = join(dir, 'long.txt');
    const data = 'x'.repeat(1000);
    writeFileAtomic(target, data, failingOnWrite(Number.POSITIVE_INFINITY));
    expect(readFileSync(target, 'utf8')).toBe(data);
  });

  it('leaves the previous content and no temporary file when a write fails midway', () => {
    const target = join(dir, 'doc.xml');
    writeFileSync(target, 'previous good output');
    expect(() => writeFileAtomic(target, 'y'.repeat(100), failingOnWrite(3))).toThrow('ENOSPC: no space left on device, write');
    expect(readFileSync(target, 'utf8')).toBe('previous good output');
    expect(readdirSync(dir)).toEqual(['doc.xml']);
  });

  it('leaves nothing when a first write fails midway', () => {
    expect(() => writeFileAtomic(join(dir, 'doc.xml'), 'y'.repeat(100), failingOnWrite(1))).toThrow(/ENOSPC/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves the previous content when fsync or rename fails', () => {
    const target = join(dir, 'doc.xml');
    writeFileSync(target, 'previous');
    const fsyncFails: AtomicWriteIo = {
      ...nodeFileIo,
      fsyncSync() {
        throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
      },
    };
    expect(() => writeFileAtomic(target, 'new', fsyncFails)).toThrow('EIO: i/o error, fsync');
    const renameFails: AtomicWriteIo = {
      ...nodeFileIo,
      renameSync() {
        throw Object.assign(new Error('EXDEV: cross-device link not permitted, rename'), { code: 'EXDEV' });
      },
    };
    expect(() => writeFileAtomic(target, 'new', renameFails)).toThrow('EXDEV: cross-device link not permitted, rename');
    expect(readFileSync(target, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['doc.xml']);
  });

  it('writes a target whose name is near the 255-byte limit (the temporary name is shortened)', () => {
    const name = `${'é'.repeat(120)}.akn.xml`; // 248 bytes in UTF-8
    writeFileAtomic(join(dir, name), 'ok');
    expect(readdirSync(dir)).toEqual([name]);
  });
});

describe('writeOutputsAtomic', () => {
  const outputs = (tag: string) => [
    { path: join(dir, 'r.xml'), data: `<xml>${tag}</xml>` },
    { path: join(dir, 'r.html'), data: `<html>${tag}</html>` },
    { path: join(dir, 'r.epub'), data: new Uint8Array(64).fill(tag.length) },
  ];

  it('writes all files', () => {
    writeOutputsAtomic(outputs('v1'));
    expect(readdirSync(dir).sort()).toEqual(['r.epub', 'r.html', 'r.xml']);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toBe('<html>v1</html>');
  });

  it('renames nothing when one write fails: all previous outputs stay, no temporary file remains', () => {
    writeOutputsAtomic(outputs('v1'));
    // Short writes of 7 bytes: r.xml (19 bytes) takes 3 calls, so call 4 fails inside r.html.
    expect(() => writeOutputsAtomic(outputs('version2'), failingOnWrite(4))).toThrow(/ENOSPC/);
    expect(readdirSync(dir).sort()).toEqual(['r.epub', 'r.html', 'r.xml']);
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toBe('<xml>v1</xml>');
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toBe('<html>v1</html>');
    expect([...readFileSync(join(dir, 'r.epub'))]).toEqual(new Array(64).fill(2));
  });

  it('leaves no output at all when the first run fails in its last file', () => {
    let opened = 0;
    const thirdOpenFails: AtomicWriteIo = {
      ...nodeFileIo,
      openSync(path, flags, mode) {
        opened++;
        if (opened === 3) throw Object.assign(new Error('EMFILE: too many open files, open'), { code: 'EMFILE' });
        return nodeFileIo.openSync(path, flags, mode);
      },
    };
    expect(() => writeOutputsAtomic(outputs('v1'), thirdOpenFails)).toThrow('EMFILE: too many open files, open');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses the same target twice', () => {
    expect(() =>
      writeOutputsAtomic([
        { path: join(dir, 'a.xml'), data: '1' },
        { path: join(dir, '.', 'a.xml'), data: '2' },
      ]),
    ).toThrow(`writeOutputsAtomic: ${join(dir, 'a.xml')} is listed twice`);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('durability once per batch (group commit)', () => {
  const counting = () => {
    const calls = { fsync: 0 };
    const io: AtomicWriteIo = {
      ...nodeFileIo,
      fsyncSync(fd) {
        calls.fsync++;
        nodeFileIo.fsyncSync(fd);
      },
    };
    return { io, calls };
  };

  it('returns each file as written: resolved path, byte size and, when asked, the sha256 of the bytes on disk', () => {
    const files = [{ path: join(dir, 'a.xml'), data: 'é\n' }, { path: join(dir, 'sub', 'b.epub'), data: new Uint8Array([0x50, 0x4b, 3, 4]) }];
    const written = writeOutputsAtomic(files, nodeFileIo, { flush: false, digest: true });
    expect(written).toEqual(files.map((f) => {
      const bytes = readFileSync(f.path);
      return { path: f.path, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
    }));
    expect(written[0]!.size).toBe(3);
    expect(writeOutputsAtomic(files.slice(0, 1), nodeFileIo, { flush: false })).toEqual([{ path: files[0]!.path, size: 3 }]);
  });

  it('flushes each file of a single write, and none with flush: false, the write staying atomic', () => {
    const single = counting();
    writeOutputsAtomic([{ path: join(dir, 'a.xml'), data: 'a' }, { path: join(dir, 'b.xml'), data: 'b' }], single.io);
    expect(single.calls.fsync).toBe(2);
    const deferred = counting();
    writeOutputsAtomic([{ path: join(dir, 'a.xml'), data: 'A' }, { path: join(dir, 'b.xml'), data: 'B' }], deferred.io, { flush: false });
    expect(deferred.calls.fsync).toBe(0);
    expect([readFileSync(join(dir, 'a.xml'), 'utf8'), readFileSync(join(dir, 'b.xml'), 'utf8')]).toEqual(['A', 'B']);
    expect(readdirSync(dir).sort()).toEqual(['a.xml', 'b.xml']);
  });

  it('flushToDisk makes a batch durable with one syncfs, a few files or a missing `sync` with an fsync per file', () => {
    const paths = ['a', 'b', 'c'].map((n) => join(dir, `${n}.xml`));
    for (const p of paths) writeFileAtomic(p, p, nodeFileIo, { flush: false });
    // Three files: fewer than a batch's worth, so no syncfs of the whole file system.
    expect(flushToDisk(paths)).toBe('fsync');
    expect(flushToDisk(paths, 'sync', 3)).toBe('syncfs');
    expect(flushToDisk(paths, join(dir, 'no-such-sync-command'), 3)).toBe('fsync');
    // A file gone since it was written (replaced by a later document) is no error.
    rmSync(paths[0]!);
    expect(flushToDisk(paths, join(dir, 'no-such-sync-command'), 1)).toBe('fsync');
    expect(flushToDisk([])).toBe('nothing');
  });
});
