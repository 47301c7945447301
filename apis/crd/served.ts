// A CustomResourceDefinition as catalogue entries: one ResourceDef per served version, named by
// the accepted names, stored in the storage version (conversion "None": only apiVersion changes),
// validated and defaulted by the version's schema, printed by its additionalPrinterColumns.

import { KObject, ResourceDef, STANDARD_VERBS, ScaleDef, StorageDef } from '../resources/model.js';
import { compareVersions } from '../catalogue.js';
import { printerColumns } from './columns.js';
import { selectableFieldReaders } from './selectableFields.js';
import { versionSchema } from './versionSchema.js';
import { CustomSsaTypes, customSsaTypes } from './ssaTypes.js';
import { ESTABLISHED, isConditionTrue, isTerminating } from './conditions.js';

const list = (v: unknown): KObject[] => (Array.isArray(v) ? v.filter((x) => x && typeof x === 'object') : []);

/** The names the definition is served under: the accepted ones, else (not yet accepted) the requested ones. */
export function servedNames(crd: KObject): KObject {
  const accepted = crd.status?.acceptedNames;
  return accepted?.plural && accepted?.kind ? accepted : (crd.spec?.names ?? {});
}

/** defaultDeprecationWarning: "<group>/<version> <Kind> is deprecated; use <group>/<newest> <Kind>". */
export function deprecationWarning(crd: KObject, version: string): string {
  const { group } = crd.spec;
  const kind = crd.spec.names?.kind;
  let msg = `${group}/${version} ${kind} is deprecated`;
  const newer = list(crd.spec.versions)
    .filter((v) => v.served && !v.deprecated && compareVersions(version, v.name) > 0)
    .map((v) => v.name as string)
    .sort(compareVersions);
  if (newer.length) msg += `; use ${group}/${newer[0]} ${kind}`;
  return msg;
}

/** apiVersion rewriting between the served versions and the storage version. */
function storageDef(group: string, plural: string, storageVersion: string, apiVersion: string): StorageDef {
  const stored = `${group}/${storageVersion}`;
  const withApiVersion = (obj: KObject, v: string): KObject => (obj.apiVersion === v ? obj : { ...obj, apiVersion: v });
  return {
    resource: `${group}/${plural}`,
    version: stored,
    fromStorage: (obj) => withApiVersion(obj, apiVersion),
    toStorage: (obj) => withApiVersion(obj, stored),
  };
}

function scaleOf(v: KObject): ScaleDef | undefined {
  const s = v.subresources?.scale;
  if (!s || typeof s !== 'object') return undefined;
  return { specReplicasPath: s.specReplicasPath, statusReplicasPath: s.statusReplicasPath, labelSelectorPath: s.labelSelectorPath || undefined };
}

/** The catalogue entries of a definition: one per served version. */
export function customResourceDefs(crd: KObject): ResourceDef[] {
  const spec = crd.spec ?? {};
  const names = servedNames(crd);
  const group: string = spec.group;
  const plural: string = names.plural;
  const versions = list(spec.versions);
  const storageVersion: string | undefined = versions.find((v) => v.storage === true)?.name;
  if (!group || !plural || !names.kind || !storageVersion) return [];
  const terminating = isTerminating(crd);
  const established = isConditionTrue(crd, ESTABLISHED);
  return versions
    .filter((v) => v.served === true)
    .map((v): ResourceDef => {
      const schema: KObject | undefined = v.schema?.openAPIV3Schema;
      const vs = versionSchema(schema);
      let ssa: CustomSsaTypes | undefined;
      const def: ResourceDef = {
        group,
        version: v.name,
        kind: names.kind,
        listKind: names.listKind || `${names.kind}List`,
        plural,
        singular: names.singular || String(names.kind).toLowerCase(),
        namespaced: spec.scope === 'Namespaced',
        verbs: STANDARD_VERBS,
        type: `custom:${group}/${v.name}:${names.kind}`,
        status: !!v.subresources?.status,
        generation: true,
        columns: printerColumns(v.additionalPrinterColumns),
        strategy: { validate: (obj, old) => vs.validate(obj, old) },
        storage: storageDef(group, plural, storageVersion, `${group}/${v.name}`),
        custom: {
          crd: crd.metadata?.name ?? `${plural}.${group}`,
          schema,
          decode: (obj) => vs.decode(obj),
          ssaTypes: () => (ssa ??= customSsaTypes(schema)),
          deprecationWarning: v.deprecated ? (v.deprecationWarning ?? deprecationWarning(crd, v.name)) : undefined,
          terminating,
          established,
        },
      };
      if (names.shortNames?.length) def.shortNames = names.shortNames;
      if (names.categories?.length) def.categories = names.categories;
      const scale = scaleOf(v);
      if (scale) def.scale = scale;
      const selectable = selectableFieldReaders(v.selectableFields);
      if (selectable) def.selectableFields = selectable;
      return def;
    });
}
