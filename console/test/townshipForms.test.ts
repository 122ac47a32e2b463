import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import ElementPlus from 'element-plus'
import zhCN from '@/i18n/zh-CN'
import en from '@/i18n/en'
import DisburseDialog from '@/funds/DisburseDialog.vue'
import StatusDialog from '@/projects/StatusDialog.vue'
import type { FundDetail, ProjectDetail } from '@/api/writes'

const i18n = () => createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en } })
function reply(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json', ...headers } })
}
const headersOf = (fetch: ReturnType<typeof vi.fn>, i: number) => ((fetch.mock.calls[i] as unknown as [string, RequestInit])[1].headers as Record<string, string>)
const fund: FundDetail = { id: 'f-1', source: 'FISCAL', committedAmount: '1000.00', disbursedAmount: '400.00', remainingAmount: '600.00', version: 3 }
const project: ProjectDetail = { id: 'prj-1', name: '核桃基地', status: 'APPROVED', version: 7 }

async function mountDialog<P>(component: unknown, props: P) {
  const wrapper = mount(component as never, { props: { [Object.keys(props as object)[0]]: null } as never, global: { plugins: [i18n(), ElementPlus] }, attachTo: document.body })
  await wrapper.setProps(props as never) // opening the dialog for a record resets the form, as the pages do
  await flushPromises()
  return wrapper
}
const inDialog = (testid: string) => document.querySelector(`[data-testid="${testid}"]`) as HTMLElement
async function type(testid: string, value: string) {
  const input = inDialog(testid) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('the disbursement dialog', () => {
  it('refuses more than is left of the commitment without asking the server, beside the amount', async () => {
    const fetch = vi.fn()
    vi.stubGlobal('fetch', fetch)
    const w = await mountDialog(DisburseDialog, { fund })
    await type('disburse-amount', '600.01')
    inDialog('disburse-dialog-submit').click()
    await flushPromises()
    expect(fetch).not.toHaveBeenCalled()
    const item = w.findAllComponents({ name: 'ElFormItem' }).find((c) => c.props('for') === 'disburse-amount')!
    expect(item.props('error')).toBe('超过了尚未拨付的 600.00 元')
    expect(inDialog('disburse-amount').closest('.el-form-item')!.classList.contains('is-error')).toBe(true)
    w.unmount()
  })

  it('survives a double click, keeps the form after a 503 and retries with the same Idempotency-Key', async () => {
    let release: (r: Response) => void = () => {}
    const fetch = vi.fn()
      .mockImplementationOnce(() => new Promise<Response>((resolve) => (release = resolve)))
      .mockResolvedValueOnce(reply(201, { id: 'd-1', amount: '100.00' }))
    vi.stubGlobal('fetch', fetch)
    const w = await mountDialog(DisburseDialog, { fund })
    await type('disburse-amount', '100.00')
    inDialog('disburse-dialog-submit').click()
    inDialog('disburse-dialog-submit').click()
    await flushPromises()
    expect(fetch).toHaveBeenCalledTimes(1)
    release(reply(503, { status: 503, title: 'Service Unavailable', detail: 'funds-service is unavailable', outcome: 'unknown' }, { 'Retry-After': '7' }))
    await flushPromises()
    expect(inDialog('form-problem').textContent).toContain('请 7 秒后重试')
    expect((inDialog('disburse-amount') as HTMLInputElement).value).toBe('100.00')
    inDialog('disburse-dialog-submit').click()
    await flushPromises()
    expect(fetch).toHaveBeenCalledTimes(2)
    expect(headersOf(fetch, 1)['Idempotency-Key']).toBe(headersOf(fetch, 0)['Idempotency-Key'])
    expect((fetch.mock.calls[0] as unknown as [string])[0]).toBe('/api/funds/f-1/disbursements')
    expect(w.emitted('disbursed')).toHaveLength(1)
    w.unmount()
  })

  it("explains the server's 409 and asks the page to read the fund again", async () => {
    vi.stubGlobal('fetch', vi.fn(async () => reply(409, { status: 409, title: 'Conflict', detail: 'The disbursement would exceed the commitment.' })))
    const w = await mountDialog(DisburseDialog, { fund })
    await type('disburse-amount', '100.00')
    inDialog('disburse-dialog-submit').click()
    await flushPromises()
    expect(inDialog('form-problem').textContent).toContain('The disbursement would exceed the commitment.')
    expect(w.emitted('stale')).toHaveLength(1)
    w.unmount()
  })
})

describe('the status dialog', () => {
  it('offers only the allowed transitions and sends If-Match with the version it read', async () => {
    const fetch = vi.fn(async () => reply(200, { ...project, status: 'IN_PROGRESS', version: 8 }))
    vi.stubGlobal('fetch', fetch)
    const w = await mountDialog(StatusDialog, { project })
    const choices = [...inDialog('status-choices').querySelectorAll('input')].map((i) => (i as HTMLInputElement).value)
    expect(choices).toEqual(['IN_PROGRESS', 'SUSPENDED', 'CANCELLED'])
    inDialog('status-dialog-submit').click()
    await flushPromises()
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/projects/prj-1/status')
    expect((init.headers as Record<string, string>)['If-Match']).toBe('"7"')
    expect(JSON.parse(String(init.body))).toEqual({ status: 'IN_PROGRESS' })
    expect(w.emitted('changed')).toHaveLength(1)
    w.unmount()
  })

  it('says that someone else changed the project on a 412', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => reply(412, { status: 412, title: 'Precondition Failed', detail: 'stale' })))
    const w = await mountDialog(StatusDialog, { project })
    inDialog('status-dialog-submit').click()
    await flushPromises()
    expect(inDialog('form-problem').textContent).toContain('已被他人修改')
    expect(w.emitted('stale')).toHaveLength(1)
    w.unmount()
  })
})
