// Property names as CEL sees them (apiserver/pkg/cel/escaping.go): a schema property is reachable
// as `self.<name>` only when its name is a CEL identifier after escaping. Reserved words become
// `__word__`, and "__", ".", "-", "/" become `__underscores__`, `__dot__`, `__dash__`, `__slash__`.
// Names with other characters, or starting with a digit, cannot be escaped and stay invisible.

const RESERVED = new Set([
  'true', 'false', 'null', 'in',
  'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let',
  'loop', 'package', 'namespace', 'return', 'var', 'void', 'while',
]);

const PLAIN = /^[A-Za-z0-9_]*$/;
const EXPANDABLE = /^[A-Za-z0-9_./-]*$/;
const SPECIALS: Record<string, string> = { __: '__underscores__', '.': '__dot__', '-': '__dash__', '/': '__slash__' };
const UNSPECIALS: Record<string, string> = { underscores: '__', dot: '.', dash: '-', slash: '/' };

/** The CEL identifier for a property name, or undefined when the name cannot be escaped. */
export function escapeName(name: string): string | undefined {
  if (name.length === 0 || (name[0] >= '0' && name[0] <= '9')) return undefined;
  if (RESERVED.has(name)) return `__${name}__`;
  if (PLAIN.test(name) && !name.includes('__')) return name;
  if (!EXPANDABLE.test(name)) return undefined;
  return name.replace(/__|[./-]/g, (s) => SPECIALS[s]);
}

/** The property name behind an escaped CEL identifier, or undefined when it is not one. */
export function unescapeName(escaped: string): string | undefined {
  let ok = true;
  const out = escaped.replace(/__[^_]+__/g, (s) => {
    const inner = s.slice(2, -2);
    if (inner in UNSPECIALS) return UNSPECIALS[inner];
    // A reserved word is only escaped when it is the whole name.
    if (RESERVED.has(inner) && s.length === escaped.length) return inner;
    ok = false;
    return '';
  });
  return ok ? out : undefined;
}
