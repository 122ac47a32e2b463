import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import zh from '@/i18n/zh-CN'
import en from '@/i18n/en'
import { ENUMS } from '@/api/enums'

function keys(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]))
}
function lookup(o: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o)
}
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? (f === 'generated' ? [] : sources(p)) : /\.(vue|ts)$/.test(f) ? [p] : []
  })
}

describe('the messages', () => {
  it('have the same keys in 简体中文 and English, none empty in Chinese', () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort())
    for (const k of keys(zh)) expect(String(lookup(zh, k)), k).not.toBe('')
  })

  it('label every value of every enumeration in both languages', () => {
    for (const [prefix, values] of Object.entries(ENUMS)) {
      for (const v of values) {
        expect(lookup(zh, `${prefix}.${v}`), `zh ${prefix}.${v}`).toBeTypeOf('string')
        expect(lookup(en, `${prefix}.${v}`), `en ${prefix}.${v}`).toBeTypeOf('string')
      }
    }
  })

  it('hold every literal key the screens use', () => {
    const used = new Set<string>()
    for (const file of sources(join(__dirname, '..', 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z0-9.]+)'/g)) used.add(m[1])
    }
    expect(used.size).toBeGreaterThan(50)
    for (const k of used) {
      expect(lookup(zh, k), `zh ${k}`).toBeTypeOf('string')
      expect(lookup(en, k), `en ${k}`).toBeTypeOf('string')
    }
  })
})
