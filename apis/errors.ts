// API errors as Kubernetes `Status` objects, with upstream reasons and message shapes
// (k8s.io/apimachinery/pkg/api/errors and pkg/util/validation/field).

import { goQuote } from './machinery/goFormat.js';
import { FieldError } from './resources/model.js';

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code?: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): Status {
    const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, reason: this.reason, code: this.code };
    if (this.details) s.details = this.details;
    if (!this.reason) delete s.reason;
    return s;
  }
}

/** Group and resource (plural) of an object, as errors name it: "deployments.apps". */
export interface GroupResource {
  group: string;
  resource: string;
}

export function qualifiedResource(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

const FIELD_ERROR_TEXT: Record<FieldError['type'], string> = {
  Required: 'Required value',
  Invalid: 'Invalid value',
  NotSupported: 'Unsupported value',
  Duplicate: 'Duplicate value',
  Forbidden: 'Forbidden',
  TooLong: 'Too long',
  TooMany: 'Too many',
  NotFound: 'Not found',
};

/** A value that carries its own Go rendering (a typed struct, map or slice as %#v prints it). */
function isGoRendered(v: unknown): v is { goString(): string } {
  return typeof v === 'object' && v !== null && typeof (v as { goString?: unknown }).goString === 'function';
}

/** Go's %v / %q rendering of a bad value, as field.Error prints it. */
function renderValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (isGoRendered(v)) return v.goString();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The text after "<field>: " of one field error (field.Error.ErrorBody). */
export function fieldErrorBody(e: FieldError): string {
  let s = FIELD_ERROR_TEXT[e.type];
  const showsValue = e.type === 'Invalid' || e.type === 'NotSupported' || e.type === 'Duplicate' || e.type === 'NotFound' || e.type === 'TooMany';
  if (showsValue && 'value' in e) s += `: ${renderValue(e.value)}`;
  let detail = e.detail;
  if (e.type === 'NotSupported' && e.supported?.length) {
    detail = `supported values: ${e.supported.map((v) => goQuote(v)).join(', ')}`;
  }
  if (detail) s += `: ${detail}`;
  return s;
}

export function fieldErrorText(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/** Go's aggregate error text: one message alone, several as "[a, b]" without duplicates. */
export function aggregate(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

export const errors = {
  notFound(gr: GroupResource, name: string): ApiError {
    return new ApiError(404, 'NotFound', `${qualifiedResource(gr)} "${name}" not found`, { name, group: gr.group || undefined, kind: gr.resource });
  },
  pathNotFound(): ApiError {
    return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
  },
  alreadyExists(gr: GroupResource, name: string): ApiError {
    return new ApiError(409, 'AlreadyExists', `${qualifiedResource(gr)} "${name}" already exists`, { name, group: gr.group || undefined, kind: gr.resource });
  },
  conflict(gr: GroupResource, name: string, why: string): ApiError {
    return new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${why}`, {
      name,
      group: gr.group || undefined,
      kind: gr.resource,
    });
  },
  staleResourceVersion(gr: GroupResource, name: string): ApiError {
    return errors.conflict(gr, name, 'the object has been modified; please apply your changes to the latest version and try again');
  },
  invalid(kind: { group: string; kind: string }, name: string, errs: FieldError[]): ApiError {
    const qualifiedKind = kind.group ? `${kind.kind}.${kind.group}` : kind.kind;
    const message = errs.length
      ? `${qualifiedKind} "${name}" is invalid: ${aggregate(errs.map(fieldErrorText))}`
      : `${qualifiedKind} "${name}" is invalid`;
    return new ApiError(422, 'Invalid', message, {
      name,
      group: kind.group || undefined,
      kind: kind.kind,
      causes: errs.map((e) => ({ reason: `FieldValue${e.type === 'NotSupported' ? 'NotSupported' : e.type}`, message: fieldErrorBody(e), field: e.field })),
    });
  },
  badRequest(message: string): ApiError {
    return new ApiError(400, 'BadRequest', message);
  },
  unauthorized(): ApiError {
    return new ApiError(401, 'Unauthorized', 'Unauthorized');
  },
  forbidden(gr: GroupResource, name: string, why: string): ApiError {
    const what = name ? `${qualifiedResource(gr)} "${name}"` : qualifiedResource(gr);
    return new ApiError(403, 'Forbidden', `${what} is forbidden: ${why}`, { name: name || undefined, group: gr.group || undefined, kind: gr.resource });
  },
  methodNotSupported(gr: GroupResource, action: string): ApiError {
    return new ApiError(405, 'MethodNotAllowed', `${action} is not supported on resources of kind "${qualifiedResource(gr)}"`, {
      group: gr.group || undefined,
      kind: gr.resource,
    });
  },
  notAcceptable(accepted: string[]): ApiError {
    return new ApiError(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`);
  },
  expired(message: string): ApiError {
    return new ApiError(410, 'Expired', message);
  },
  /** A request body over `limit` bytes (upstream limitedReadBody). */
  tooLarge(limit = 3 * 1024 * 1024): ApiError {
    return new ApiError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);
  },
  unsupportedMediaType(accepted: string[]): ApiError {
    return new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
  },
  tooManyRequests(message: string, retryAfterSeconds: number): ApiError {
    return new ApiError(429, 'TooManyRequests', message, { retryAfterSeconds });
  },
  internal(message: string): ApiError {
    return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
  },
  timeout(message: string, retryAfterSeconds = 1): ApiError {
    return new ApiError(504, 'Timeout', `Timeout: ${message}`, { retryAfterSeconds });
  },
  /** A read newer than storage has; the cause is what client-go's IsTooLargeResourceVersion checks. */
  tooLargeResourceVersion(requested: number, current: number): ApiError {
    const e = errors.timeout(`Too large resource version: ${requested}, current: ${current}`, 1);
    e.details!.causes = [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }];
    return e;
  },
};
