// The protobuf form of an OpenAPI v2 (Swagger 2.0) document that kubectl 1.27/1.28 decode from
// /openapi/v2: gnostic's `openapi.v2.Document`. The descriptor below is the project's own,
// written by hand in code (protobufjs Type/Field/OneOf); its message names and field numbers are
// wire facts of gnostic-models' openapiv2 package, checked against upstream by
// test/upstream/gnosticCheck.ts. Messages the project never emits (OAuth2 security schemes,
// top-level parameter/response definitions) are left out; a decoder skips what it does not know.
//
// The encoder maps our JSON document onto those messages: JSON objects used as maps become ordered
// Named* lists, `x-*` extensions become NamedAny whose value.yaml holds the JSON text (JSON is
// YAML), `$ref` becomes `_ref`, `type` a TypeItem, `items` an ItemsItem, `additionalProperties`
// the schema|boolean oneof, parameters the body/non-body oneofs, and enum/default/example values
// Any{yaml}. Keys Swagger 2.0 has no field for (oneOf, nullable, ...) are dropped.

import protobuf from 'protobufjs';

type Json = Record<string, any>;

/**
 * One message: fields as "name=number:type", "*" in front for repeated; `oneof` puts every field
 * in gnostic's single oneof (which it always names "oneof").
 */
interface MessageSpec {
  fields: string[];
  oneof?: boolean;
}

const EXT = (n: number): string => `*vendor_extension=${n}:NamedAny`;

/** Field lists shared by the non-body parameter kinds and PrimitivesItems/Header. */
const VALIDATIONS = [
  'maximum:double',
  'exclusive_maximum:bool',
  'minimum:double',
  'exclusive_minimum:bool',
  'max_length:int64',
  'min_length:int64',
  'pattern:string',
  'max_items:int64',
  'min_items:int64',
  'unique_items:bool',
  '*enum:Any',
  'multiple_of:double',
];

/** Numbers `names` ("name:type", "*name:type") consecutively from `first`. */
function numbered(first: number, names: string[]): string[] {
  return names.map((n, i) => {
    const [name, type] = n.split(':');
    return `${name}=${first + i}:${type}`;
  });
}

/** Fields of QueryParameterSubSchema and FormDataParameterSubSchema (they differ only in name). */
const QUERY_LIKE = [
  ...numbered(1, ['required:bool', 'in:string', 'description:string', 'name:string', 'allow_empty_value:bool', 'type:string', 'format:string', 'items:PrimitivesItems', 'collection_format:string', 'default:Any']),
  ...numbered(11, VALIDATIONS),
  EXT(23),
];
/** Fields of PathParameterSubSchema and HeaderParameterSubSchema (no allow_empty_value). */
const PATH_LIKE = [
  ...numbered(1, ['required:bool', 'in:string', 'description:string', 'name:string', 'type:string', 'format:string', 'items:PrimitivesItems', 'collection_format:string', 'default:Any']),
  ...numbered(10, VALIDATIONS),
  EXT(22),
];

