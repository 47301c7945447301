// resource.Quantity: parsing and the canonical form kube-apiserver stores ("0.5" → "500m",
// "1024Mi" → "1Gi", "1500m" → "1500m"), with nano precision rounded up like upstream.

export const QUANTITY_REGEX_TEXT = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?$/;

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_BY_EXP = new Map(Object.entries(DECIMAL_SUFFIX).map(([k, v]) => [v, k]));
const BINARY_NAMES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface ParsedQuantity {
  negative: boolean;
  /** The value in units of 10^-9, rounded up (away from zero for positives). */
  nanos: bigint;
  format: Format;
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Parses a quantity string; undefined when it is not one. */
export function parseQuantity(text: string): ParsedQuantity | undefined {
  const s = text.trim();
  const m = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(s);
  if (!m || s.length === 0) return undefined;
  const num = NUMBER.exec(m[1]);
  if (!num || (num[2] === '' && (num[3] ?? '') === '')) return undefined;
  const suffix = m[2];
  let exp10 = 0;
  let binary = 0;
  let format: Format;
  if (suffix in DECIMAL_SUFFIX) {
    exp10 = DECIMAL_SUFFIX[suffix];
    format = 'DecimalSI';
  } else if (suffix in BINARY_SUFFIX) {
    binary = BINARY_SUFFIX[suffix];
    format = 'BinarySI';
  } else if (/^[eE][-+]?\d+$/.test(suffix)) {
    exp10 = Number(suffix.slice(1));
    format = 'DecimalExponent';
  } else {
    return undefined;
  }
  const whole = num[2] || '0';
  const frac = num[3] ?? '';
  // value = digits × 10^(exp10 - frac.length) × 1024^binary; in nanos: × 10^9.
  let mantissa = BigInt(whole + frac) * 1024n ** BigInt(binary);
  const shift = exp10 - frac.length + 9;
  if (shift >= 0) mantissa *= pow10(shift);
  else {
    const d = pow10(-shift);
    mantissa = mantissa % d === 0n ? mantissa / d : mantissa / d + 1n; // round up like upstream
  }
  return { negative: num[1] === '-' && mantissa !== 0n, nanos: mantissa, format };
}

function decimal(nanos: bigint, exponentForm: boolean): string {
  if (nanos === 0n) return '0';
  let best = -9;
  for (const e of [18, 15, 12, 9, 6, 3, 0, -3, -6, -9]) {
    if (nanos % pow10(e + 9) === 0n) {
      best = e;
      break;
    }
  }
  const mant = nanos / pow10(best + 9);
  if (exponentForm) return best === 0 ? `${mant}` : `${mant}e${best}`;
  return `${mant}${DECIMAL_BY_EXP.get(best)}`;
}

/** The canonical text of a parsed quantity. */
export function formatQuantity(q: ParsedQuantity): string {
  const sign = q.negative ? '-' : '';
  if (q.format === 'BinarySI' && q.nanos % pow10(9) === 0n) {
    const bytes = q.nanos / pow10(9);
    if (bytes === 0n) return '0';
    let k = 0;
    while (k < 6 && bytes % 1024n ** BigInt(k + 1) === 0n) k++;
    // Upstream keeps small binary values decimal ("512" rather than "0.5Ki").
    return `${sign}${bytes / 1024n ** BigInt(k)}${BINARY_NAMES[k]}`;
  }
  return sign + decimal(q.nanos, q.format === 'DecimalExponent');
}

/** Canonical form of a quantity string, or undefined when it does not parse. */
export function canonicalQuantity(text: string): string | undefined {
  const q = parseQuantity(text);
  return q ? formatQuantity(q) : undefined;
}
