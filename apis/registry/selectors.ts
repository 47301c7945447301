// Label and field selectors of a list, watch or deletecollection request as one predicate, plus
// the exact name a field selector demands (so storage can do a point read).

import { ServedResource } from '../catalogue.js';
import { checkSelectableFields, exactMetadataMatch, parseFieldSelector } from '../machinery/fields.js';
import { parseLabelSelector } from '../machinery/labels.js';
import { KObject } from '../resources/model.js';

export interface ObjectFilter {
  /** undefined when everything matches. */
  matches?: (obj: KObject) => boolean;
  /** The only name that can match (metadata.name=...). */
  name?: string;
  /** The only namespace that can match (metadata.namespace=...). */
  namespace?: string;
  /** True when the selectors contradict each other: nothing can match. */
  none: boolean;
}

export function objectFilter(r: ServedResource, labelSelector: string | null, fieldSelector: string | null): ObjectFilter {
  const labels = parseLabelSelector(labelSelector ?? '');
  const fields = parseFieldSelector(fieldSelector ?? '');
  const extra = r.selectableFields;
  checkSelectableFields(fields, extra ? Object.keys(extra) : undefined);
  const exact = exactMetadataMatch(fields);
  const preds: Array<(o: KObject) => boolean> = [];
  if (!labels.isEmpty()) preds.push((o) => labels.matches(o.metadata?.labels));
  if (!fields.isEmpty()) {
    preds.push((o) =>
      fields.matches((f) => {
        if (f === 'metadata.name') return o.metadata?.name ?? '';
        if (f === 'metadata.namespace') return o.metadata?.namespace ?? '';
        return extra?.[f]?.(o) ?? '';
      }),
    );
  }
  return {
    matches: preds.length === 0 ? undefined : preds.length === 1 ? preds[0] : (o) => preds.every((p) => p(o)),
    name: exact.name,
    namespace: exact.namespace,
    none: exact.none,
  };
}