export const GNOSTIC_MESSAGES: Record<string, MessageSpec> = {
  AdditionalPropertiesItem: { fields: ['schema=1:Schema', 'boolean=2:bool'], oneof: true },
  Any: { fields: ['value=1:.google.protobuf.Any', 'yaml=2:string'] },
  ApiKeySecurity: { fields: ['type=1:string', 'name=2:string', 'in=3:string', 'description=4:string', EXT(5)] },
  BasicAuthenticationSecurity: { fields: ['type=1:string', 'description=2:string', EXT(3)] },
  BodyParameter: { fields: ['description=1:string', 'name=2:string', 'in=3:string', 'required=4:bool', 'schema=5:Schema', EXT(6)] },
  Contact: { fields: ['name=1:string', 'url=2:string', 'email=3:string', EXT(4)] },
  Default: { fields: ['*additional_properties=1:NamedAny'] },
  Definitions: { fields: ['*additional_properties=1:NamedSchema'] },
  Document: {
    fields: [
      'swagger=1:string',
      'info=2:Info',
      'host=3:string',
      'base_path=4:string',
      '*schemes=5:string',
      '*consumes=6:string',
      '*produces=7:string',
      'paths=8:Paths',
      'definitions=9:Definitions',
      // 10 parameters (ParameterDefinitions) and 11 responses (ResponseDefinitions): never emitted.
      '*security=12:SecurityRequirement',
      'security_definitions=13:SecurityDefinitions',
      '*tags=14:Tag',
      'external_docs=15:ExternalDocs',
      EXT(16),
    ],
  },
  Examples: { fields: ['*additional_properties=1:NamedAny'] },
  ExternalDocs: { fields: ['description=1:string', 'url=2:string', EXT(3)] },
  FileSchema: {
    fields: [
      'format=1:string',
      'title=2:string',
      'description=3:string',
      'default=4:Any',
      '*required=5:string',
      'type=6:string',
      'read_only=7:bool',
      'external_docs=8:ExternalDocs',
      'example=9:Any',
      EXT(10),
    ],
  },
  FormDataParameterSubSchema: { fields: QUERY_LIKE },
  Header: {
    fields: [
      ...numbered(1, ['type:string', 'format:string', 'items:PrimitivesItems', 'collection_format:string', 'default:Any']),
      ...numbered(6, VALIDATIONS),
      'description=18:string',
      EXT(19),
    ],
  },
  HeaderParameterSubSchema: { fields: PATH_LIKE },
  Headers: { fields: ['*additional_properties=1:NamedHeader'] },
  Info: {
    fields: ['title=1:string', 'version=2:string', 'description=3:string', 'terms_of_service=4:string', 'contact=5:Contact', 'license=6:License', EXT(7)],
  },
  ItemsItem: { fields: ['*schema=1:Schema'] },
  JsonReference: { fields: ['_ref=1:string', 'description=2:string'] },
  License: { fields: ['name=1:string', 'url=2:string', EXT(3)] },
  NamedAny: { fields: ['name=1:string', 'value=2:Any'] },
  NamedHeader: { fields: ['name=1:string', 'value=2:Header'] },
  NamedPathItem: { fields: ['name=1:string', 'value=2:PathItem'] },
  NamedResponseValue: { fields: ['name=1:string', 'value=2:ResponseValue'] },
  NamedSchema: { fields: ['name=1:string', 'value=2:Schema'] },
  NamedSecurityDefinitionsItem: { fields: ['name=1:string', 'value=2:SecurityDefinitionsItem'] },
  NamedStringArray: { fields: ['name=1:string', 'value=2:StringArray'] },
  NonBodyParameter: {
    fields: [
      'header_parameter_sub_schema=1:HeaderParameterSubSchema',
      'form_data_parameter_sub_schema=2:FormDataParameterSubSchema',
      'query_parameter_sub_schema=3:QueryParameterSubSchema',
      'path_parameter_sub_schema=4:PathParameterSubSchema',
    ],
    oneof: true,
  },
  Operation: {
    fields: [
      '*tags=1:string',
      'summary=2:string',
      'description=3:string',
      'external_docs=4:ExternalDocs',
      'operation_id=5:string',
      '*produces=6:string',
      '*consumes=7:string',
      '*parameters=8:ParametersItem',
      'responses=9:Responses',
      '*schemes=10:string',
      'deprecated=11:bool',
      '*security=12:SecurityRequirement',
      EXT(13),
    ],
  },
  Parameter: { fields: ['body_parameter=1:BodyParameter', 'non_body_parameter=2:NonBodyParameter'], oneof: true },
  ParametersItem: { fields: ['parameter=1:Parameter', 'json_reference=2:JsonReference'], oneof: true },
  PathItem: {
    fields: [
      '_ref=1:string',
      'get=2:Operation',
      'put=3:Operation',
      'post=4:Operation',
      'delete=5:Operation',
      'options=6:Operation',
      'head=7:Operation',
      'patch=8:Operation',
      '*parameters=9:ParametersItem',
      EXT(10),
    ],
  },
  PathParameterSubSchema: { fields: PATH_LIKE },
  Paths: { fields: [EXT(1), '*path=2:NamedPathItem'] },
  PrimitivesItems: {
    fields: [...numbered(1, ['type:string', 'format:string', 'items:PrimitivesItems', 'collection_format:string', 'default:Any']), ...numbered(6, VALIDATIONS), EXT(18)],
  },
  Properties: { fields: ['*additional_properties=1:NamedSchema'] },
  QueryParameterSubSchema: { fields: QUERY_LIKE },
  Response: { fields: ['description=1:string', 'schema=2:SchemaItem', 'headers=3:Headers', 'examples=4:Examples', EXT(5)] },
  ResponseValue: { fields: ['response=1:Response', 'json_reference=2:JsonReference'], oneof: true },
  Responses: { fields: ['*response_code=1:NamedResponseValue', EXT(2)] },
  Schema: {
    fields: [
      '_ref=1:string',
      'format=2:string',
      'title=3:string',
      'description=4:string',
      'default=5:Any',
      'multiple_of=6:double',
      'maximum=7:double',
      'exclusive_maximum=8:bool',
      'minimum=9:double',
      'exclusive_minimum=10:bool',
      'max_length=11:int64',
      'min_length=12:int64',
      'pattern=13:string',
      'max_items=14:int64',
      'min_items=15:int64',
      'unique_items=16:bool',
      'max_properties=17:int64',
      'min_properties=18:int64',
      '*required=19:string',
      '*enum=20:Any',
      'additional_properties=21:AdditionalPropertiesItem',
      'type=22:TypeItem',
      'items=23:ItemsItem',
      '*all_of=24:Schema',
      'properties=25:Properties',
      'discriminator=26:string',
      'read_only=27:bool',
      'xml=28:Xml',
      'external_docs=29:ExternalDocs',
      'example=30:Any',
      EXT(31),
    ],
  },
  SchemaItem: { fields: ['schema=1:Schema', 'file_schema=2:FileSchema'], oneof: true },
  SecurityDefinitions: { fields: ['*additional_properties=1:NamedSecurityDefinitionsItem'] },
  // 3–6 are the OAuth2 flows, which the project never advertises.
  SecurityDefinitionsItem: { fields: ['basic_authentication_security=1:BasicAuthenticationSecurity', 'api_key_security=2:ApiKeySecurity'], oneof: true },
  SecurityRequirement: { fields: ['*additional_properties=1:NamedStringArray'] },
  StringArray: { fields: ['*value=1:string'] },
  Tag: { fields: ['name=1:string', 'description=2:string', 'external_docs=3:ExternalDocs', EXT(4)] },
  TypeItem: { fields: ['*value=1:string'] },
  VendorExtension: { fields: ['*additional_properties=1:NamedAny'] },
  Xml: { fields: ['name=1:string', 'namespace=2:string', 'prefix=3:string', 'attribute=4:bool', 'wrapped=5:bool', EXT(6)] },
};

