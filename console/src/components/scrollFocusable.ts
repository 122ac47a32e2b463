// An Element Plus table whose body scrolls sideways (a phone's width) gets that scrolling area into the tab order, named
// after the table, so a keyboard reaches and scrolls it (WCAG 2.1.1; axe's scrollable-region-focusable). A table with
// buttons or links in its rows does not need it: those are reached already.
import type { Directive } from 'vue'

function apply(el: HTMLElement, label: string | undefined) {
  for (const wrap of el.querySelectorAll<HTMLElement>('.el-table__body-wrapper .el-scrollbar__wrap')) {
    if (wrap.hasAttribute('tabindex')) continue
    wrap.tabIndex = 0
    wrap.setAttribute('role', 'region')
    if (label) wrap.setAttribute('aria-label', label)
  }
}

/** `v-scroll-focusable="label"` on an `el-table`. */
export const vScrollFocusable: Directive<HTMLElement, string | undefined> = {
  mounted: (el, binding) => apply(el, binding.value),
  updated: (el, binding) => apply(el, binding.value),
}
