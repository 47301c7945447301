// Typed errors of the pure machinery. Each is an ApiError already carrying the HTTP code, reason
// and message kube-apiserver answers with, so a handler can send `err.toStatus()` unchanged.

import { ApiError, StatusDetails } from '../errors.js';

/**
 * A label or field selector the server cannot use (parse error, unsupported field label, bad
 * LabelSelector): 400 BadRequest, message as upstream's parser words it.
 */
export class SelectorError extends ApiError {
  constructor(message: string) {
    super(400, 'BadRequest', message);
    this.name = 'SelectorError';
  }
}

/**
 * A patch that cannot be applied. `underlying` is the problem in words (useful in logs
 * even when upstream answers with a generic message, as for JSON patch failures).
 */
export class PatchError extends ApiError {
  constructor(
    code: number,
    reason: string,
    message: string,
    readonly underlying: string,
    details?: StatusDetails,
  ) {
    super(code, reason, message, details);
    this.name = 'PatchError';
  }
}

/** The message upstream's NewGenericServerResponse gives every 422. */
export const PATCH_REJECTED_MESSAGE = 'the server rejected our request due to an error in our request';

export const patchErrors = {
  /** 400 BadRequest with the cause as message (undecodable patch, bad directive format). */
  badRequest(message: string): PatchError {
    return new PatchError(400, 'BadRequest', message, message);
  },
  /** 422 Invalid with upstream's generic text (failed JSON patch operation, lists of lists). */
  rejected(cause: string): PatchError {
    return new PatchError(422, 'Invalid', PATCH_REJECTED_MESSAGE, cause, {});
  },
  /** 413 RequestEntityTooLarge (too many JSON patch operations). */
  tooLarge(message: string): PatchError {
    return new PatchError(413, 'RequestEntityTooLarge', `Request entity too large: ${message}`, message);
  },
  /**
   * 500 with no reason and the cause as message: what kube-apiserver answers when strategic
   * merge patch fails with an error it does not classify (missing merge key, unknown $patch
   * directive, mismatched $setElementOrder). kubectl prints "Error from server: <message>".
   */
  unclassified(message: string): PatchError {
    return new PatchError(500, '', message, message);
  },
};
