// The ceilings' server: a bare fastify app with kplane's TLS setup (HTTP/2 + HTTP/1.1 over TLS,
// kplane's own serving certificate), same Node, run as a child process like kplane, doing the
// least work each benchmark's request needs:
//
//   POST /insert     fastify parses the JSON body, sets metadata.resourceVersion, stringifies it,
//                    does ONE durable better-sqlite3 insert (WAL, synchronous=FULL, autocommit =
//                    one transaction per row), replies 201 with the JSON.
//   GET  /get/:namespace/:name
//                    ONE SQLite point read of the ConfigMap's row in kplane's own database file
//                    (read-only connection, kplane's page-cache size, kplane's join of objects and
//                    change_log), JSON.parse, JSON.stringify, replies 200 with the JSON.
//   POST /seed       (untimed) fills the insert table up to {rows} rows in one transaction, so that
//                    inserts can be timed into a table of a given size; answers {rv}.
//   POST /trim       (untimed) deletes the inserted rows above {rv}: back to the seeded size.
//   GET  /watch      a chunked stream (hijacked reply, headers flushed), kept open.
//   PUT/GET /blob    stores a body / answers it from memory (a LIST's transport floor).
//   POST /broadcast  writes `{"type":"MODIFIED","object":<body>}\n`, serialized once, to every open
//                    /watch stream, then replies 200.
//
// Started by startCeilingServer() (fork); tells the parent its port over IPC.

import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ServerResponse } from 'node:http';

export interface CeilingServer {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Forks this file. `dataDir` is kplane's: its pki/apiserver.key/.crt serve TLS, its kplane.db is
 * what /get reads. `dbPath` is the ceiling's own database (for /insert).
 */
export async function startCeilingServer(dataDir: string, dbPath: string): Promise<CeilingServer> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['serve', dataDir, dbPath], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: any) => resolve(m.port));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`ceiling server exited (${code})`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    port,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function serve(dataDir: string, dbPath: string): Promise<void> {
  const pkiDir = path.join(dataDir, 'pki');
  for (const s of ['', '-wal', '-shm']) fs.rmSync(dbPath + s, { force: true });
  const db = new Database(dbPath);
  db.pragma('page_size = 8192');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE cm (rv INTEGER PRIMARY KEY, json TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO cm (rv, json) VALUES (?, ?)');
  let rv = 0;

  const app = Fastify({
    http2: true,
    https: { allowHTTP1: true, key: fs.readFileSync(path.join(pkiDir, 'apiserver.key')), cert: fs.readFileSync(path.join(pkiDir, 'apiserver.crt')) },
    logger: false,
    bodyLimit: 3 * 1024 * 1024,
  } as any) as any;
  // As kplane does (server/app.ts): no Nagle on HTTP/1.1 connections, so neither side waits on delayed ACKs.
  app.server.on('secureConnection', (socket: import('node:tls').TLSSocket) => socket.setNoDelay(true));

  app.post('/insert', async (req: any, reply: any) => {
    const obj = req.body;
    obj.metadata.resourceVersion = String(++rv);
    const json = JSON.stringify(obj);
    insert.run(rv, json);
    return reply.code(201).type('application/json').send(json);
  });

  // Opened on first use: kplane's file, read-only, with kplane's page-cache size (64 MiB).
  let pointRead: Database.Statement | undefined;
  const readStore = (): Database.Statement => {
    if (pointRead) return pointRead;
    const store = new Database(path.join(dataDir, 'kplane.db'), { readonly: true, fileMustExist: true });
    store.pragma('cache_size = -65536');
    return (pointRead = store
      .prepare(
        `SELECT c.json FROM objects o CROSS JOIN change_log c ON c.rv = o.rv
         WHERE o.cluster = 'root' AND o.resource = '/configmaps' AND o.namespace = ? AND o.name = ?`,
      )
      .pluck());
  };
  app.get('/get/:namespace/:name', async (req: any, reply: any) => {
    const json = readStore().get(req.params.namespace, req.params.name) as string | undefined;
    if (json === undefined) return reply.code(404).send();
    return reply.code(200).type('application/json').send(JSON.stringify(JSON.parse(json)));
  });

  const count = db.prepare('SELECT COUNT(*) FROM cm').pluck();
  const seed = db.transaction((rows: number, body: any) => {
    for (let n = Number(count.get()); n < rows; n++) {
      body.metadata.name = `seed-${++rv}`;
      body.metadata.resourceVersion = String(rv);
      insert.run(rv, JSON.stringify(body));
    }
  });
  app.post('/seed', async (req: any, reply: any) => {
    seed(req.body.rows, req.body.object);
    return reply.code(200).type('application/json').send(`{"rv":${rv}}`);
  });
  const trim = db.prepare('DELETE FROM cm WHERE rv > ?');
  app.post('/trim', async (req: any, reply: any) => reply.code(200).type('application/json').send(`{"deleted":${trim.run(req.body.rv).changes}}`));

  // The transport floor of a LIST: the same bytes kplane answered, served from memory.
  let blob = Buffer.alloc(0);
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: 256 * 1024 * 1024 }, (_req: any, body: Buffer, done: any) => done(null, body));
  app.put('/blob', { bodyLimit: 256 * 1024 * 1024 }, async (req: any, reply: any) => {
    blob = req.body;
    return reply.code(204).send();
  });
  app.get('/blob', async (_req: any, reply: any) => reply.code(200).type('application/json').send(blob));

  const watchers = new Set<ServerResponse>();
  app.get('/watch', (_req: any, reply: any) => {
    reply.hijack();
    const raw: ServerResponse = reply.raw;
    raw.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private' });
    raw.flushHeaders();
    watchers.add(raw);
    raw.on('close', () => watchers.delete(raw));
  });
  app.post('/broadcast', async (req: any, reply: any) => {
    const line = `{"type":"MODIFIED","object":${JSON.stringify(req.body)}}\n`;
    for (const w of watchers) w.write(line);
    return reply.code(200).type('application/json').send(`{"watchers":${watchers.size}}`);
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  process.send!({ port: app.server.address().port });
  process.on('SIGTERM', () => {
    for (const w of watchers) w.destroy();
    app.close().finally(() => {
      db.close();
      process.exit(0);
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === 'serve') {
  serve(process.argv[3]!, process.argv[4]!).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
