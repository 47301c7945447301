// Oracle: the catalogue's types against upstream generated.proto files — field names, numbers,
// cardinality, types, and the markers in their comments (+listType, +patchStrategy, ...).

import fs from 'node:fs';
import path from 'node:path';
import protobuf from 'protobufjs';
import { FieldDef, SCALARS, TypeDef } from '../../apis/schema/model.js';
import { TypeRegistry } from '../../apis/schema/registry.js';

export function loadProtoRoot(protoDir: string): protobuf.Root {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'generated.proto') files.push(path.relative(protoDir, p));
    }
  };
  walk(path.join(protoDir, 'k8s.io'));
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => (path.isAbsolute(target) ? target : path.join(protoDir, target));
  root.loadSync(files, { keepCase: true, alternateCommentMode: true });
  return root;
}

interface Markers {
  optional: boolean;
  required: boolean;
  listType?: string;
  listMapKeys: string[];
  patchStrategy?: string;
  patchMergeKey?: string;
  mapType?: string;
  structType?: string;
}

export function markers(comment: string | null | undefined): Markers {
  const m: Markers = { optional: false, required: false, listMapKeys: [] };
  for (const line of (comment ?? '').split('\n')) {
    const l = line.trim();
    if (l === '+optional') m.optional = true;
    else if (l === '+required') m.required = true;
    else if (l.startsWith('+listType=')) m.listType = l.slice(10);
    else if (l.startsWith('+listMapKey=')) m.listMapKeys.push(l.slice(12));
    else if (l.startsWith('+patchStrategy=')) m.patchStrategy = l.slice(15);
    else if (l.startsWith('+patchMergeKey=')) m.patchMergeKey = l.slice(15);
    else if (l.startsWith('+mapType=')) m.mapType = l.slice(9);
    else if (l.startsWith('+structType=')) m.structType = l.slice(12);
  }
  return m;
}

function protoTypeOf(registry: TypeRegistry, f: FieldDef): string {
  if (SCALARS.has(f.type)) return f.type;
  return registry.protoName(f.type) ?? `(no protobuf for ${f.type})`;
}

function compareType(registry: TypeRegistry, root: protobuf.Root, t: TypeDef, problems: string[]): number {
  const pname = registry.protoName(t.id)!;
  let msg: protobuf.Type;
  try {
    msg = root.lookupType(pname);
  } catch {
    problems.push(`${t.id}: no message ${pname} upstream`);
    return 0;
  }
  const where = (f: string): string => `${t.id}.${f}`;
  const tm = markers(msg.comment);
  if ((tm.structType === 'atomic') !== t.atomic) problems.push(`${t.id}: structType atomic is ${tm.structType === 'atomic'} upstream`);
  const ours = new Map(t.fields.map((f) => [f.protoName ?? f.name, f]));
  for (const pf of msg.fieldsArray) {
    pf.resolve();
    const f = ours.get(pf.name);
    if (!f) {
      problems.push(`${where(pf.name)}: missing (upstream field ${pf.id})`);
      continue;
    }
    ours.delete(pf.name);
    if (f.number !== pf.id) problems.push(`${where(f.name)}: number ${f.number}, upstream ${pf.id}`);
    const isMap = (pf as unknown as { map?: boolean }).map === true;
    if (f.map !== isMap) problems.push(`${where(f.name)}: map ${f.map}, upstream ${isMap}`);
    if (f.repeated !== pf.repeated) problems.push(`${where(f.name)}: repeated ${f.repeated}, upstream ${pf.repeated}`);
    const upstreamType = pf.resolvedType ? pf.resolvedType.fullName.replace(/^\./, '') : pf.type;
    const ourType = protoTypeOf(registry, f);
    if (ourType !== upstreamType) problems.push(`${where(f.name)}: type ${ourType}, upstream ${upstreamType}`);
    const m = markers(pf.comment);
    if (m.listType && f.listType !== m.listType) problems.push(`${where(f.name)}: listType ${f.listType}, upstream ${m.listType}`);
    if (m.listMapKeys.length && (f.listMapKeys ?? []).join(',') !== m.listMapKeys.join(',')) {
      problems.push(`${where(f.name)}: listMapKeys ${f.listMapKeys}, upstream ${m.listMapKeys}`);
    }
    if (m.patchStrategy && f.patchStrategy !== m.patchStrategy) problems.push(`${where(f.name)}: patchStrategy ${f.patchStrategy}, upstream ${m.patchStrategy}`);
    if (m.patchMergeKey && f.patchMergeKey !== m.patchMergeKey) problems.push(`${where(f.name)}: patchMergeKey ${f.patchMergeKey}, upstream ${m.patchMergeKey}`);
    if (m.mapType && f.mapType !== m.mapType) problems.push(`${where(f.name)}: mapType ${f.mapType}, upstream ${m.mapType}`);
    if (m.optional && f.required) problems.push(`${where(f.name)}: required, upstream +optional`);
    if (m.required && !f.required) problems.push(`${where(f.name)}: not required, upstream +required`);
  }
  for (const f of ours.values()) problems.push(`${where(f.name)}: not upstream`);
  return msg.fieldsArray.length;
}

export function compareWithProto(
  registry: TypeRegistry,
  root: protobuf.Root,
  only?: string,
): { types: number; fields: number; problems: string[] } {
  const problems: string[] = [];
  let types = 0;
  let fields = 0;
  for (const t of registry.allTypes()) {
    if (only && t.pkg !== only) continue;
    if (!registry.protoName(t.id) || t.pkg === 'apiextensions/v1') continue; // no upstream .proto for apiextensions here
    types++;
    fields += compareType(registry, root, t, problems);
  }
  return { types, fields, problems };
}
