// Oracle: the project's hand-written gnostic descriptor (apis/openapi/gnostic.ts) against
// gnostic-models' OpenAPIv2.proto, loaded here with protobufjs. Every message the project defines
// must exist upstream, every field must have upstream's number, type, cardinality and oneof; and a
// defined message may leave out only fields whose type the project does not model at all.

import protobuf from 'protobufjs';
import { GNOSTIC_PACKAGE, gnosticRoot } from '../../apis/openapi/gnostic.js';

export interface GnosticCheckResult {
  messages: number;
  fields: number;
  problems: string[];
}

function typeName(f: protobuf.Field): string {
  return f.resolvedType ? f.resolvedType.fullName : f.type;
}

export function compareWithGnostic(protoFile: string): GnosticCheckResult {
  const upstream = new protobuf.Root();
  upstream.loadSync(protoFile, { keepCase: true });
  upstream.resolveAll();
  const theirs = upstream.lookup(GNOSTIC_PACKAGE) as protobuf.Namespace | null;
  const ours = gnosticRoot().lookup(GNOSTIC_PACKAGE) as protobuf.Namespace;
  const problems: string[] = [];
  if (!theirs) return { messages: 0, fields: 0, problems: [`${protoFile}: no package ${GNOSTIC_PACKAGE}`] };
  const modelled = new Set(gnosticRoot().nestedArray.flatMap(function all(n: protobuf.ReflectionObject): string[] {
    const own = n instanceof protobuf.Type ? [n.fullName] : [];
    return n instanceof protobuf.Namespace ? [...own, ...n.nestedArray.flatMap(all)] : own;
  }));
  let messages = 0;
  let fields = 0;
  for (const mine of ours.nestedArray) {
    if (!(mine instanceof protobuf.Type)) continue;
    messages++;
    const up = theirs.get(mine.name);
    if (!(up instanceof protobuf.Type)) {
      problems.push(`gnostic ${mine.name}: no such message upstream`);
      continue;
    }
    for (const f of mine.fieldsArray) {
      fields++;
      const u = up.fields[f.name];
      const where = `gnostic ${mine.name}.${f.name}`;
      if (!u) {
        problems.push(`${where}: no such field upstream`);
        continue;
      }
      if (u.id !== f.id) problems.push(`${where}: number ${f.id}, upstream ${u.id}`);
      if (typeName(u) !== typeName(f)) problems.push(`${where}: type ${typeName(f)}, upstream ${typeName(u)}`);
      if (u.repeated !== f.repeated) problems.push(`${where}: ${f.repeated ? 'repeated' : 'singular'}, upstream ${u.repeated ? 'repeated' : 'singular'}`);
      if (u.map !== f.map) problems.push(`${where}: map mismatch`);
      if ((u.partOf?.name ?? '') !== (f.partOf?.name ?? '')) problems.push(`${where}: oneof "${f.partOf?.name ?? ''}", upstream "${u.partOf?.name ?? ''}"`);
    }
    for (const u of up.fieldsArray) {
      if (mine.fields[u.name]) continue;
      // A field of a message type the project leaves out entirely may be left out too.
      if (u.resolvedType && !modelled.has(u.resolvedType.fullName)) continue;
      problems.push(`gnostic ${mine.name}.${u.name} (${u.id}): missing`);
    }
  }
  return { messages, fields, problems };
}
