// The compiled form of a schema's x-kubernetes-validations: a tree parallel to the schema that
// holds only the nodes with rules at or below them (upstream's cel.Validator).

import { Program } from './program.js';
import { JSONSchema, ValidationRule } from './schema.js';

export interface CompiledRule {
  rule: ValidationRule;
  /** Absent for an empty rule (skipped) or one that failed to compile. */
  program?: Program;
  /** Why the rule failed to compile ("compilation failed: ..."), reported when it would run. */
  error?: string;
  messageProgram?: Program;
  /** The normalized fieldPath ("spec.replicas"), appended to the node's path in errors. */
  fieldPath?: string;
}

export interface RuleNode {
  /** The node's schema (as declared; `type` is what errors print as the value). */
  schema: JSONSchema;
  /** The root of the resource or of an embedded resource (self sees apiVersion, kind, metadata.name). */
  resourceRoot: boolean;
  rules: CompiledRule[];
  /** Set when the node has rules but CEL cannot see it (upstream's compiler initialization error). */
  initError?: string;
  properties?: Map<string, RuleNode>;
  items?: RuleNode;
  additionalProperties?: RuleNode;
  /** Rules declared inside allOf entries, evaluated against this node's value. */
  allOf?: RuleNode[];
}

/** What compileSchemaRules produces and evaluateRules consumes; undefined root means no rules. */
export interface CompiledRules {
  readonly root?: RuleNode;
}
