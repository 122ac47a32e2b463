import { describe, expect, it } from 'vitest'
import { addYuan, formatWanYuan, formatYuan, fromFen, percentOf, subtractYuan, toFen } from '@/format/money'

describe('money from the API decimal strings, exactly', () => {
  it('reads yuan into integer fen and back', () => {
    expect(toFen('50000000.00')).toBe(5_000_000_000n)
    expect(toFen('0.1')).toBe(10n)
    expect(toFen('12')).toBe(1200n)
    expect(toFen('-3.05')).toBe(-305n)
    expect(fromFen(5_000_000_000n)).toBe('50000000.00')
    expect(fromFen(-5n)).toBe('-0.05')
  })

  it('refuses what is not money', () => {
    for (const bad of ['', 'abc', '1.234', '1e6', '1,000.00', 'NaN']) expect(() => toFen(bad)).toThrow()
  })

  it('formats yuan with grouping and two decimals', () => {
    expect(formatYuan('50000000.00')).toBe('50,000,000.00')
    expect(formatYuan('0.5')).toBe('0.50')
    expect(formatYuan('-1234567.89')).toBe('-1,234,567.89')
  })

  it('formats 万元 by moving the decimal point, never rounding', () => {
    expect(formatWanYuan('50000000.00')).toBe('5,000')
    expect(formatWanYuan('10350000.00')).toBe('1,035')
    expect(formatWanYuan('11984700.00')).toBe('1,198.47')
    expect(formatWanYuan('12345.67')).toBe('1.234567')
    expect(formatWanYuan('0.01')).toBe('0.000001')
    expect(formatWanYuan('0.00')).toBe('0')
  })

  it('adds, subtracts and takes shares without floating point', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floating point
    expect(addYuan('0.10', '0.20')).toBe('0.30')
    expect(addYuan('9007199254740993.01', '0.01')).toBe('9007199254740993.02')
    expect(subtractYuan('31000000.00', '50000000.00')).toBe('-19000000.00')
    expect(percentOf('35138000.00', '54888000.00')).toBe('64.0')
    expect(percentOf('1.00', '3.00')).toBe('33.3')
    expect(percentOf('2.00', '3.00')).toBe('66.7')
    expect(percentOf('1.00', '0.00')).toBeNull()
  })
})
