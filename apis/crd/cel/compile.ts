// compileSchemaRules: walks a CRD's openAPIV3Schema, compiles every x-kubernetes-validations rule
// against the CEL type of its node, and reports what CRD validation reports, in its order: the
// static rule checks of every node first, then compile errors, cost estimates over the limits and
// misplaced transition rules, then the schema-wide cost total.

import type { FieldError } from '../../resources/model.js';
import { child, forbidden, invalid, key } from '../../validation/field.js';
import { CompiledRules, RuleNode } from './compiledRules.js';
import {
  Cardinality,
  STATIC_ESTIMATED_COST_LIMIT,
  STATIC_ESTIMATED_CRD_COST_LIMIT,
  childCardinality,
  costErrorMessage,
  costTimes,
  maxCardinality,
} from './costLimits.js';
import { addU } from './costMath.js';
import { DeclType, declTypeOf } from './declType.js';
import { escapeName } from './escaping.js';
import { RuleCompilation, compileRule } from './ruleCompiler.js';
import { ruleFieldErrors, rulePath, ruleValue } from './ruleChecks.js';
import { JSONSchema, additionalPropertiesOf, itemsOf, rulesOf } from './schema.js';

interface Context {
  path: string;
  /** The CEL view of the node (from its parent's, else its own schema). */
  decl: DeclType | undefined;
  resourceRoot: boolean;
  cardinality: Cardinality;
  /** The highest path below which old and new values cannot be paired, so oldSelf is refused. */
  uncorrelatable?: string;
  /** anyOf/oneOf/not branches: their rules are checked but never compiled or run, as upstream. */
  checksOnly: boolean;
}

interface RuleCost {
  path: string;
  cost: number;
}

const INIT_ERROR = 'failed to convert to declType for CEL validation rules';

/** Maps with x-kubernetes-map-type other than granular/atomic cannot pair old and new entries. */
const mapIsCorrelatable = (mapType: string | undefined): boolean => mapType === undefined || mapType === 'granular' || mapType === 'atomic';

export interface CompileOptions {
  /**
   * Skip the per-expression cost limit, as CRD updates do for a version whose schema is unchanged
   * (the schema-wide total still applies).
   */
  suppressPerExpressionCost?: boolean;
}

class SchemaRuleCompiler {
  constructor(private readonly options: CompileOptions) {}

  readonly schemaErrors: FieldError[] = [];
  readonly celErrors: FieldError[] = [];
  total = 0;
  mostExpensive: RuleCost[] = [];

  node(schema: JSONSchema, ctx: Context): RuleNode | undefined {
    const before = this.schemaErrors.length;
    const node: RuleNode = { schema, resourceRoot: ctx.resourceRoot, rules: [] };
    const addl = additionalPropertiesOf(schema);
    if (addl) {
      node.additionalProperties = this.node(addl, {
        ...ctx,
        path: child(ctx.path, 'additionalProperties'),
        decl: ctx.decl?.kind === 'map' ? ctx.decl.elem : declTypeOf(addl, !!addl['x-kubernetes-embedded-resource']),
        resourceRoot: !!addl['x-kubernetes-embedded-resource'],
        cardinality: childCardinality(ctx.cardinality, schema),
      });
    }
    for (const name of Object.keys(schema.properties ?? {}).sort()) {
      const prop = schema.properties![name];
      const escaped = escapeName(name);
      const fieldDecl = escaped !== undefined ? ctx.decl?.fields?.get(escaped)?.type : undefined;
      const sub = this.node(prop, {
        ...ctx,
        path: key(child(ctx.path, 'properties'), name),
        decl: fieldDecl ?? declTypeOf(prop, !!prop['x-kubernetes-embedded-resource']),
        resourceRoot: !!prop['x-kubernetes-embedded-resource'],
        cardinality: childCardinality(ctx.cardinality, schema),
        uncorrelatable: ctx.uncorrelatable ?? (mapIsCorrelatable(schema['x-kubernetes-map-type']) ? undefined : ctx.path),
      });
      if (sub) (node.properties ??= new Map()).set(name, sub);
    }
    const items = itemsOf(schema);
    if (items) {
      node.items = this.node(items, {
        ...ctx,
        path: child(ctx.path, 'items'),
        decl: ctx.decl?.kind === 'list' ? ctx.decl.elem : declTypeOf(items, !!items['x-kubernetes-embedded-resource']),
        resourceRoot: !!items['x-kubernetes-embedded-resource'],
        cardinality: childCardinality(ctx.cardinality, schema),
        uncorrelatable: ctx.uncorrelatable ?? (schema['x-kubernetes-list-type'] === 'map' ? undefined : ctx.path),
      });
    }
    this.branches(schema, ctx, node);
    const rules = rulesOf(schema);
    this.schemaErrors.push(...ruleFieldErrors(rules, schema, ctx.path));
    if (rules.length > 0 && !ctx.checksOnly) {
      // Like upstream, CEL is only checked once the rules and everything below them are sound.
      this.rules(rules, schema, ctx, node, this.schemaErrors.length === before);
    }
    const empty = node.rules.length === 0 && !node.initError && !node.properties && !node.items && !node.additionalProperties && !node.allOf;
    return empty ? undefined : node;
  }

