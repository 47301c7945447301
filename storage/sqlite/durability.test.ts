import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verifyAcknowledged } from './crashWriter.js';
import { openSqliteStore } from './sqliteStore.js';
import { CM, create, key, quietLogger, tempDir, update } from './testHelpers.js';

describe('SQLite store: durability', () => {
  it('everything acknowledged is in the file, even if the store is never closed', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 'kplane.db');
      const writer = openSqliteStore({ path, logger: quietLogger });
      const acked: number[] = [];
      await Promise.all(
        Array.from({ length: 200 }, (_, i) => create(writer, key(`ns${i % 4}`, `o${i}`), { i: String(i) }).then((r) => acked.push(r.rv))),
      );
      await update(writer, key('ns0', 'o0'), { i: 'updated' });
      // No close(): a second connection (as after a crash) sees every acknowledged write.
      const reader = openSqliteStore({ path, logger: quietLogger });
      expect(reader.currentRevision()).toBe(201);
      const l = await reader.list({ cluster: 'root', resource: CM });
      expect(l.items).toHaveLength(200);
      expect((await reader.get(key('ns0', 'o0')))?.object.data.i).toBe('updated');
      await reader.close();
      await writer.close();
    } finally {
      cleanup();
    }
  });

  it('kill -9 loses no acknowledged write, and the revision never goes back', async () => {
    // The writer is crashWriter.ts as compiled by `tsc -b` (which `npm test` runs first).
    const writer = fileURLToPath(new URL('../../dist/storage/sqlite/crashWriter.js', import.meta.url));
    expect(existsSync(writer), `${writer} is missing: run \`npx tsc -b\` (npm test does) before vitest`).toBe(true);
    const { dir, cleanup } = tempDir();
    try {
      const db = join(dir, 'crash.db');
      let lastRevision = 0;
      for (let round = 0; round < 3; round++) {
        const out = await runAndKill(writer, db, 300 + round * 500);
        const check = await verifyAcknowledged(db, out);
        expect(check.acked).toBeGreaterThanOrEqual(300);
        expect(check.missing).toEqual([]);
        expect(check.stale).toEqual([]);
        expect(check.revision).toBeGreaterThanOrEqual(check.maxAckedRv);
        expect(check.revision).toBeGreaterThan(lastRevision);
        lastRevision = check.revision;
      }
    } finally {
      cleanup();
    }
  });
});

/** Runs the writer until it has acknowledged `acks` writes (plus a few ms), then SIGKILLs it. */
function runAndKill(writer: string, db: string, acks: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // CLI contract (crashWriter.ts): `node crashWriter.js <db-path> [concurrency]`, one ack line per write.
    const child = spawn(process.execPath, [writer, db, '8'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let lines = 0;
    let killing = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
      for (const ch of d) if (ch === '\n') lines++;
      if (!killing && lines >= acks) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), 3);
      }
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited early (${code}): ${err}`));
      else resolve(out);
    });
  });
}
