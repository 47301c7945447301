// additionalPrinterColumns as catalogue printer columns (the apiextensions TableConvertor): NAME
// first, then each column's JSON path evaluated against the object; a version without columns
// gets AGE from metadata.creationTimestamp.

import { CellValue, ColumnDef, KObject } from '../resources/model.js';
import { name } from '../resources/columns.js';
import { JsonPath, columnCell, parseColumnPath } from '../machinery/jsonpath.js';

const AGE_COLUMN: KObject = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
};

type CellType = ColumnDef['type'];
const TYPES: ReadonlySet<string> = new Set(['string', 'integer', 'number', 'boolean', 'date']);

function column(col: KObject): ColumnDef {
  let path: JsonPath | undefined;
  try {
    path = parseColumnPath(String(col.jsonPath ?? ''));
  } catch {
    path = undefined; // validation refuses such paths; a stored one prints empty cells
  }
  const type = String(col.type ?? 'string');
  const def: ColumnDef = {
    name: String(col.name ?? ''),
    type: (TYPES.has(type) ? type : 'string') as CellType,
    cell: (o, now) => (path ? (columnCell(path, type, o, now) as CellValue) : null),
  };
  if (col.format) def.format = String(col.format);
  if (col.description) def.description = String(col.description);
  if (typeof col.priority === 'number' && col.priority) def.priority = col.priority;
  return def;
}

/** The table columns of a version with these additionalPrinterColumns. */
export function printerColumns(cols: unknown): ColumnDef[] {
  const list = Array.isArray(cols) && cols.length ? (cols as KObject[]) : [AGE_COLUMN];
  return [name(), ...list.map(column)];
}
