import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { vScrollFocusable } from '@/components/scrollFocusable'

// At a phone's width an Element Plus table scrolls sideways; a keyboard must reach that area (axe's
// scrollable-region-focusable). A table whose rows hold no button or link gets `v-scroll-focusable`.

const focusable = /<(el-button|router-link|a|el-link|el-switch|el-checkbox|el-input)[\s>]/

function vueFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? vueFiles(path) : path.endsWith('.vue') ? [path] : []
  })
}

/** Each outermost `<el-table …>…</el-table>` of a template, with the line it starts on. */
function tables(source: string): { line: number; open: string; body: string }[] {
  const found: { line: number; open: string; body: string }[] = []
  const tag = /<el-table[\s>]|<\/el-table>/g
  let depth = 0
  let start = -1
  for (let m = tag.exec(source); m; m = tag.exec(source)) {
    if (m[0].startsWith('</')) {
      depth--
      if (depth === 0) {
        const block = source.slice(start, m.index)
        found.push({ line: source.slice(0, start).split('\n').length, open: block.slice(0, block.indexOf('>') + 1), body: block })
      }
    } else {
      if (depth === 0) start = m.index
      depth++
    }
  }
  return found
}

describe('tables a keyboard can scroll', () => {
  it('every table without a button or link in its rows is marked v-scroll-focusable', () => {
    const src = join(__dirname, '..', 'src')
    const unmarked = vueFiles(src).flatMap((file) =>
      tables(readFileSync(file, 'utf8'))
        .filter((t) => !focusable.test(t.body) && !t.open.includes('v-scroll-focusable'))
        .map((t) => `${relative(src, file)}:${t.line}`),
    )
    expect(unmarked).toEqual([])
  })

  it('puts the scrolling area of the body in the tab order, named, once', () => {
    // the directive itself, on an element as Element Plus renders it
    const el = document.createElement('div')
    el.innerHTML = '<div class="el-table__header-wrapper"><div class="el-scrollbar__wrap"></div></div>'
      + '<div class="el-table__body-wrapper"><div class="el-scrollbar__wrap"></div></div>'
    const mounted = vScrollFocusable.mounted as (el: HTMLElement, binding: { value: string }) => void
    mounted(el, { value: '结对单位' })
    const [header, body] = el.querySelectorAll<HTMLElement>('.el-scrollbar__wrap')
    expect(body.getAttribute('tabindex')).toBe('0')
    expect(body.getAttribute('role')).toBe('region')
    expect(body.getAttribute('aria-label')).toBe('结对单位')
    expect(header.hasAttribute('tabindex')).toBe(false)
    body.setAttribute('tabindex', '-1')
    mounted(el, { value: '结对单位' })
    expect(body.getAttribute('tabindex')).toBe('-1')
  })
})
