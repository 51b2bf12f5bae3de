// The ZIP container of the EPUB (PKWARE APPNOTE 6.3: local headers, central directory, end record), its
// entries deflated by Node's zlib (native, about twice as fast as a deflate in JavaScript, smaller output).
// Reads: the entries (name, bytes, stored or deflated) and one date.   Writes: the archive bytes (same input, same bytes).
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** Path inside the archive (ASCII; forward slashes). */
  name: string;
  data: Uint8Array;
  /** Stored, not compressed (the EPUB's mimetype, OCF §4.2.2). */
  store?: boolean;
}

/**
 * zlib's default level: on the corpus, level 9 gives files 0.4 % smaller for 13 % more deflate time,
 * and either is about 8 % smaller than the JavaScript deflate (fflate, level 9) used before.
 */
const DEFLATE_LEVEL = 6;
const VERSION = 20; // 2.0: deflate, no ZIP64, no encryption
const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const END_RECORD = 22;

/**
 * An MS-DOS date and time (the only times a plain ZIP header holds), from the day (`YYYY-MM-DD`) at
 * 12:00:00: written from the numbers, so the bytes never depend on the machine's time zone.
 */
export function dosDateTime(day: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  if (!(year >= 1980 && year <= 2107)) throw new RangeError(`zip: the year ${year} cannot be written as an MS-DOS date (1980–2107)`);
  return (((year - 1980) << 25) | (month << 21) | (date << 16) | (12 << 11)) >>> 0;
}

/**
 * Deflated entries by their bytes' identity: data passed again as the same Uint8Array (the EPUB's
 * container.xml and stylesheet, the same for every document) is deflated once per process.
 */
const deflatedOnce = new WeakMap<Uint8Array, { body: Uint8Array; crc: number }>();

function deflated(data: Uint8Array): { body: Uint8Array; crc: number } {
  const known = deflatedOnce.get(data);
  if (known) return known;
  const result = { body: deflateRawSync(data, { level: DEFLATE_LEVEL }), crc: crc32(data) };
  deflatedOnce.set(data, result);
  return result;
}

/** The archive: entries in the order given (the first is the first in the file, as OCF requires of mimetype). */
export function zipArchive(entries: readonly ZipEntry[], day: string): Uint8Array {
  const time = dosDateTime(day);
  const files = entries.map((entry) => {
    if (/[^\x20-\x7e]/.test(entry.name)) throw new TypeError(`zip: entry name ${JSON.stringify(entry.name)} is not printable ASCII`);
    const name = Buffer.from(entry.name, 'ascii');
    const { body, crc } = entry.store ? { body: entry.data, crc: crc32(entry.data) } : deflated(entry.data);
    return { name, body, method: entry.store ? 0 : 8, crc, size: entry.data.byteLength };
  });
  const localSize = files.reduce((sum, f) => sum + LOCAL_HEADER + f.name.length + f.body.byteLength, 0);
  const centralSize = files.reduce((sum, f) => sum + CENTRAL_HEADER + f.name.length, 0);
  if (localSize + centralSize > 0xffffffff || files.length > 0xffff) throw new RangeError('zip: the archive would need ZIP64');
  const out = Buffer.alloc(localSize + centralSize + END_RECORD);
  // The fields both headers share: version needed, flags (none), method, time, CRC-32, sizes, name length.
  const common = (at: number, f: (typeof files)[number]) => {
    out.writeUInt16LE(VERSION, at);
    out.writeUInt16LE(0, at + 2);
    out.writeUInt16LE(f.method, at + 4);
    out.writeUInt32LE(time, at + 6);
    out.writeUInt32LE(f.crc, at + 10);
    out.writeUInt32LE(f.body.byteLength, at + 14);
    out.writeUInt32LE(f.size, at + 18);
    out.writeUInt16LE(f.name.length, at + 22);
    // Extra field length 0 (at + 24): OCF forbids one on mimetype, and no entry needs one.
  };
  let at = 0;
  const offsets: number[] = [];
  for (const f of files) {
    offsets.push(at);
    out.writeUInt32LE(0x04034b50, at);
    common(at + 4, f);
    f.name.copy(out, at + LOCAL_HEADER);
    out.set(f.body, at + LOCAL_HEADER + f.name.length);
    at += LOCAL_HEADER + f.name.length + f.body.byteLength;
  }
  files.forEach((f, i) => {
    out.writeUInt32LE(0x02014b50, at);
    out.writeUInt16LE(VERSION, at + 4); // made by: version 2.0, MS-DOS attributes (all zero)
    common(at + 6, f);
    // Comment length, disk number, internal and external attributes: 0; then the local header's offset.
    out.writeUInt32LE(offsets[i]!, at + 42);
    f.name.copy(out, at + CENTRAL_HEADER);
    at += CENTRAL_HEADER + f.name.length;
  });
  out.writeUInt32LE(0x06054b50, at);
  out.writeUInt16LE(files.length, at + 8);
  out.writeUInt16LE(files.length, at + 10);
  out.writeUInt32LE(centralSize, at + 12);
  out.writeUInt32LE(localSize, at + 16);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