  /** allOf/anyOf/oneOf/not: rule checks are reported; allOf rules also run, against this node. */
  private branches(schema: JSONSchema, ctx: Context, node: RuleNode): void {
    const checksOnly = (path: string): Context => ({ ...ctx, path, checksOnly: true });
    if (schema.not) this.node(schema.not, checksOnly(child(ctx.path, 'not')));
    (schema.anyOf ?? []).forEach((s, i) => this.node(s, checksOnly(`${child(ctx.path, 'anyOf')}[${i}]`)));
    (schema.oneOf ?? []).forEach((s, i) => this.node(s, checksOnly(`${child(ctx.path, 'oneOf')}[${i}]`)));
    (schema.allOf ?? []).forEach((s, i) => {
      const sub = this.allOfNode(s, schema, { ...ctx, path: `${child(ctx.path, 'allOf')}[${i}]` });
      if (sub) (node.allOf ??= []).push(sub);
    });
  }

  /** Rules of an allOf entry apply to the node's own data and types (upstream nestedToStructural). */
  private allOfNode(rulesSchema: JSONSchema, nodeSchema: JSONSchema, ctx: Context): RuleNode | undefined {
    const node: RuleNode = { schema: nodeSchema, resourceRoot: ctx.resourceRoot, rules: [] };
    for (const name of Object.keys(rulesSchema.properties ?? {}).sort()) {
      const nodeProp = nodeSchema.properties?.[name];
      if (!nodeProp) continue;
      const escaped = escapeName(name);
      const decl = (escaped !== undefined ? ctx.decl?.fields?.get(escaped)?.type : undefined) ?? declTypeOf(nodeProp, !!nodeProp['x-kubernetes-embedded-resource']);
      const sub = this.allOfNode(rulesSchema.properties![name], nodeProp, { ...ctx, path: key(child(ctx.path, 'properties'), name), decl, resourceRoot: !!nodeProp['x-kubernetes-embedded-resource'] });
      if (sub) (node.properties ??= new Map()).set(name, sub);
    }
    const items = itemsOf(rulesSchema);
    const nodeItems = itemsOf(nodeSchema);
    if (items && nodeItems) {
      const decl = ctx.decl?.kind === 'list' ? ctx.decl.elem : declTypeOf(nodeItems, !!nodeItems['x-kubernetes-embedded-resource']);
      node.items = this.allOfNode(items, nodeItems, { ...ctx, path: child(ctx.path, 'items'), decl, resourceRoot: !!nodeItems['x-kubernetes-embedded-resource'] });
    }
    const addl = additionalPropertiesOf(rulesSchema);
    const nodeAddl = additionalPropertiesOf(nodeSchema);
    if (addl && nodeAddl) {
      const decl = ctx.decl?.kind === 'map' ? ctx.decl.elem : declTypeOf(nodeAddl, !!nodeAddl['x-kubernetes-embedded-resource']);
      node.additionalProperties = this.allOfNode(addl, nodeAddl, { ...ctx, path: child(ctx.path, 'additionalProperties'), decl, resourceRoot: !!nodeAddl['x-kubernetes-embedded-resource'] });
    }
    const rules = rulesOf(rulesSchema);
    this.schemaErrors.push(...ruleFieldErrors(rules, rulesSchema, ctx.path));
    if (rules.length > 0) this.rules(rules, nodeSchema, ctx, node, false);
    const empty = node.rules.length === 0 && !node.initError && !node.properties && !node.items && !node.additionalProperties;
    return empty ? undefined : node;
  }

