import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/zh-CN'
import en from '@/i18n/en'
import { useWriteForm } from '@/components/useWriteForm'
import { validateNeed } from '@/needs/needRules'
import { api, type PostNeed } from '@/api/endpoints'

type Form = ReturnType<typeof useWriteForm<PostNeed, unknown>>

function mountForm(): Form {
  let form: Form | null = null
  const Host = defineComponent({
    setup() {
      form = useWriteForm(validateNeed, api.postNeed)
      return () => h('div')
    },
  })
  mount(Host, { global: { plugins: [createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en } })] } })
  return form!
}

function reply(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json', ...headers } })
}

const need: PostNeed = { villageCode: 'CG001', category: 'INDUSTRY', title: '修路' }

afterEach(() => {
  vi.unstubAllGlobals()
  document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT'
})

describe('a write form', () => {
  it('sends nothing when its own rules refuse, and says which field', async () => {
    const fetch = vi.fn()
    vi.stubGlobal('fetch', fetch)
    const form = mountForm()
    expect(await form.submit({ ...need, title: '' })).toBeNull()
    expect(fetch).not.toHaveBeenCalled()
    expect(form.errorOf('title').value).toBe('必填')
  })

  it('survives a double click: one request, with an Idempotency-Key and the XSRF header', async () => {
    document.cookie = 'XSRF-TOKEN=tok-1'
    let release: (r: Response) => void = () => {}
    const fetch = vi.fn(() => new Promise<Response>((resolve) => (release = resolve)))
    vi.stubGlobal('fetch', fetch)
    const form = mountForm()
    const first = form.submit(need)
    const second = form.submit(need)
    release(reply(201, { id: 'n-1', status: 'OPEN' }))
    expect(await second).toBeNull()
    expect(await first).toMatchObject({ id: 'n-1' })
    expect(fetch).toHaveBeenCalledTimes(1)
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    const headers = init.headers as Record<string, string>
    expect(url).toBe('/api/needs')
    expect(init.credentials).toBe('same-origin')
    expect(headers['Idempotency-Key']).toMatch(/.{16,}/)
    expect(headers['X-XSRF-TOKEN']).toBe('tok-1')
  })

  it("shows the server's problem beside the field", async () => {
    vi.stubGlobal('fetch', vi.fn(async () => reply(400, {
      type: 'https://village-registry.example/problems/invalid', title: 'Invalid request', status: 400,
      detail: 'The request has 1 invalid field(s).', errors: [{ field: 'title', message: 'must be at most 200 characters' }],
    })))
    const form = mountForm()
    expect(await form.submit(need)).toBeNull()
    expect(form.errorOf('title').value).toBe('must be at most 200 characters')
    expect(form.problem.value).toContain('The request has 1 invalid field(s).')
  })

  it('after a 503 says when to try again and retries with the same Idempotency-Key', async () => {
    const fetch = vi.fn()
      .mockResolvedValueOnce(reply(503, { status: 503, detail: 'partnership-service is unavailable', outcome: 'unknown' }, { 'Retry-After': '5' }))
      .mockResolvedValueOnce(reply(201, { id: 'n-2' }))
    vi.stubGlobal('fetch', fetch)
    const form = mountForm()
    expect(await form.submit(need)).toBeNull()
    expect(form.problem.value).toBe('服务暂时不可用，请 5 秒后重试')
    expect(await form.submit(need)).toMatchObject({ id: 'n-2' })
    const key = (i: number) => ((fetch.mock.calls[i] as unknown as [string, RequestInit])[1].headers as Record<string, string>)['Idempotency-Key']
    expect(key(1)).toBe(key(0))
  })

  it('explains a conflict', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => reply(409, { status: 409, detail: 'Pairing already active' })))
    const form = mountForm()
    await form.submit(need)
    expect(form.problem.value).toBe('记录已被他人修改或状态已变化：Pairing already active')
  })
})
