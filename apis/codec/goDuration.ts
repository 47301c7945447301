// Go's time.Duration text ("1h30m0s", "1.5s", "250ms", "0s"), which metav1.Duration uses in JSON.

function frac(v: bigint, prec: number): { text: string; rest: bigint } {
  const d = 10n ** BigInt(prec);
  let f = (v % d).toString().padStart(prec, '0').replace(/0+$/, '');
  return { text: f ? `.${f}` : '', rest: v / d };
}

/** Formats nanoseconds like Go's Duration.String(). */
export function formatGoDuration(nanos: number | bigint): string {
  let n = BigInt(nanos);
  const sign = n < 0n ? '-' : '';
  if (n < 0n) n = -n;
  if (n === 0n) return '0s';
  if (n < 1_000_000_000n) {
    const [prec, unit] = n < 1000n ? [0, 'ns'] : n < 1_000_000n ? [3, 'µs'] : [6, 'ms'];
    const f = frac(n, prec);
    return `${sign}${f.rest}${f.text}${unit}`;
  }
  const f = frac(n, 9);
  let s = f.rest;
  let out = `${s % 60n}${f.text}s`;
  s /= 60n;
  if (s > 0n) {
    out = `${s % 60n}m${out}`;
    s /= 60n;
    if (s > 0n) out = `${s}h${out}`;
  }
  return sign + out;
}
