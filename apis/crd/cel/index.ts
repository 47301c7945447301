// CEL validation rules of CustomResourceDefinitions (x-kubernetes-validations), as kube-apiserver
// 1.34 compiles, checks and evaluates them, on @bufbuild/cel.
//
// @bufbuild/cel gives us a parser and an evaluator. Everything CRD rules need on top is ours: a
// type checker over schema-derived types (checker.ts), the static cost estimator (cost.ts), the
// Kubernetes libraries (lib/), schema-typed values (values/), runtime cost metering
// (runtime/costMeter.ts), and the CRD-specific compile and evaluation rules.
//
// Supported: the CEL standard library with cel-go's semantics where @bufbuild/cel differs;
// strings extension (charAt, indexOf, lastIndexOf, lowerAscii, upperAscii, replace, split,
// substring, trim, join, format, strings.quote); sets extension; Kubernetes lists (isSorted, sum,
// min, max, indexOf, lastIndexOf), regex (find, findAll), url(), quantity(), ip(), cidr(), format
// and semver libraries; optional values as functions (optional.of/none/ofNonZeroValue, hasValue,
// value, orValue, or) and oldSelf under optionalOldSelf, including `oldSelf.field` chaining.
// matches(), find() and findAll() use RE2 only (no backtracking).
//
// Not supported, knowingly:
// - optional syntax `x.?f`, `l[?i]`, `{?k: v}`: @bufbuild/cel's parser rejects it (a syntax error);
//   use has()/optional functions instead.
// - two-variable comprehensions (`all(k, v, ...)`, transformList/transformMap...; Kubernetes 1.32+),
//   which @bufbuild/cel cannot evaluate: reported as compile errors.
// - the ext.Lists v3 functions (slice, flatten, sort, ...), new in the 1.34 stored-expression
//   environment only; the authorizer library (not available to CRD rules).
// - exact parity of syntax error messages (the parsers differ; positions and the "ERROR: <input>:
//   line:col" layout match) and of runtime cost units: we meter function calls (1 + a tenth of the
//   string lengths and the collection sizes they get) and comprehension iterations, not every
//   identifier and field access as cel-go does, so runtime limits trip later than upstream's.
//   Compile-time cost estimates follow cel-go's estimator and decide acceptance as upstream.
// - strings extension indices count UTF-16 code units, not code points (differs beyond the BMP).
// - int64 precision of JSON numbers beyond 2^53: they arrive as doubles from JSON.parse.
//
// Use: compileSchemaRules(openAPIV3Schema, 'spec.versions[0].schema.openAPIV3Schema') when a CRD is
// written (its errors are the CRD's validation errors), then evaluateRules(rules, obj, oldObj) for
// every custom resource write; pass { warnings } to receive ratcheted failures.
//
// Dependencies beyond @bufbuild/cel: its peer @bufbuild/protobuf (library values are messages)
// and @bufbuild/re2; find()/findAll() read @bufbuild/re2's compiled program (lib/regex.ts), which
// lib/regex.test.ts pins down.

export { compileSchemaRules, type CompileOptions } from './compile.js';
export { evaluateRules, type EvaluateOptions } from './evaluate.js';
export type { CompiledRules } from './compiledRules.js';
export type { JSONSchema, ValidationRule } from './schema.js';
