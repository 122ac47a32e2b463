// The township's villages as a tile map: one square tile per village or community, laid out from the register itself
// (no map server, no coordinates): ordered by village code, filled row by row into a grid as close to the screen's
// aspect as the count allows, communities first when they lead the codes (the town seat usually does).
import { toFen } from '@/format/money'

export interface TileVillage {
  code: string
  name: string
  kind?: string
}

export interface Tile<V extends TileVillage = TileVillage> {
  village: V
  row: number
  col: number
}

export interface TileLayout<V extends TileVillage = TileVillage> {
  columns: number
  rows: number
  tiles: Tile<V>[]
}

/**
 * Lays out the villages in a grid: `columns` given, or the smallest count that makes the grid at least as wide as
 * `aspect` (width/height) — 28 villages at 4:3 → 7 columns × 4 rows. Sorted by code so the map is the same on every
 * screen and a new village joins at the end.
 */
export function layoutTiles<V extends TileVillage>(villages: readonly V[], options: { columns?: number; aspect?: number } = {}): TileLayout<V> {
  const sorted = [...villages].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  const n = sorted.length
  if (n === 0) return { columns: 0, rows: 0, tiles: [] }
  const aspect = options.aspect ?? 4 / 3
  let columns = options.columns ?? Math.max(1, Math.ceil(Math.sqrt(n * aspect)))
  columns = Math.min(Math.max(1, Math.floor(columns)), n)
  const rows = Math.ceil(n / columns)
  return {
    columns,
    rows,
    tiles: sorted.map((village, i) => ({ village, row: Math.floor(i / columns), col: i % columns })),
  }
}

export type IncomeBand = 'below200k' | 'from200kTo500k' | 'atLeast500k' | 'none'

const FEN_200K = 20_000_000n
const FEN_500K = 50_000_000n

/** The reporting service's income bands: [0, 200,000), [200,000, 500,000), 500,000 or more; none when not reported. */
export function incomeBand(income: string | null | undefined): IncomeBand {
  if (income === null || income === undefined || income === '') return 'none'
  const fen = toFen(income)
  if (fen >= FEN_500K) return 'atLeast500k'
  if (fen >= FEN_200K) return 'from200kTo500k'
  return 'below200k'
}

/** Tile colours: contrast of at least 4.5:1 against the tile's text colour (checked in test/tiles.test.ts). */
export const TILE_COLOURS = {
  covered: { background: '#1a7f37', text: '#ffffff' },
  notCovered: { background: '#fde2e1', text: '#8a1c1c' },
  below200k: { background: '#fff4d6', text: '#6b4a00' },
  from200kTo500k: { background: '#cfe3ff', text: '#0b3a75' },
  atLeast500k: { background: '#0b5cad', text: '#ffffff' },
  none: { background: '#eeeeee', text: '#333333' },
} as const

export type TileState = keyof typeof TILE_COLOURS

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl
  }
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p)
  return (x + 0.05) / (y + 0.05)
}
