// A kplane server for tests: in-process, on a free port on 127.0.0.1, with its own data dir.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { RunningServer, ServeOptions, serve } from '../../server/serve.js';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Base URL without the workspace: https://127.0.0.1:<port> */
  baseURL: string;
  /** Stops the server and removes its data dir. */
  stop(): Promise<void>;
}

/** Logs from test servers are kept in memory and printed only when KPLANE_TEST_LOGS=1. */
function logSink(): Writable {
  return new Writable({
    write(chunk, _enc, done) {
      if (process.env.KPLANE_TEST_LOGS) process.stderr.write(chunk);
      done();
    },
  });
}

export async function startTestServer(opts: { dataDir?: string; serve?: Partial<ServeOptions> } = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-test-'));
  const server = await serve({ dataDir, listen: '127.0.0.1:0', logLevel: 'warn', logDestination: logSink(), ...(opts.serve ?? {}) });
  return {
    ...server,
    dataDir,
    baseURL: `https://127.0.0.1:${server.port}`,
    async stop() {
      await server.close();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