export const GNOSTIC_PACKAGE = 'openapi.v2';

export interface ParsedField {
  name: string;
  id: number;
  type: string;
  repeated: boolean;
}

export function parseFieldSpec(spec: string): ParsedField {
  const m = /^(\*?)([a-z_]+)=(\d+):([.\w]+)$/.exec(spec);
  if (!m) throw new Error(`bad field spec ${spec}`);
  return { repeated: m[1] === '*', name: m[2], id: Number(m[3]), type: m[4] };
}

let rootCache: protobuf.Root | undefined;

/** The protobufjs root holding openapi.v2.* (and google.protobuf.Any, which Any.value uses). */
export function gnosticRoot(): protobuf.Root {
  if (rootCache) return rootCache;
  const root = new protobuf.Root();
  const anyType = new protobuf.Type('Any');
  anyType.add(new protobuf.Field('type_url', 1, 'string'));
  anyType.add(new protobuf.Field('value', 2, 'bytes'));
  root.define('google.protobuf').add(anyType);
  const ns = root.define(GNOSTIC_PACKAGE);
  for (const [name, spec] of Object.entries(GNOSTIC_MESSAGES)) {
    const type = new protobuf.Type(name);
    const oneof = spec.oneof ? new protobuf.OneOf('oneof') : undefined;
    if (oneof) type.add(oneof);
    for (const f of spec.fields.map(parseFieldSpec)) {
      const field = new protobuf.Field(f.name, f.id, f.type, f.repeated ? 'repeated' : undefined);
      if (oneof) oneof.add(field);
      else type.add(field);
    }
    ns.add(type);
  }
  root.resolveAll();
  rootCache = root;
  return root;
}

