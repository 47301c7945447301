// A compact notation for the catalogue's types, one line per field:
//
//   TypeName [@jsonform] [atomic] [preserve]        # description of the type
//     fieldName  type  number  [flags...]            # description of the field
//
// type:    string | int32 | int64 | bool | double | bytes | Name | pkg:Name | []T | map[string]T
// number:  the protobuf field number, or "-" for kinds without a protobuf form
// flags:   req                 required (OpenAPI "required")
//          inline              Go embedded struct (flattened in JSON, nested in protobuf)
//          ptr                 Go pointer scalar (explicit zero is meaningful)
//          keep                non-omitempty scalar (zero is emitted)
//          merge=<key>         strategic merge by <key> (patch strategy "merge")
//          strategy=<s>        explicit patch strategy: merge | retainKeys | merge,retainKeys | replace
//          list=<t> keys=a,b   x-kubernetes-list-type atomic|set|map and its map keys
//          mapType=<t>         x-kubernetes-map-type atomic|granular
//          enum=A|B|C          allowed values
//          default=<json>      OpenAPI default
//          proto=<name>        protobuf field name when it differs
//          fmt=<format>        OpenAPI format override
//          json=<name>         JSON name when the notation cannot spell it ("$ref", "x-kubernetes-list-type");
//                              the field's own name is then its protobuf (Go-style) name
// Lines starting with "//" are comments.

import { FieldDef, JsonForm, ListType, MapType, TypeDef, qualify, SCALARS } from './model.js';

const JSON_FORMS: ReadonlySet<string> = new Set<JsonForm>([
  'quantity', 'intorstring', 'time', 'microtime', 'duration', 'rawextension', 'fieldsv1', 'json', 'stringlist', 'opaque',
]);

export class DslError extends Error {}

function splitDescription(line: string): [string, string | undefined] {
  const m = /\s#\s?/.exec(line);
  if (!m) return [line, undefined];
  const desc = line.slice(m.index + m[0].length).trim();
  return [line.slice(0, m.index), desc || undefined];
}

function parseTypeExpr(pkg: string, expr: string): { type: string; repeated: boolean; map: boolean } {
  let repeated = false;
  let map = false;
  let t = expr;
  if (t.startsWith('[]')) {
    repeated = true;
    t = t.slice(2);
  } else if (t.startsWith('map[string]')) {
    map = true;
    t = t.slice('map[string]'.length);
  }
  if (!/^[A-Za-z0-9_./-]+(:[A-Za-z0-9_]+)?$/.test(t)) throw new DslError(`bad type "${expr}"`);
  return { type: SCALARS.has(t) ? t : qualify(pkg, t), repeated, map };
}

function parseFlag(field: FieldDef, flag: string): void {
  const eq = flag.indexOf('=');
  const key = eq < 0 ? flag : flag.slice(0, eq);
  const value = eq < 0 ? '' : flag.slice(eq + 1);
  switch (key) {
    case 'req': field.required = true; return;
    case 'inline': field.inline = true; return;
    case 'ptr': field.pointer = true; return;
    case 'keep': field.keepZero = true; return;
    case 'merge':
      field.patchMergeKey = value;
      field.patchStrategy ??= 'merge';
      return;
    case 'strategy': field.patchStrategy = value; return;
    case 'list':
      if (!['atomic', 'set', 'map'].includes(value)) throw new DslError(`bad list type "${value}"`);
      field.listType = value as ListType;
      return;
    case 'keys': field.listMapKeys = value.split(','); return;
    case 'mapType':
      if (!['atomic', 'granular'].includes(value)) throw new DslError(`bad map type "${value}"`);
      field.mapType = value as MapType;
      return;
    case 'enum': field.enum = value.split('|'); return;
    case 'default': field.default = JSON.parse(value); return;
    case 'proto': field.protoName = value; return;
    case 'fmt': field.format = value; return;
    case 'json': field.jsonName = value; return;
    default: throw new DslError(`unknown flag "${flag}"`);
  }
}

/** Parses the notation above into type definitions of package `pkg`. */
export function defineTypes(pkg: string, text: string): TypeDef[] {
  const types: TypeDef[] = [];
  let current: TypeDef | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (!raw.trim() || raw.trim().startsWith('//')) continue;
    try {
      const [body, description] = splitDescription(raw);
      const words = body.trim().split(/\s+/);
      if (!/^\s/.test(raw)) {
        const [name, ...marks] = words;
        if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new DslError(`bad type name "${name}"`);
        current = { id: qualify(pkg, name), pkg, name, fields: [], atomic: false, preserveUnknown: false, description };
        for (const mark of marks) {
          if (mark.startsWith('@') && JSON_FORMS.has(mark.slice(1))) current.json = mark.slice(1) as JsonForm;
          else if (mark === 'atomic') current.atomic = true;
          else if (mark === 'preserve') current.preserveUnknown = true;
          else throw new DslError(`unknown type mark "${mark}"`);
        }
        types.push(current);
        continue;
      }
      if (!current) throw new DslError('field before any type');
      const [name, typeExpr, num, ...flags] = words;
      if (!name || !typeExpr || !num) throw new DslError('a field needs a name, a type and a number');
      if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) throw new DslError(`bad field name "${name}"`);
      const t = parseTypeExpr(pkg, typeExpr);
      const field: FieldDef = {
        name,
        ...t,
        number: num === '-' ? undefined : Number(num),
        inline: false,
        required: false,
        pointer: false,
        keepZero: false,
        description,
      };
      if (field.number !== undefined && !(Number.isInteger(field.number) && field.number > 0)) {
        throw new DslError(`bad field number "${num}"`);
      }
      for (const flag of flags) parseFlag(field, flag);
      if (current.fields.some((f) => f.name === name)) throw new DslError(`duplicate field "${name}"`);
      current.fields.push(field);
    } catch (e) {
      if (e instanceof DslError || e instanceof SyntaxError) {
        throw new DslError(`${pkg} line ${i + 1}: ${(e as Error).message}\n  ${raw.trim()}`);
      }
      throw e;
    }
  }
  return types;
}
