// Regular expressions with Go's RE2 semantics (@bufbuild/re2): linear-time matching, so no
// `pattern` in a tenant's CRD can make the server backtrack catastrophically, and the syntax and
// error texts Go's regexp package has.

import { RE2JS } from '@bufbuild/re2';
import type { Options } from 'ajv';

type RegExpEngine = NonNullable<NonNullable<Options['code']>['regExp']>;

/** Go's regexp.Compile error ("error parsing regexp: missing closing ): `(a`"), or undefined. */
export function patternError(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** ajv's `code.regExp` engine: `pattern` keywords compile to RE2 matchers (unanchored, as Go's MatchString). */
export const re2Engine: RegExpEngine = Object.assign(
  (pattern: string) => {
    const re = RE2JS.compile(pattern);
    // ajv shares compiled patterns by toString(): it must name the pattern, as RegExp's does.
    return { test: (s: string) => re.test(s), toString: () => `/${pattern}/re2` };
  },
  { code: 'RE2JS.compile' },
);
