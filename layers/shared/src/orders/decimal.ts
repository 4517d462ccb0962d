// Money fields arrive as decimal strings ("64.5300"); they are multiplied as scaled integers
// (BigInt), never as floats, so no drift can add or lose a point.
const DECIMAL = /^-?\d{1,15}(\.\d{1,8})?$/;

interface Scaled {
  value: bigint;
  scale: number;
}

function parseDecimal(text: string): Scaled {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) throw new Error(`not a decimal amount: ${JSON.stringify(text)}`);
  const [whole = '0', fraction = ''] = trimmed.replace('-', '').split('.');
  const value = BigInt(whole + fraction) * (trimmed.startsWith('-') ? -1n : 1n);
  return { value, scale: fraction.length };
}

/** floor(a × b) for non-negative decimals, as a number. */
export function floorProduct(a: string, b: string): number {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (x.value < 0n || y.value < 0n) throw new Error('amounts must not be negative');
  return Number((x.value * y.value) / 10n ** BigInt(x.scale + y.scale));
}

/** ceil(points × part / whole) for a non-negative part of a positive whole, capped at points. */
export function ceilShare(points: number, part: string, whole: string): number {
  const p = parseDecimal(part);
  const w = parseDecimal(whole);
  if (w.value <= 0n || p.value <= 0n) return 0;
  // bring both to the same scale
  const scale = Math.max(p.scale, w.scale);
  const pv = p.value * 10n ** BigInt(scale - p.scale);
  const wv = w.value * 10n ** BigInt(scale - w.scale);
  const share = (BigInt(points) * pv + wv - 1n) / wv;
  return Math.min(points, Number(share));
}

/** max(0, subtotal − discount), as a decimal string at the finer of the two scales. */
export function discountedSubtotal(subtotal: string, discount: string): string {
  const s = parseDecimal(subtotal);
  const d = parseDecimal(discount);
  const scale = Math.max(s.scale, d.scale);
  const value = s.value * 10n ** BigInt(scale - s.scale) - d.value * 10n ** BigInt(scale - d.scale);
  if (value <= 0n) return '0';
  const digits = value.toString().padStart(scale + 1, '0');
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
