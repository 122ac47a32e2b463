import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import AccountsPage from '@/accounts/AccountsPage.vue'
import { validateClient } from '@/accounts/accountRules'
import { session } from '@/session/session'
import { byTestid as all, cleanUp, mountWith, reply, type, writesOf as posts } from './support'

const page = (items: unknown[]) => ({ items, page: 0, size: 100, total: items.length })
const byTestid = (id: string) => all(id)[0] ?? null

function server(register: (body: Record<string, unknown>) => Response) {
  return vi.fn(async (url: string, init?: RequestInit) => {
    const path = url.split('?')[0]
    if (init?.method === 'POST' && path === '/api/clients') return register(JSON.parse(String(init.body)))
    if (path === '/api/clients') return reply(200, page([{ clientId: 'cli-bi', name: '县数据平台', role: 'COUNTY', enabled: true, createdAt: '2026-12-01T08:00:00Z' }]))
    if (path === '/api/users') return reply(200, page([]))
    if (path === '/api/villages') return reply(200, page([{ code: 'CG001', township: '城关镇' }]))
    if (path === '/api/organizations') return reply(200, page([]))
    return reply(404, { status: 404 })
  })
}
const mountPage = () => mountWith(AccountsPage, {})
afterEach(cleanUp)

describe('machine clients (POST/GET /api/clients, COUNTY only)', () => {
  it('checks the body as identity-service does', () => {
    expect(validateClient({ name: '县数据平台', role: 'COUNTY' })).toEqual({})
    expect(validateClient({ name: '', role: 'COUNTY' }).name?.key).toBe('form.required')
    expect(validateClient({ name: 'x', role: 'TOWNSHIP' }).township?.key).toBe('form.required')
    expect(validateClient({ name: 'x', role: 'ORGANIZATION' }).organizationId?.key).toBe('form.required')
    expect(validateClient({ name: 'x', role: 'ADMIN' as never }).role?.key).toBe('form.notOneOf')
  })

  it('are listed and registered by the COUNTY; the secret is shown once', async () => {
    session.user = { username: 'county.admin', name: '县管理员', roles: ['COUNTY'], township: null, org: null }
    const fetch = server((b) => reply(201, { ...b, clientId: 'cli-cg', clientSecret: 's3cr3t-once', createdAt: '2026-12-04T03:00:00Z' }))
    vi.stubGlobal('fetch', fetch)
    const w = await mountPage()
    expect(fetch.mock.calls.map(([u]) => String(u))).toContain('/api/clients?page=0&size=100')
    expect(byTestid('clients')!.textContent).toContain('县数据平台')
    byTestid('client-submit')!.click()
    await flushPromises()
    expect(posts(fetch)).toHaveLength(0) // no name, no township
    await type('client-name', '城关镇对接系统')
    await type('client-township', '城关镇')
    byTestid('client-submit')!.click()
    await flushPromises()
    const [[url, init]] = posts(fetch)
    expect(url).toBe('/api/clients')
    expect(JSON.parse(String(init!.body))).toEqual({ name: '城关镇对接系统', role: 'TOWNSHIP', township: '城关镇' })
    expect((init!.headers as Record<string, string>)['Idempotency-Key']).toMatch(/.{8,}/)
    expect(byTestid('client-secret-password')!.textContent).toBe('s3cr3t-once')
    byTestid('client-secret-close')!.click()
    await flushPromises()
    expect(document.body.textContent).not.toContain('s3cr3t-once') // shown once, then gone
    w.unmount()
  })

  it("shows the server's field problem beside the field", async () => {
    session.user = { username: 'county.admin', name: '县管理员', roles: ['COUNTY'], township: null, org: null }
    vi.stubGlobal('fetch', server(() => reply(400, { status: 400, detail: 'invalid', errors: [{ field: 'township', message: 'unknown township' }] })))
    const w = await mountPage()
    await type('client-name', '对接系统')
    await type('client-township', '不存在镇')
    byTestid('client-submit')!.click()
    await flushPromises()
    const item = w.findAllComponents({ name: 'ElFormItem' }).find((c) => c.props('for') === 'client-township')!
    expect(item.props('error')).toBe('unknown township')
    w.unmount()
  })

  it('are not on the TOWNSHIP’s account screen', async () => {
    session.user = { username: 'clerk', name: '办事员', roles: ['TOWNSHIP'], township: '城关镇', org: null }
    const fetch = server(() => reply(500, {}))
    vi.stubGlobal('fetch', fetch)
    const w = await mountPage()
    expect(byTestid('machine-clients')).toBeNull()
    expect(fetch.mock.calls.map(([u]) => String(u))).not.toContain('/api/clients?page=0&size=100')
    w.unmount()
  })
})
