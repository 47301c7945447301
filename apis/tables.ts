// Table responses (meta.k8s.io Table) for `kubectl get`: the kind's printer columns, one row per
// object, each row carrying PartialObjectMetadata (or the object) so -A and --show-labels work.

import { ServedResource } from './catalogue.js';
import { CellValue, ColumnDef, KObject } from './resources/model.js';
import { defaultColumns } from './resources/columns.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  version: 'v1' | 'v1beta1';
  includeObject: IncludeObject;
  /** Omit column definitions (watch events after the first). */
  noHeaders?: boolean;
  now?: number;
}

export interface TableRow {
  cells: CellValue[];
  object?: KObject;
}

export function columnsOf(r: ServedResource): ColumnDef[] {
  return r.columns ?? defaultColumns();
}

export function columnDefinitions(r: ServedResource): object[] {
  return columnsOf(r).map((c) => ({
    name: c.name,
    type: c.type,
    format: c.format ?? '',
    description: c.description ?? '',
    priority: c.priority ?? 0,
  }));
}

export function partialObjectMetadata(obj: KObject, version: 'v1' | 'v1beta1'): KObject {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata ?? {} };
}

export function tableRow(r: ServedResource, obj: KObject, opts: TableOptions): TableRow {
  const now = opts.now ?? Date.now();
  const cells = columnsOf(r).map((c) => {
    try {
      const v = c.cell(obj, now);
      return v === undefined ? null : v;
    } catch {
      return null;
    }
  });
  const row: TableRow = { cells };
  if (opts.includeObject === 'Object') row.object = obj;
  else if (opts.includeObject === 'Metadata') row.object = partialObjectMetadata(obj, opts.version);
  return row;
}

export function toTable(r: ServedResource, objects: KObject[], listMeta: Record<string, unknown>, opts: TableOptions): KObject {
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${opts.version}`,
    metadata: listMeta,
    columnDefinitions: opts.noHeaders ? null : columnDefinitions(r),
    rows: objects.map((o) => tableRow(r, o, opts)),
  };
}