export function gnosticType(name: string): protobuf.Type {
  return gnosticRoot().lookupType(`${GNOSTIC_PACKAGE}.${name}`);
}

// ---- JSON → message objects -------------------------------------------------------------------

function any(v: unknown): Json {
  return { yaml: JSON.stringify(v) };
}

function namedAny(name: string, v: unknown): Json {
  return { name, value: any(v) };
}

/** The x-* keys of an object as NamedAny, in their order. */
function extensions(o: Json): Json[] {
  return Object.keys(o)
    .filter((k) => k.startsWith('x-'))
    .map((k) => namedAny(k, o[k]));
}

/** Copies the listed keys ([json, proto]) that are present; `conv` maps the value. */
function copy(out: Json, o: Json, keys: Array<string | [string, string]>): void {
  for (const k of keys) {
    const [from, to] = typeof k === 'string' ? [k, k] : k;
    if (o[from] !== undefined && o[from] !== null) out[to] = o[from];
  }
}

function setExtensions(out: Json, o: Json): void {
  const ext = extensions(o);
  if (ext.length) out.vendor_extension = ext;
}

const NUMERIC_VALIDATIONS: Array<string | [string, string]> = [
  'maximum',
  ['exclusiveMaximum', 'exclusive_maximum'],
  'minimum',
  ['exclusiveMinimum', 'exclusive_minimum'],
  ['maxLength', 'max_length'],
  ['minLength', 'min_length'],
  'pattern',
  ['maxItems', 'max_items'],
  ['minItems', 'min_items'],
  ['uniqueItems', 'unique_items'],
  ['multipleOf', 'multiple_of'],
];

function externalDocs(o: Json): Json {
  const out: Json = {};
  copy(out, o, ['description', 'url']);
  setExtensions(out, o);
  return out;
}

export function schemaMessage(s: Json): Json {
  const out: Json = {};
  copy(out, s, [['$ref', '_ref'], 'format', 'title', 'description', ...NUMERIC_VALIDATIONS, ['maxProperties', 'max_properties'], ['minProperties', 'min_properties'], 'discriminator', ['readOnly', 'read_only']]);
  if (s.default !== undefined) out.default = any(s.default);
  if (Array.isArray(s.required) && s.required.length) out.required = s.required;
  if (Array.isArray(s.enum)) out.enum = s.enum.map(any);
  if (typeof s.additionalProperties === 'boolean') out.additional_properties = { boolean: s.additionalProperties };
  else if (s.additionalProperties && typeof s.additionalProperties === 'object') out.additional_properties = { schema: schemaMessage(s.additionalProperties) };
  if (s.type !== undefined) out.type = { value: Array.isArray(s.type) ? s.type : [s.type] };
  if (Array.isArray(s.items)) out.items = { schema: s.items.map(schemaMessage) };
  else if (s.items && typeof s.items === 'object') out.items = { schema: [schemaMessage(s.items)] };
  if (Array.isArray(s.allOf)) out.all_of = s.allOf.map(schemaMessage);
  if (s.properties) out.properties = { additional_properties: Object.entries(s.properties).map(([name, v]) => ({ name, value: schemaMessage(v as Json) })) };
  if (s.xml) {
    const xml: Json = {};
    copy(xml, s.xml, ['name', 'namespace', 'prefix', 'attribute', 'wrapped']);
    setExtensions(xml, s.xml);
    out.xml = xml;
  }
  if (s.externalDocs) out.external_docs = externalDocs(s.externalDocs);
  if (s.example !== undefined) out.example = any(s.example);
  setExtensions(out, s);
  return out;
}

