/**
 * The central directory of a zip file (an XLSX workbook): each part's name and its sizes, compressed and
 * uncompressed, read from the end of the file without inflating anything. A workbook is checked against the
 * limits with it before exceljs inflates a part: an 11 MB file whose shared strings declare 5 GB is refused
 * before a byte is inflated. Zip64 sizes are read; a directory that cannot be read is left to exceljs to refuse.
 * @module
 */
import { closeSync, openSync, readSync } from 'node:fs';

/** One part of the zip as its central directory lists it. */
export interface ZipEntry {
  /** The part's path inside the zip: `xl/worksheets/sheet1.xml`. */
  readonly name: string;
  /** Its size as stored (compressed). */
  readonly compressed: number;
  /** Its size once inflated, as declared. */
  readonly uncompressed: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;

function readAt(fd: number, pos: number, len: number): Buffer {
  const b = Buffer.alloc(len);
  const n = readSync(fd, b, 0, len, pos);
  return b.subarray(0, n);
}

/** A 64-bit size as a number (exact up to 2^53; larger is beyond every limit anyway). */
function u64(b: Buffer, at: number): number {
  return Number(b.readBigUInt64LE(at));
}

/**
 * The entries of a zip file's central directory, or undefined when the file has none that can be read (not a
 * zip, or truncated): the caller then lets the zip reader refuse it in its own words.
 */
export function zipEntries(path: string, size: number): ZipEntry[] | undefined {
  const fd = openSync(path, 'r');
  try {
    return zipEntriesOf((pos, len) => readAt(fd, pos, len), size);
  } finally {
    closeSync(fd);
  }
}

/**
 * The same as {@link zipEntries}, for a zip held in memory (a workbook uploaded as bytes).
 */
export function zipEntriesOfBytes(bytes: Uint8Array): ZipEntry[] | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return zipEntriesOf((pos, len) => b.subarray(pos, pos + len), b.length);
}

function zipEntriesOf(readAt: (pos: number, len: number) => Buffer, size: number): ZipEntry[] | undefined {
  // The end record is in the last 22 bytes plus a comment of up to 65 535 bytes.
  const tailLen = Math.min(size, 22 + 65_535);
  const tail = readAt(size - tailLen, tailLen);
  let e = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (tail.readUInt32LE(i) === EOCD) {
      e = i;
      break;
    }
  if (e < 0) return undefined;
  let count = tail.readUInt16LE(e + 10);
  let cdSize = tail.readUInt32LE(e + 12);
  let cdOffset = tail.readUInt32LE(e + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // Zip64: the locator just before the end record gives the zip64 end record's offset.
    if (e < 20 || tail.readUInt32LE(e - 20) !== ZIP64_LOCATOR) return undefined;
    const z = readAt(u64(tail, e - 20 + 8), 56);
    if (z.length < 56 || z.readUInt32LE(0) !== ZIP64_EOCD) return undefined;
    count = u64(z, 32);
    cdSize = u64(z, 40);
    cdOffset = u64(z, 48);
  }
  if (cdOffset + cdSize > size) return undefined;
  const cd = readAt(cdOffset, cdSize);
  const out: ZipEntry[] = [];
  let at = 0;
  for (let k = 0; k < count; k++) {
    if (at + 46 > cd.length || cd.readUInt32LE(at) !== CENTRAL) return undefined;
    let compressed = cd.readUInt32LE(at + 20);
    let uncompressed = cd.readUInt32LE(at + 24);
    const nameLen = cd.readUInt16LE(at + 28);
    const extraLen = cd.readUInt16LE(at + 30);
    const commentLen = cd.readUInt16LE(at + 32);
    const name = cd.toString('utf8', at + 46, at + 46 + nameLen);
    // Zip64 extra field (id 1): the 64-bit sizes, in this order, of those whose 32-bit field is 0xFFFFFFFF.
    let x = at + 46 + nameLen;
    const xEnd = Math.min(x + extraLen, cd.length);
    while (x + 4 <= xEnd) {
      const id = cd.readUInt16LE(x);
      const len = cd.readUInt16LE(x + 2);
      if (id === 1) {
        let p = x + 4;
        if (uncompressed === 0xffffffff && p + 8 <= xEnd) {
          uncompressed = u64(cd, p);
          p += 8;
        }
        if (compressed === 0xffffffff && p + 8 <= xEnd) compressed = u64(cd, p);
      }
      x += 4 + len;
    }
    out.push({ name, compressed, uncompressed });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}
