// Money arrives from the API as a decimal string in yuan ("50000000.00"). It is never parsed into a float: arithmetic
// is done on integer fen (BigInt) and formatting moves the decimal point in the string.

const MONEY = /^(-)?(\d+)(?:\.(\d{1,2}))?$/

/** Integer fen of a decimal yuan string; throws on anything else. */
export function toFen(yuan: string): bigint {
  const m = MONEY.exec(yuan.trim())
  if (!m) throw new Error(`not a money amount: ${JSON.stringify(yuan)}`)
  const fen = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'))
  return m[1] ? -fen : fen
}

/** The decimal yuan string of integer fen ("1234.50"). */
export function fromFen(fen: bigint): string {
  const negative = fen < 0n
  const abs = negative ? -fen : fen
  const whole = abs / 100n
  const cents = (abs % 100n).toString().padStart(2, '0')
  return `${negative ? '-' : ''}${whole}.${cents}`
}

export function isMoney(s: unknown): s is string {
  return typeof s === 'string' && MONEY.test(s.trim())
}

/** Exact sum and difference of decimal yuan strings. */
export function addYuan(...amounts: string[]): string {
  return fromFen(amounts.reduce((sum, a) => sum + toFen(a), 0n))
}
export function subtractYuan(a: string, b: string): string {
  return fromFen(toFen(a) - toFen(b))
}

function group(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator)
}

/** "50000000.00" → "50,000,000.00" (yuan, exactly). */
export function formatYuan(yuan: string): string {
  const fen = toFen(yuan)
  const s = fromFen(fen < 0n ? -fen : fen)
  const [whole, cents] = s.split('.')
  return `${fen < 0n ? '-' : ''}${group(whole, ',')}.${cents}`
}

/**
 * In 万元 (ten thousand yuan) as Chinese reports state money, exactly: "50000000.00" → "5,000", "10350000.00" →
 * "1,035", "12345.67" → "1.234567". Trailing zeros of the fraction are dropped; nothing is rounded.
 */
export function formatWanYuan(yuan: string): string {
  const fen = toFen(yuan)
  const abs = fen < 0n ? -fen : fen
  const whole = abs / 1_000_000n // 1 万元 = 10,000 yuan = 1,000,000 fen
  const fraction = (abs % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '')
  return `${fen < 0n ? '-' : ''}${group(whole.toString(), ',')}${fraction ? '.' + fraction : ''}`
}

/** Share of a in b as a percentage with one decimal ("62.0"), or null when b is zero. Exact integer arithmetic. */
export function percentOf(a: string, b: string): string | null {
  const denominator = toFen(b)
  if (denominator === 0n) return null
  const permille = (toFen(a) * 1000n * 2n + denominator) / (denominator * 2n) // rounded half up, to 0.1 %
  return `${permille / 10n}.${(permille < 0n ? -permille : permille) % 10n}`
}