function primitivesItems(s: Json): Json {
  const out: Json = {};
  copy(out, s, ['type', 'format', ['collectionFormat', 'collection_format'], ...NUMERIC_VALIDATIONS]);
  if (s.items) out.items = primitivesItems(s.items);
  if (s.default !== undefined) out.default = any(s.default);
  if (Array.isArray(s.enum)) out.enum = s.enum.map(any);
  setExtensions(out, s);
  return out;
}

const SUB_SCHEMA: Record<string, string> = {
  query: 'query_parameter_sub_schema',
  path: 'path_parameter_sub_schema',
  header: 'header_parameter_sub_schema',
  formData: 'form_data_parameter_sub_schema',
};

function parameterItem(p: Json): Json {
  if (p.$ref) return { json_reference: { _ref: p.$ref, ...(p.description ? { description: p.description } : {}) } };
  if (p.in === 'body') {
    const body: Json = {};
    copy(body, p, ['description', 'name', 'in', 'required']);
    if (p.schema) body.schema = schemaMessage(p.schema);
    setExtensions(body, p);
    return { parameter: { body_parameter: body } };
  }
  const which = SUB_SCHEMA[p.in];
  if (!which) throw new Error(`parameter ${p.name}: unknown location ${p.in}`);
  const sub: Json = {};
  copy(sub, p, ['required', 'in', 'description', 'name', 'type', 'format', ['collectionFormat', 'collection_format'], ...NUMERIC_VALIDATIONS]);
  if (p.allowEmptyValue !== undefined && (p.in === 'query' || p.in === 'formData')) sub.allow_empty_value = p.allowEmptyValue;
  if (p.items) sub.items = primitivesItems(p.items);
  if (p.default !== undefined) sub.default = any(p.default);
  if (Array.isArray(p.enum)) sub.enum = p.enum.map(any);
  setExtensions(sub, p);
  return { parameter: { non_body_parameter: { [which]: sub } } };
}

function header(h: Json): Json {
  const out: Json = {};
  copy(out, h, ['type', 'format', ['collectionFormat', 'collection_format'], ...NUMERIC_VALIDATIONS, 'description']);
  if (h.items) out.items = primitivesItems(h.items);
  if (h.default !== undefined) out.default = any(h.default);
  if (Array.isArray(h.enum)) out.enum = h.enum.map(any);
  setExtensions(out, h);
  return out;
}

function responseValue(r: Json): Json {
  if (r.$ref) return { json_reference: { _ref: r.$ref } };
  const out: Json = {};
  copy(out, r, ['description']);
  if (r.schema) out.schema = r.schema.type === 'file' ? { file_schema: fileSchema(r.schema) } : { schema: schemaMessage(r.schema) };
  if (r.headers) out.headers = { additional_properties: Object.entries(r.headers).map(([name, h]) => ({ name, value: header(h as Json) })) };
  if (r.examples) out.examples = { additional_properties: Object.entries(r.examples).map(([name, v]) => namedAny(name, v)) };
  setExtensions(out, r);
  return { response: out };
}

function fileSchema(s: Json): Json {
  const out: Json = {};
  copy(out, s, ['format', 'title', 'description', 'type', ['readOnly', 'read_only']]);
  if (s.default !== undefined) out.default = any(s.default);
  if (Array.isArray(s.required)) out.required = s.required;
  if (s.externalDocs) out.external_docs = externalDocs(s.externalDocs);
  if (s.example !== undefined) out.example = any(s.example);
  setExtensions(out, s);
  return out;
}

function securityRequirements(list: Json[]): Json[] {
  return list.map((req) => ({ additional_properties: Object.entries(req).map(([name, scopes]) => ({ name, value: { value: scopes as string[] } })) }));
}