  private rules(rules: JSONSchema['x-kubernetes-validations'] & object, schema: JSONSchema, ctx: Context, node: RuleNode, report: boolean): void {
    const validationsPath = child(ctx.path, 'x-kubernetes-validations');
    if (!ctx.decl) {
      node.initError = INIT_ERROR;
      // FieldError has no InternalError type; Forbidden prints the same detail without a value.
      if (report) {
        this.celErrors.push(
          forbidden(validationsPath, 'internal error: failed to construct type information for x-kubernetes-validations rules: unable to convert structural schema to CEL declarations'),
        );
      }
      return;
    }
    const times = ctx.cardinality ?? maxCardinality(ctx.decl.minSerializedSize);
    rules.forEach((rule, i) => {
      const c = compileRule(rule, ctx.decl!, schema);
      node.rules.push({ rule, program: c.program, error: c.error, messageProgram: c.messageProgram, fieldPath: c.fieldPath });
      if (report) this.report(c, i, ctx, costTimes(c.maxCost, times));
    });
  }

  private report(c: RuleCompilation, i: number, ctx: Context, expressionCost: number): void {
    const rp = rulePath(ctx.path, i, 'rule');
    const mp = rulePath(ctx.path, i, 'messageExpression');
    const limited = !this.options.suppressPerExpressionCost;
    if (limited && expressionCost > STATIC_ESTIMATED_COST_LIMIT) this.celErrors.push(forbidden(rp, costErrorMessage('estimated rule cost', expressionCost, STATIC_ESTIMATED_COST_LIMIT)));
    this.observe(rp, expressionCost);
    if (c.error) this.celErrors.push(invalid(rp, ruleValue(c.rule), c.error));
    if (c.messageError) {
      this.celErrors.push(invalid(mp, ruleValue(c.rule), c.messageError));
    } else if (c.messageProgram) {
      if (limited && c.messageExpressionMaxCost > STATIC_ESTIMATED_COST_LIMIT) {
        this.celErrors.push(forbidden(mp, costErrorMessage('estimated messageExpression cost', c.messageExpressionMaxCost, STATIC_ESTIMATED_COST_LIMIT)));
      }
      this.observe(mp, c.messageExpressionMaxCost);
    }
    if (c.usesOldSelf) {
      if (ctx.uncorrelatable !== undefined) {
        this.celErrors.push(invalid(rp, c.rule.rule ?? '', `oldSelf cannot be used on the uncorrelatable portion of the schema within ${ctx.uncorrelatable}`));
      }
    } else if (c.rule.optionalOldSelf !== undefined) {
      this.celErrors.push(invalid(rulePath(ctx.path, i, 'optionalOldSelf'), c.rule.optionalOldSelf, 'may not be set if oldSelf is not used in rule'));
    }
  }

  /** TotalCost.ObserveExpressionCost: keeps the sum and the four most expensive expressions. */
  private observe(path: string, cost: number): void {
    this.total = addU(this.total, cost);
    if (cost < STATIC_ESTIMATED_CRD_COST_LIMIT / 100) return;
    this.mostExpensive = [...this.mostExpensive, { path, cost }].sort((a, b) => b.cost - a.cost).slice(0, 4);
  }
}

/**
 * Compiles the x-kubernetes-validations rules of a CRD version's openAPIV3Schema found at
 * `fldPath` (e.g. "spec.versions[0].schema.openAPIV3Schema") and returns them with the errors
 * CRD validation reports for them.
 */
export function compileSchemaRules(schema: JSONSchema, fldPath: string, options: CompileOptions = {}): { rules: CompiledRules; errors: FieldError[] } {
  const c = new SchemaRuleCompiler(options);
  const root = c.node(schema, { path: fldPath, decl: declTypeOf(schema, true), resourceRoot: true, cardinality: 1, checksOnly: false });
  const errors = [...c.schemaErrors, ...c.celErrors];
  if (c.total > STATIC_ESTIMATED_CRD_COST_LIMIT) {
    for (const e of c.mostExpensive) errors.push(forbidden(e.path, 'contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema'));
    errors.push(forbidden(fldPath, costErrorMessage('x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema', c.total, STATIC_ESTIMATED_CRD_COST_LIMIT)));
  }
  return { rules: { root }, errors };
}
