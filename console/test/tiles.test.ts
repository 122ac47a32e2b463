import { describe, expect, it } from 'vitest'
import { contrast, incomeBand, layoutTiles, TILE_COLOURS } from '@/villages/tiles'

const villages = (n: number) => Array.from({ length: n }, (_, i) => ({ code: `CG${String(n - i).padStart(3, '0')}`, name: `村${n - i}` }))

describe('the tile map layout', () => {
  it('puts 28 villages in a 7 × 4 grid at 4:3, ordered by code, one tile each', () => {
    const layout = layoutTiles(villages(28))
    expect(layout.columns).toBe(7)
    expect(layout.rows).toBe(4)
    expect(layout.tiles).toHaveLength(28)
    expect(layout.tiles[0]).toMatchObject({ village: { code: 'CG001' }, row: 0, col: 0 })
    expect(layout.tiles[7]).toMatchObject({ village: { code: 'CG008' }, row: 1, col: 0 })
    const cells = new Set(layout.tiles.map((t) => `${t.row},${t.col}`))
    expect(cells.size).toBe(28)
  })

  it('follows the aspect and a fixed column count, and never has more columns than villages', () => {
    expect(layoutTiles(villages(28), { aspect: 0.6 }).columns).toBe(5)
    expect(layoutTiles(villages(28), { columns: 10 })).toMatchObject({ columns: 10, rows: 3 })
    expect(layoutTiles(villages(2), { columns: 10 })).toMatchObject({ columns: 2, rows: 1 })
    expect(layoutTiles([])).toEqual({ columns: 0, rows: 0, tiles: [] })
    expect(layoutTiles(villages(1))).toMatchObject({ columns: 1, rows: 1 })
  })

  it('bands income as the reporting service does', () => {
    expect(incomeBand(null)).toBe('none')
    expect(incomeBand('199999.99')).toBe('below200k')
    expect(incomeBand('200000.00')).toBe('from200kTo500k')
    expect(incomeBand('499999.99')).toBe('from200kTo500k')
    expect(incomeBand('500000.00')).toBe('atLeast500k')
  })

  it('colours every tile state with text readable on it (WCAG AA, 4.5:1)', () => {
    for (const [state, c] of Object.entries(TILE_COLOURS)) expect(contrast(c.background, c.text), state).toBeGreaterThanOrEqual(4.5)
  })
})