function operation(op: Json): Json {
  const out: Json = {};
  copy(out, op, ['tags', 'summary', 'description', ['operationId', 'operation_id'], 'produces', 'consumes', 'schemes', 'deprecated']);
  if (op.externalDocs) out.external_docs = externalDocs(op.externalDocs);
  if (op.parameters) out.parameters = op.parameters.map(parameterItem);
  if (op.responses) {
    out.responses = {
      response_code: Object.keys(op.responses)
        .filter((k) => !k.startsWith('x-'))
        .map((name) => ({ name, value: responseValue(op.responses[name]) })),
    };
    const ext = extensions(op.responses);
    if (ext.length) out.responses.vendor_extension = ext;
  }
  if (op.security) out.security = securityRequirements(op.security);
  setExtensions(out, op);
  return out;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

function pathItem(p: Json): Json {
  const out: Json = {};
  if (p.$ref) out._ref = p.$ref;
  for (const m of METHODS) if (p[m]) out[m] = operation(p[m]);
  if (p.parameters) out.parameters = p.parameters.map(parameterItem);
  setExtensions(out, p);
  return out;
}

function securityDefinition(d: Json): Json {
  const out: Json = {};
  if (d.type === 'basic') {
    copy(out, d, ['type', 'description']);
    setExtensions(out, d);
    return { basic_authentication_security: out };
  }
  if (d.type === 'apiKey') {
    copy(out, d, ['type', 'name', 'in', 'description']);
    setExtensions(out, d);
    return { api_key_security: out };
  }
  throw new Error(`security scheme type ${d.type} is not supported`);
}

/** The gnostic message object (plain, protobufjs field names) of a Swagger 2.0 JSON document. */
export function documentMessage(doc: Json): Json {
  const out: Json = {};
  copy(out, doc, ['swagger', 'host', ['basePath', 'base_path'], 'schemes', 'consumes', 'produces']);
  if (doc.info) {
    const info: Json = {};
    copy(info, doc.info, ['title', 'version', 'description', ['termsOfService', 'terms_of_service']]);
    for (const k of ['contact', 'license'] as const) {
      if (!doc.info[k]) continue;
      const c: Json = {};
      copy(c, doc.info[k], ['name', 'url', 'email']);
      setExtensions(c, doc.info[k]);
      info[k] = c;
    }
    setExtensions(info, doc.info);
    out.info = info;
  }
  if (doc.paths) {
    out.paths = {
      path: Object.keys(doc.paths)
        .filter((k) => !k.startsWith('x-'))
        .map((name) => ({ name, value: pathItem(doc.paths[name]) })),
    };
    const ext = extensions(doc.paths);
    if (ext.length) out.paths.vendor_extension = ext;
  }
  if (doc.definitions) out.definitions = { additional_properties: Object.entries(doc.definitions).map(([name, s]) => ({ name, value: schemaMessage(s as Json) })) };
  if (doc.parameters || doc.responses) throw new Error('top-level parameter and response definitions are not supported');
  if (doc.security) out.security = securityRequirements(doc.security);
  if (doc.securityDefinitions) {
    out.security_definitions = { additional_properties: Object.entries(doc.securityDefinitions).map(([name, d]) => ({ name, value: securityDefinition(d as Json) })) };
  }
  if (doc.tags) {
    out.tags = doc.tags.map((t: Json) => {
      const tag: Json = {};
      copy(tag, t, ['name', 'description']);
      if (t.externalDocs) tag.external_docs = externalDocs(t.externalDocs);
      setExtensions(tag, t);
      return tag;
    });
  }
  if (doc.externalDocs) out.external_docs = externalDocs(doc.externalDocs);
  setExtensions(out, doc);
  return out;
}

/** Encodes a Swagger 2.0 JSON document as a gnostic openapi.v2.Document. */
export function encodeDocument(doc: Json): Uint8Array {
  return gnosticType('Document').encode(documentMessage(doc)).finish();
}

/** Decodes gnostic bytes to a plain object with protobufjs field names (for tests and checks). */
export function decodeDocument(bytes: Uint8Array): Json {
  const t = gnosticType('Document');
  return t.toObject(t.decode(bytes), { longs: Number, defaults: false, arrays: false, oneofs: false }) as Json;
}
