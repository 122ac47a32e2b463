// What the component tests share: a stubbed server's answer, mounting with i18n and Element Plus, typing, clicking,
// the writes a stubbed fetch saw, and the clean-up after each test.
import { vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import ElementPlus from 'element-plus'
import type { Component } from 'vue'
import zhCN from '@/i18n/zh-CN'
import en from '@/i18n/en'
import { session } from '@/session/session'

export function reply(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' } })
}
export type Call = [string, RequestInit | undefined]
export const writesOf = (fetch: ReturnType<typeof vi.fn>) => (fetch.mock.calls as unknown as Call[]).filter(([, i]) => i?.method && i.method !== 'GET')
export const headersOf = (c: Call) => c[1]!.headers as Record<string, string>
export const byTestid = (id: string) => [...document.querySelectorAll(`[data-testid="${id}"]`)] as HTMLElement[]
export async function click(el: HTMLElement) {
  el.click()
  await flushPromises()
}
export async function type(testid: string, value: string) {
  const input = byTestid(testid)[0].matches('input, textarea') ? byTestid(testid)[0] as HTMLInputElement : byTestid(testid)[0].querySelector('input, textarea') as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}
export async function mountWith(component: Component, props: Record<string, unknown>) {
  const w = mount(component, {
    props,
    global: { plugins: [createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en } }), ElementPlus], stubs: { RouterLink: { template: '<a><slot /></a>' } } },
    attachTo: document.body,
  })
  await flushPromises()
  return w
}
export function cleanUp() {
  vi.unstubAllGlobals()
  session.user = null
  document.body.innerHTML = ''
}
