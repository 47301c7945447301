// Compile errors rendered the way cel-go's Issues.String() renders them, which is the text
// kube-apiserver puts after "compilation failed: ":
//
//   ERROR: <input>:1:6: undefined field 'foo'
//    | self.foo == 1
//    | .....^

export interface Issue {
  /** UTF-16 offset into the expression (as the parser reports positions). */
  offset: number;
  message: string;
}

interface Location {
  line: number; // 1-based
  column: number; // 0-based, in code points
  text: string; // the source line
}

function locate(source: string, offset: number): Location {
  const clamped = Math.max(0, Math.min(offset, source.length));
  const lineStart = source.lastIndexOf('\n', clamped - 1) + 1;
  const lineEnd = source.indexOf('\n', lineStart);
  const line = source.slice(0, lineStart).split('\n').length;
  const column = [...source.slice(lineStart, clamped)].length;
  return { line, column, text: source.slice(lineStart, lineEnd < 0 ? source.length : lineEnd) };
}

const MAX_SNIPPET = 16384;

function display(source: string, issue: Issue): string {
  const loc = locate(source, issue.offset);
  let out = `ERROR: <input>:${loc.line}:${loc.column + 1}: ${issue.message}`;
  if (loc.text.length <= MAX_SNIPPET) {
    const snippet = loc.text.replace(/\t/g, ' ');
    const chars = [...snippet];
    // Runes that take more than one byte in UTF-8 get full-width markers, as in cel-go.
    const marker = chars.slice(0, loc.column).map((c) => (c.codePointAt(0)! > 0x7f ? '\uff0e' : '.')).join('');
    const at = chars[loc.column];
    out += `\n | ${snippet}\n | ${marker}${at !== undefined && at.codePointAt(0)! > 0x7f ? '\uff3e' : '^'}`;
  }
  return out;
}

/** All issues, ordered by position, one display block each. */
export function formatIssues(source: string, issues: Issue[]): string {
  const sorted = [...issues].sort((a, b) => a.offset - b.offset);
  return sorted.map((i) => display(source, i)).join('\n');
}
