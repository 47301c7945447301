// Building blocks for printer columns shared by many kinds.

import { age as ageOf } from '../machinery/duration.js';
import { ColumnDef, KObject } from './model.js';

export const AGE_DESCRIPTION =
  'Time since the object was created, from metadata.creationTimestamp.';

/** The NAME column; upstream puts it first for almost every kind. */
export function name(): ColumnDef {
  return {
    name: 'Name', type: 'string', format: 'name',
    description: 'Name of the object, unique per kind within its namespace.',
    cell: (o) => o.metadata?.name ?? '',
  };
}

/** The columns of kinds that have no printer of their own: NAME and CREATED AT. */
export function defaultColumns(): ColumnDef[] {
  return [name(), { name: 'Created At', type: 'date', description: 'When the object was created.', cell: (o) => o.metadata?.creationTimestamp ?? null }];
}

/** The AGE column, placed where upstream places it. */
export function age(): ColumnDef {
  return { name: 'Age', type: 'string', description: AGE_DESCRIPTION, cell: (o, now) => ageOf(o.metadata?.creationTimestamp, now) };
}

/** Joins the names of a pod template's containers ("CONTAINERS", wide). */
export function containerNames(spec: KObject | undefined): string {
  return (spec?.containers ?? []).map((c: KObject) => c.name).join(',');
}

/** Joins the images of a pod template's containers ("IMAGES", wide). */
export function containerImages(spec: KObject | undefined): string {
  return (spec?.containers ?? []).map((c: KObject) => c.image).join(',');
}

/** The CONTAINERS and IMAGES wide columns of a kind whose pod template is at `template(obj)`. */
export function podTemplateColumns(template: (o: KObject) => KObject | undefined): ColumnDef[] {
  return [
    { name: 'Containers', type: 'string', priority: 1, description: 'Names of each container in the template.', cell: (o) => containerNames(template(o)?.spec) },
    { name: 'Images', type: 'string', priority: 1, description: 'Images referenced by each container in the template.', cell: (o) => containerImages(template(o)?.spec) },
  ];
}
