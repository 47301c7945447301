// Estimated costs of the Kubernetes library functions and of the strings extension, as
// apiserver/pkg/cel/library/cost.go EstimateCallCost states them. undefined means "no opinion":
// the estimator then falls back to cel-go's built-in rules.

import { COST, MAX_U64, Range, add, factor, fixed, mul, union } from './costMath.js';
import { CelType, formatType } from './types.js';

/** A call argument or target as the estimator sees it. */
export interface CostNode {
  path: string[] | undefined;
  type: CelType;
  /** A literal integer value, when the node is one (split's limit). */
  literalInt?: bigint;
  /** Size computed from the expression itself (literals, earlier calls). */
  computedSize: Range | undefined;
}

export interface CallEstimate {
  cost: Range;
  resultSize?: Range;
}

/** Sizes from the schema for a node path, or undefined (the root-aware size estimator). */
export type SizeOf = (path: string[] | undefined) => Range | undefined;

const MAX_NAME_FORMAT_REGEX_SIZE = 128;
const MAX_FORMAT_SIZE = 64;
const ONE: CallEstimate = { cost: fixed(1) };
const TRAVERSE = COST.stringTraversalFactor;

export function libraryCallCost(fn: string, overloadId: string, target: CostNode | undefined, args: CostNode[], sizeOf: SizeOf): CallEstimate | undefined {
  const size = (n: CostNode): Range => n.computedSize ?? sizeOf(n.path) ?? { min: 0, max: MAX_U64 };
  const elementNode = (list: CostNode): CostNode | undefined =>
    list.type.kind === 'list' ? { path: list.path ? [...list.path, '@items'] : undefined, type: list.type.elem, computedSize: undefined } : undefined;
  switch (fn) {
    case 'isSorted':
    case 'sum':
    case 'max':
    case 'min':
    case 'indexOf':
    case 'lastIndexOf': {
      if (!target) return undefined;
      const el = elementNode(target);
      if (!el) return { cost: factor(size(target), TRAVERSE) }; // string indexOf
      let elCost = fixed(1);
      if (el.type.kind === 'string' || el.type.kind === 'bytes') elCost = add(elCost, factor(size(el), TRAVERSE));
      return { cost: mul(size(target), elCost) };
    }
    case 'url':
      if (args.length !== 1) return undefined;
      return { cost: factor(size(args[0]), TRAVERSE), resultSize: size(args[0]) };
    case 'lowerAscii':
    case 'upperAscii':
    case 'substring':
    case 'trim':
      if (!target) return undefined;
      return { cost: factor(size(target), TRAVERSE), resultSize: size(target) };
    case 'replace':
      return target && args.length >= 2 ? replaceCost(size(target), size(args[0]), size(args[1])) : undefined;
    case 'split': {
      if (!target) return undefined;
      const sz = size(target);
      const max = args.length > 1 && args[1].literalInt !== undefined ? Number(args[1].literalInt) : sz.max;
      return { cost: factor(sz, 2 * TRAVERSE), resultSize: { min: 0, max } };
    }
    case 'join': {
      if (!target) return undefined;
      const listSize = size(target);
      const el = elementNode(target);
      let sz = el ? mul(listSize, size(el)) : fixed(0);
      if (args.length > 0) {
        const seps = { min: listSize.min > 0 ? listSize.min - 1 : 0, max: listSize.max > 0 ? listSize.max - 1 : 0 };
        sz = add(sz, mul(size(args[0]), seps));
      }
      return { cost: factor(sz, TRAVERSE), resultSize: sz };
    }
    case 'find':
    case 'findAll': {
      if (!target || args.length < 1) return undefined;
      const sz = size(target);
      const strCost = factor(add(sz, fixed(1)), TRAVERSE);
      const regexCost = factor(size(args[0]), COST.regexStringLengthFactor);
      return { cost: mul(strCost, regexCost), resultSize: { min: 0, max: sz.max } };
    }
    case 'cidr':
    case 'isIP':
    case 'isCIDR':
    case 'quantity':
    case 'isQuantity':
    case 'semver':
    case 'isSemver':
      return args.length >= 1 ? { cost: factor(size(args[0]), TRAVERSE) } : undefined;
    case 'ip':
      if (overloadId === 'cidr_ip') return ONE;
      return args.length >= 1 ? { cost: factor(size(args[0]), TRAVERSE) } : undefined;
    case 'ip.isCanonical':
      return args.length >= 1 ? { cost: factor(size(args[0]), 2 * TRAVERSE) } : undefined;
    case 'containsIP':
    case 'containsCIDR': {
      if (args.length < 1) return undefined;
      const ipSize = { min: 4, max: 16 };
      let cost = factor(add(ipSize, ipSize), TRAVERSE);
      if (fn === 'containsCIDR') cost = add(add(cost, factor(ipSize, TRAVERSE)), fixed(1));
      if (overloadId === 'cidr_contains_ip_string' || overloadId === 'cidr_contains_cidr_string') cost = add(cost, factor(size(args[0]), TRAVERSE));
      return { cost };
    }
    case 'validate':
      return args.length >= 1 ? { cost: factor(factor(size(args[0]), TRAVERSE), MAX_NAME_FORMAT_REGEX_SIZE * COST.regexStringLengthFactor) } : undefined;
    case 'format.named':
    case 'masked':
    case 'prefixLength':
    case 'family':
    case 'isUnspecified':
    case 'isLoopback':
    case 'isLinkLocalMulticast':
    case 'isLinkLocalUnicast':
    case 'isGlobalUnicast':
    case 'sign':
    case 'asInteger':
    case 'isInteger':
    case 'asApproximateFloat':
    case 'isGreaterThan':
    case 'isLessThan':
    case 'compareTo':
    case 'add':
    case 'sub':
    case 'major':
    case 'minor':
    case 'patch':
    case 'getScheme':
    case 'getHostname':
    case 'getHost':
    case 'getPort':
    case 'getEscapedPath':
    case 'getQuery':
      return ONE;
    case '_==_': {
      if (args.length !== 2 || formatType(args[0].type) !== formatType(args[1].type)) return undefined;
      switch (formatType(args[0].type)) {
        case 'net.IP':
        case 'net.CIDR':
        case 'kubernetes.Quantity':
        case 'kubernetes.Semver':
          return ONE;
        case 'kubernetes.NamedFormat':
          return { cost: factor({ min: 1, max: MAX_FORMAT_SIZE }, TRAVERSE) };
        case 'kubernetes.URL': {
          const s = args[1].computedSize ? union(args[1].computedSize, args[1].computedSize) : fixed(1);
          return { cost: factor({ min: 1, max: s.max }, TRAVERSE) };
        }
      }
      return undefined;
    }
  }
  return undefined;
}

function replaceCost(sz: Range, toReplace: Range, replaceWith: Range): CallEstimate {
  // Bounds on how many replacements happen and how much of the original string survives.
  const count = { min: 0, max: 0 };
  const retained = { min: 0, max: 0 };
  if (toReplace.min === 0) {
    count.max = sz.max < MAX_U64 ? sz.max + 1 : sz.max;
    retained.max = sz.max;
  } else if (replaceWith.max <= toReplace.min) {
    retained.max = sz.max;
  } else {
    count.max = Math.ceil(sz.max / toReplace.min);
  }
  if (toReplace.max === 0) {
    count.min = sz.min < MAX_U64 ? sz.min + 1 : sz.min;
    retained.min = sz.min;
  } else if (toReplace.max <= replaceWith.min) {
    retained.min = sz.min;
  } else {
    count.min = Math.ceil(sz.min / toReplace.max);
  }
  return { cost: factor(sz, 2 * TRAVERSE), resultSize: add(mul(count, replaceWith), retained) };
}
