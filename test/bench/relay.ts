// The ceiling of benchmark (h): the least work that copies an object from a workspace to a member
// cluster. A child process like the agent: one standard watch on a namespace of the hub and, for
// each ADDED event, one POST of the object (name and data only) to a plain namespace of the member.
// No inventory, no conditions written back, no look before the write, no retries. HTTP/1.1 over
// undici with the same client settings as the agent's (an undici Agent, keep-alive).
//
//   node dist/test/bench/relay.js CONFIG.json      (prints "ready" once the watch is open)

import fs from 'node:fs';
import { Agent, request } from 'undici';

interface Side {
  origin: string;
  caPem: string;
  token: string;
}

export interface RelayConfig {
  hub: Side;
  /** Collection path of the watched namespace on the hub: /clusters/<ws>/api/v1/namespaces/<ns>/configmaps */
  from: string;
  member: Side;
  /** Collection path of the namespace the copies are POSTed to on the member. */
  to: string;
}

async function main(): Promise<void> {
  const cfg = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as RelayConfig;
  const hub = new Agent({ connect: { ca: cfg.hub.caPem }, keepAliveTimeout: 30_000 });
  const member = new Agent({ connect: { ca: cfg.member.caPem }, keepAliveTimeout: 30_000 });
  const auth = (s: Side) => ({ authorization: `Bearer ${s.token}`, accept: 'application/json' });

  const list = await request(`${cfg.hub.origin}${cfg.from}?limit=1`, { headers: auth(cfg.hub), dispatcher: hub });
  const listText = await list.body.text();
  if (list.statusCode !== 200) throw new Error(`list ${cfg.from}: ${list.statusCode} ${listText.slice(0, 300)}`);
  const rv = JSON.parse(listText).metadata.resourceVersion;

  const res = await request(`${cfg.hub.origin}${cfg.from}?watch=true&resourceVersion=${rv}`, { headers: auth(cfg.hub), dispatcher: hub, bodyTimeout: 0 });
  if (res.statusCode !== 200) throw new Error(`watch ${cfg.from}: ${res.statusCode} ${(await res.body.text()).slice(0, 300)}`);
  process.stdout.write('ready\n');

  const postHeaders = { ...auth(cfg.member), 'content-type': 'application/json' };
  const copy = async (obj: any): Promise<void> => {
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: obj.metadata.name }, data: obj.data });
    const r = await request(`${cfg.member.origin}${cfg.to}`, { method: 'POST', headers: postHeaders, body, dispatcher: member });
    const text = await r.body.text();
    if (r.statusCode !== 201) process.stderr.write(`POST ${obj.metadata.name}: ${r.statusCode} ${text.slice(0, 300)}\n`);
  };

  let buf = '';
  res.body.setEncoding('utf8');
  for await (const chunk of res.body as AsyncIterable<string>) {
    buf += chunk;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (!line.trim()) continue;
      const ev = JSON.parse(line);
      if (ev.type === 'ADDED') copy(ev.object).catch((e) => process.stderr.write(`POST ${ev.object?.metadata?.name}: ${(e as Error).message}\n`));
      else if (ev.type === 'ERROR') throw new Error(`watch error: ${line.slice(0, 300)}`);
    }
  }
  throw new Error('the watch on the hub ended');
}

main().catch((e) => {
  process.stderr.write(`relay: ${(e as Error)?.stack ?? e}\n`);
  process.exit(1);
});
