// Evaluation errors in cel-go's words, since upstream prints them into field errors
// ("no such key: foo evaluating rule: ..."). @bufbuild/cel phrases the common ones differently.

const TRANSLATIONS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^field not found: ([\s\S]*)$/, (m) => `no such key: ${m[1]}`],
  [/^key not found: ([\s\S]*)$/, (m) => `no such key: ${m[1]}`],
  [/^index (-?\d+) out of bounds/, (m) => `index out of bounds: ${m[1]}`],
  [/divide by zero/, () => 'division by zero'],
  [/modulus by zero|modulo by zero/, () => 'modulus by zero'],
  [/^uint overflow/, () => 'unsigned integer overflow'],
  [/^int overflow/, () => 'integer overflow'],
];

const NO_SUCH_OVERLOAD = /^(found no matching overload|unbound function|no such overload)/;

/** Whether an evaluation error means a runtime type mismatch (dyn values, int-or-string). */
export const isNoSuchOverload = (message: string): boolean => NO_SUCH_OVERLOAD.test(message);

export function celGoMessage(message: string): string {
  for (const [re, f] of TRANSLATIONS) {
    const m = re.exec(message);
    if (m) return f(m);
  }
  return message;
}
