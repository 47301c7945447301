// Duplicate keys in a JSON body, which JSON.parse silently collapses but fieldValidation=Strict
// must refuse and Warn must report (sigs.k8s.io/json's `duplicate field "x"`). One linear scan.

/** Paths ("metadata.name", "spec.containers[0].image") of keys that appear twice in one object. */
export function duplicateKeys(text: string): string[] {
  const out: string[] = [];
  // One frame per open object/array: the object's keys seen so far, or the array's next index.
  const stack: Array<{ path: string; keys?: Set<string>; index?: number; pendingKey?: string }> = [];
  let i = 0;
  const n = text.length;
  const child = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    if (top.keys) return top.path ? `${top.path}.${top.pendingKey}` : top.pendingKey!;
    return `${top.path}[${top.index}]`;
  };
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < n && text[j] !== '"') {
        if (text[j] === '\\') {
          s += text.slice(j, j + 2);
          j += 2;
        } else s += text[j++];
      }
      i = j + 1;
      const top = stack[stack.length - 1];
      if (top?.keys && top.pendingKey === undefined) {
        // A string in key position: the next non-space character must be ':'.
        let k = i;
        while (k < n && (text[k] === ' ' || text[k] === '\n' || text[k] === '\r' || text[k] === '\t')) k++;
        if (text[k] === ':') {
          const key = s.includes('\\') ? (JSON.parse(`"${s}"`) as string) : s;
          if (top.keys.has(key)) out.push(top.path ? `${top.path}.${key}` : key);
          top.keys.add(key);
          top.pendingKey = key;
          i = k + 1;
        }
      } else if (top?.keys) top.pendingKey = undefined;
      continue;
    }
    if (c === '{' || c === '[') {
      const path = child();
      stack.push(c === '{' ? { path, keys: new Set() } : { path, index: 0 });
    } else if (c === '}' || c === ']') {
      stack.pop();
      const top = stack[stack.length - 1];
      if (top?.keys) top.pendingKey = undefined;
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.keys) top.pendingKey = undefined;
      else if (top) top.index!++;
    }
    i++;
  }
  return out;
}
