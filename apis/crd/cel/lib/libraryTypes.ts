// Runtime values of the Kubernetes library types (kubernetes.Quantity, kubernetes.URL, net.IP,
// net.CIDR, kubernetes.NamedFormat, kubernetes.Semver). @bufbuild/cel only admits protobuf messages
// as custom values, so each type is a one-field message (its text) in a registry of our own;
// `type(quantity('1'))` then names the upstream type.

import { CelScalar, objectType, type CelObjectType } from '@bufbuild/cel';
import { create, createFileRegistry, type DescMessage, type Message } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';

const STRING_FIELD = { name: 'value', number: 1, type: 9 /* TYPE_STRING */, label: 1 /* LABEL_OPTIONAL */, jsonName: 'value' };

const file = (name: string, pkg: string, messages: string[]) =>
  create(FileDescriptorProtoSchema, { name, package: pkg, syntax: 'proto3', messageType: messages.map((m) => ({ name: m, field: [STRING_FIELD] })) });

export const LIBRARY_REGISTRY = createFileRegistry(
  createFileRegistry(file('kplane/cel/kubernetes.proto', 'kubernetes', ['Quantity', 'URL', 'NamedFormat', 'Semver']), () => undefined),
  createFileRegistry(file('kplane/cel/net.proto', 'net', ['IP', 'CIDR']), () => undefined),
);

const desc = (typeName: string): DescMessage => LIBRARY_REGISTRY.getMessage(typeName)!;

export interface LibraryType {
  desc: DescMessage;
  cel: CelObjectType;
}

const libraryType = (typeName: string): LibraryType => ({ desc: desc(typeName), cel: objectType(desc(typeName)) });

export const QUANTITY_T = libraryType('kubernetes.Quantity');
export const URL_T = libraryType('kubernetes.URL');
export const FORMAT_T = libraryType('kubernetes.NamedFormat');
export const SEMVER_T = libraryType('kubernetes.Semver');
export const IP_T = libraryType('net.IP');
export const CIDR_T = libraryType('net.CIDR');

/** A library value: the message holding its text. */
export const libraryValue = (t: LibraryType, text: string): Message => create(t.desc, { value: text } as never) as Message;

/** The text inside a library value (the function receives it as a reflected message). */
export const textOf = (v: unknown): string => String((v as { message: { value: string } }).message.value);

/** The type name of a value when it is a library value. */
export function libraryTypeName(v: unknown): string | undefined {
  const d = (v as { desc?: { typeName?: unknown } } | null)?.desc;
  const name = typeof d?.typeName === 'string' ? d.typeName : undefined;
  return name && LIBRARY_REGISTRY.getMessage(name) ? name : undefined;
}

export const { STRING, INT, BOOL, DOUBLE, DYN } = CelScalar;
