// The one @bufbuild/cel environment rules run in: the standard library with cel-go's behaviour
// where they differ (lib/standard.ts), the strings extension, the Kubernetes libraries, optionals,
// and a metering wrapper around every function so runtime cost is bounded (costMeter.ts).

import { CelScalar, celEnv, celFunc, celMethod, isCelError, type CelFunc, type CelValue } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { formatFunctions } from '../lib/format.js';
import { LIBRARY_REGISTRY } from '../lib/libraryTypes.js';
import { listFunctions } from '../lib/lists.js';
import { netFunctions } from '../lib/net.js';
import { optionalFunctions } from '../lib/optional.js';
import { quantityFunctions } from '../lib/quantity.js';
import { semverFunctions } from '../lib/semver.js';
import { standardFunctions } from '../lib/standard.js';
import { urlFunctions } from '../lib/urls.js';
import { callCost, charge } from './costMeter.js';

/** The function rewrite.ts calls in every comprehension loop condition. */
export const TICK_FUNCTION = '@cost_tick';

const tick = celFunc(TICK_FUNCTION, [], CelScalar.BOOL, () => {
  charge(1);
  return true;
});

/** The same function, charging its cost before it runs; errors travel as thrown CelErrors. */
function metered(f: CelFunc): CelFunc {
  function impl(this: CelValue | undefined, ...args: CelValue[]) {
    charge(callCost(this === undefined ? args : [this, ...args]));
    const r = f.call(0, this, args);
    if (r === undefined) throw new Error('no such overload');
    if (isCelError(r)) throw r;
    return r;
  }
  return f.target ? celMethod(f.name, f.target, f.arguments, f.result, impl as never) : celFunc(f.name, f.arguments, f.result, impl as never);
}

const base = celEnv({
  registry: LIBRARY_REGISTRY,
  funcs: [...strings, ...standardFunctions, ...listFunctions, ...urlFunctions, ...quantityFunctions, ...netFunctions, ...formatFunctions, ...semverFunctions, ...optionalFunctions],
});

export const RUNTIME_ENV = celEnv({ registry: LIBRARY_REGISTRY, funcs: [...[...base.funcs].map(metered), tick] });
