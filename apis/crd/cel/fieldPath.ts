// A rule's `fieldPath` (apiextensions-apiserver/pkg/apiserver/schema/cel/validation.go
// ValidFieldPath): a JSON path of field names (`.spec.replicas`) and quoted keys (`['a.b']`) that
// must lead through the node's schema, properties by name and additionalProperties by key. The
// normalized form ("spec.replicas", "labels[a.b]") is appended to the error's field path.

import { JSONSchema, additionalPropertiesOf } from './schema.js';

export type FieldPathResult = { ok: true; path: string } | { ok: false; error: string };

/** Splits into '.', '[', ']' and the text between them; a single-quoted string is one token. */
function tokenize(path: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === '.' || c === '[' || c === ']') {
      tokens.push(c);
      i++;
      continue;
    }
    let j = i;
    if (c === "'") {
      j = i + 1;
      while (j < path.length && !(path[j] === "'" && path[j - 1] !== '\\')) j++;
      j = Math.min(j + 1, path.length);
    } else {
      while (j < path.length && !'.[]'.includes(path[j])) j++;
    }
    tokens.push(path.slice(i, j));
    i = j;
  }
  return tokens;
}

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', "'": "'", '\\': '\\' };

function unescapeSingleQuote(s: string): string | undefined {
  let bad = false;
  const out = s.replace(/\\./g, (m) => {
    const r = ESCAPES[m[1]];
    if (r === undefined) bad = true;
    return r ?? '';
  });
  return bad ? undefined : out;
}

/** Validates a fieldPath against the schema of the node whose rule declares it. */
export function validFieldPath(jsonPath: string, schema: JSONSchema): FieldPathResult {
  let path = '';
  let node: JSONSchema | undefined = schema;
  const step = (name: string): string | undefined => {
    if (!node) return 'does not refer to a valid field';
    if (node.properties) {
      path = path ? `${path}.${name}` : name;
      node = node.properties[name];
      return node ? undefined : 'does not refer to a valid field';
    }
    if (node.additionalProperties !== undefined && node.additionalProperties !== false) {
      path = `${path}[${name}]`;
      node = additionalPropertiesOf(node);
      return undefined;
    }
    return 'does not refer to a valid field';
  };
  const tokens = tokenize(jsonPath);
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok === '[') {
      const quoted = tokens[++i];
      if (quoted === undefined) return { ok: false, error: 'unexpected end of JSON path' };
      if (quoted.length < 2 || quoted[0] !== "'" || quoted[quoted.length - 1] !== "'") return { ok: false, error: `expected single quoted string but got ${quoted}` };
      const key = unescapeSingleQuote(quoted.slice(1, -1));
      if (key === undefined) return { ok: false, error: 'invalid string literal: invalid escape char' };
      const err = step(key);
      if (err) return { ok: false, error: err };
      const close = tokens[++i];
      if (close === undefined) return { ok: false, error: 'unexpected end of JSON path' };
      if (close !== ']') return { ok: false, error: `expected ] but got ${close}` };
    } else if (tok === '.') {
      const name = tokens[++i];
      if (name === undefined) return { ok: false, error: 'unexpected end of JSON path' };
      const err = step(name);
      if (err) return { ok: false, error: err };
    } else {
      return { ok: false, error: `expected [ or . but got: ${tok}` };
    }
  }
  return { ok: true, path };
}
