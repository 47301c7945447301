// selectableFields as field-selector readers: each field's JSON path, read as upstream's custom
// resource strategy reads it (one result, printed; "" when absent).

import { KObject } from '../resources/model.js';
import { parseColumnPath, selectableFieldValue } from '../machinery/jsonpath.js';

export function selectableFieldReaders(fields: unknown): Record<string, (obj: KObject) => string | undefined> | undefined {
  if (!Array.isArray(fields) || fields.length === 0) return undefined;
  const readers: Record<string, (obj: KObject) => string | undefined> = {};
  for (const f of fields as KObject[]) {
    const jsonPath = String(f?.jsonPath ?? '');
    let path;
    try {
      path = parseColumnPath(jsonPath);
    } catch {
      continue;
    }
    // Field selectors name the field without the leading dot: ".spec.color" → "spec.color".
    readers[jsonPath.replace(/^\./, '')] = (obj) => {
      try {
        return selectableFieldValue(path, obj);
      } catch {
        return undefined;
      }
    };
  }
  return readers;
}
