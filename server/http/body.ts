// Request bodies: JSON, YAML (go-yaml compatible YAML 1.1) and Kubernetes protobuf, with the
// upstream limits (nesting depth) and 400/415 errors.

import YAML, { Composer, Lexer, LineCounter, Parser } from 'yaml';
import { errors } from '../../apis/errors.js';
import { Catalogue } from '../../apis/catalogue.js';
import { decodeProtobufObject } from '../../apis/codec/protobuf.js';
import { BODY_CONTENT_TYPES, BodyEncoding, parseMediaType } from './negotiation.js';

/** Go's encoding/json nesting limit. */
export const MAX_DEPTH = 10_000;

/** Fails fast on bodies nested deeper than MAX_DEPTH, before any recursive code sees them. */
export function checkJsonDepth(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash escape
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_DEPTH) throw errors.badRequest(`json: exceeded max depth of ${MAX_DEPTH}`);
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}

export function parseJson(buf: Buffer | string): unknown {
  const text = typeof buf === 'string' ? buf : buf.toString('utf8');
  checkJsonDepth(text);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw errors.badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
}

const YAML_OPTIONS = {
  version: '1.1' as const,
  merge: true,
  uniqueKeys: true,
  maxAliasCount: 100,
  // Timestamps stay strings, as sigs.k8s.io/yaml converts through JSON.
  customTags: (tags: YAML.Tags) => tags.filter((t) => (t as { tag?: string }).tag !== 'tag:yaml.org,2002:timestamp'),
};

/**
 * Nesting deeper than this is refused while the YAML is still being tokenized: the yaml library
 * composes documents recursively and overflows the stack near depth 800, and a stack overflow in
 * there has been seen to leave the process to die of memory exhaustion on the next request.
 * (go-yaml allows 10000; real objects, CRD schemas included, stay far below this.)
 */
export const MAX_YAML_DEPTH = 300;

/** The first YAML document of `text`, composed token by token with a depth bound. */
function firstYamlDocument(text: string): { doc?: YAML.Document.Parsed; lines: LineCounter } {
  const lines = new LineCounter();
  lines.addNewLine(0); // line 1 starts at offset 0 (Parser.parse does this; Parser.next does not)
  const parser = new Parser(lines.addNewLine);
  const composer = new Composer(YAML_OPTIONS);
  const docs: YAML.Document.Parsed[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) docs.push(...(composer.next(token) as Iterable<YAML.Document.Parsed>));
    // The parser's stack holds one entry per open collection: the nesting depth.
    if (parser.stack.length > MAX_YAML_DEPTH) {
      throw errors.badRequest(`error converting YAML to JSON: yaml: line ${lines.linePos(parser.offset).line}: exceeded max depth of ${MAX_YAML_DEPTH}`);
    }
    // Like go-yaml's Unmarshal, only the first document counts.
    if (docs.length) return { doc: docs[0], lines };
  }
  for (const token of parser.end()) docs.push(...(composer.next(token) as Iterable<YAML.Document.Parsed>));
  docs.push(...(composer.end() as Iterable<YAML.Document.Parsed>));
  return { doc: docs[0], lines };
}

/** Parses a single YAML document the way kube-apiserver (go-yaml v2 via JSON) does. */
export function parseYaml(buf: Buffer | string): unknown {
  const text = typeof buf === 'string' ? buf : buf.toString('utf8');
  let parsed: ReturnType<typeof firstYamlDocument>;
  try {
    parsed = firstYamlDocument(text);
  } catch (e) {
    if ((e as { code?: number }).code) throw e;
    throw errors.badRequest(`error converting YAML to JSON: ${(e as Error).message}`);
  }
  const { doc, lines } = parsed;
  if (!doc) return null;
  const err = doc.errors[0];
  if (err) throw errors.badRequest(`error converting YAML to JSON: yaml: line ${lines.linePos(err.pos[0]).line}: ${err.message.split('\n')[0]}`);
  try {
    const value = doc.toJS({ maxAliasCount: 100 });
    checkJsonDepth(JSON.stringify(value) ?? '');
    return value;
  } catch (e) {
    if ((e as { code?: number }).code) throw e;
    throw errors.badRequest(`error converting YAML to JSON: ${(e as Error).message}`);
  }
}

export const ACCEPTED_BODY_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

/** The encoding of a request Content-Type; 415 when it is not one we decode. */
export function bodyEncoding(contentType: string | undefined): BodyEncoding {
  if (!contentType) return 'json';
  const enc = BODY_CONTENT_TYPES[parseMediaType(contentType).type];
  if (!enc) throw errors.unsupportedMediaType(ACCEPTED_BODY_TYPES);
  return enc;
}

/** Decodes an object body (create, update, delete options) by its Content-Type. */
export function decodeBody(buf: Buffer | undefined, contentType: string | undefined, catalogue: Catalogue): unknown {
  const enc = bodyEncoding(contentType);
  if (!buf || buf.length === 0) throw errors.badRequest('the body of the request is empty');
  if (enc === 'json') return parseJson(buf);
  if (enc === 'yaml') return parseYaml(buf);
  return decodeProtobufObject(buf, catalogue);
}
