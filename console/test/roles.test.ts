import { describe, expect, it } from 'vitest'
import { mayOpen, onlyOrganization, roleNav, rolesFor } from '@/session/access'
import { homeOf } from '@/session/session'
import { validateAccount, explainAccountProblem, accountState } from '@/accounts/accountRules'
import { organizationsOfTownship } from '@/accounts/townshipOrganizations'
import { validateResource } from '@/organization/resourceRules'
import { allPages, fundTotals, ledBy, milestoneSummary } from '@/organization/organizationData'
import { ApiError } from '@/api/client'
import { valueOf } from '@/session/early'

const user = (roles: string[], extra: Partial<{ township: string; org: string }> = {}) =>
  ({ username: 'u', name: 'U', roles, township: extra.township ?? null, org: extra.org ?? null })

describe('who may open which screen', () => {
  it('keeps an organization out of the township and county screens, and the others out of the organization home', () => {
    for (const path of ['/dashboard', '/townships/城关镇', '/townships/城关镇/matrix', '/needs/new', '/accounts', '/imports', '/projects/new']) {
      expect(mayOpen(path, ['ORGANIZATION']), path).toBe(false)
    }
    for (const path of ['/organization', '/partnerships/new', '/partnerships', '/villages/CG001', '/needs']) {
      expect(mayOpen(path, ['ORGANIZATION']), path).toBe(true)
    }
    expect(mayOpen('/organization', ['TOWNSHIP'])).toBe(false)
    expect(mayOpen('/accounts', ['TOWNSHIP'])).toBe(true)
    expect(mayOpen('/imports', ['COUNTY'])).toBe(false)
    expect(mayOpen('/dashboard', ['COUNTY'])).toBe(true)
    expect(rolesFor('/needs')).toBeNull()
  })

  it('gives an organization only its own navigation and home', () => {
    expect(onlyOrganization(['ORGANIZATION'])).toBe(true)
    expect(onlyOrganization(['ORGANIZATION', 'TOWNSHIP'])).toBe(false)
    expect(roleNav(['ORGANIZATION']).map((i) => i.to)).toEqual(['/organization'])
    expect(roleNav(['TOWNSHIP']).map((i) => i.to)).toEqual(['/accounts', '/imports'])
    expect(roleNav(['COUNTY']).map((i) => i.to)).toEqual(['/accounts'])
    expect(mayOpen('/accounts', ['COUNTY'])).toBe(true)
    expect(homeOf(user(['ORGANIZATION'], { org: 'o1' }))).toBe('/organization')
    expect(homeOf(user(['TOWNSHIP'], { township: '城关镇' }))).toBe('/townships/%E5%9F%8E%E5%85%B3%E9%95%87')
  })
})

describe('an organization account, as identity-service checks it', () => {
  const ok = { username: 'org.zhang-1', displayName: '张三', role: 'ORGANIZATION', organizationId: 'o1' }
  it('accepts a good one and refuses what the server refuses', () => {
    expect(validateAccount(ok)).toEqual({})
    expect(validateAccount({ ...ok, username: 'ab' }).username?.key).toBe('accounts.rules.username')
    expect(validateAccount({ ...ok, username: '张三' }).username?.key).toBe('accounts.rules.username')
    expect(validateAccount({ ...ok, username: 'a'.repeat(65) }).username?.key).toBe('accounts.rules.username')
    expect(validateAccount({ ...ok, username: '' }).username?.key).toBe('form.required')
    expect(validateAccount({ ...ok, displayName: ' ' }).displayName?.key).toBe('form.required')
    expect(validateAccount({ ...ok, displayName: '长'.repeat(101) }).displayName).toEqual({ key: 'form.tooLong', params: { max: 100 } })
    expect(validateAccount({ ...ok, displayName: 'a\u0000b' }).displayName?.key).toBe('form.notPlain')
    expect(validateAccount({ ...ok, organizationId: '' }).organizationId?.key).toBe('accounts.rules.organization')
  })

  it('explains the server\'s refusals in the console\'s words', () => {
    const problem = (status: number, type: string, detail: string, errors?: { field: string; message: string }[]) =>
      new ApiError(status, { status, type: 'https://village.example/problems/' + type, detail, errors }, null)
    expect(explainAccountProblem(problem(409, 'username-taken', "An account 'x' exists already.")).message.key).toBe('accounts.errors.usernameTaken')
    expect(explainAccountProblem(problem(409, 'username-taken', '')).fields.username?.key).toBe('accounts.errors.usernameTaken')
    expect(explainAccountProblem(problem(403, 'forbidden', "Organization 'o' has no active partnership in township '城关镇'.")).message.key)
      .toBe('accounts.errors.notInTownship')
    expect(explainAccountProblem(problem(403, 'forbidden', 'Only COUNTY and TOWNSHIP accounts manage accounts.')).message.key).toBe('accounts.errors.forbidden')
    expect(explainAccountProblem(problem(422, 'unknown-reference', 'x', [{ field: 'organizationId', message: 'x' }])).fields.organizationId?.key)
      .toBe('accounts.errors.unknownOrganization')
    const invalid = explainAccountProblem(problem(400, 'validation', 'The request has 1 invalid field(s).', [{ field: 'username', message: "3 to 64 letters, digits, '.', '_' or '-'" }]))
    expect(invalid.message.key).toBe('form.fieldProblems')
    expect(invalid.fields.username?.key).toBe('accounts.rules.username')
    expect(explainAccountProblem(new ApiError(503, { status: 503 }, 7)).message).toEqual({ key: 'app.retryIn', params: { seconds: 7 } })
  })

  it('names an account\'s state', () => {
    expect(accountState({ enabled: false, locked: true })).toBe('DISABLED')
    expect(accountState({ enabled: true, locked: true })).toBe('LOCKED')
    expect(accountState({ enabled: true, mustChangePassword: true })).toBe('FIRST_SIGN_IN')
    expect(accountState({ enabled: true })).toBe('ACTIVE')
  })

  it('offers only the organizations actively paired in the township', () => {
    const orgs = organizationsOfTownship(['CG001', 'CG002'], [
      { organizationId: 'b', villageCode: 'CG001', status: 'ACTIVE' },
      { organizationId: 'a', villageCode: 'CG002', status: 'ACTIVE' },
      { organizationId: 'a', villageCode: 'CG001', status: 'ACTIVE' },
      { organizationId: 'c', villageCode: 'CG001', status: 'ENDED' },
      { organizationId: 'd', villageCode: 'XX001', status: 'ACTIVE' },
    ], [{ id: 'a', name: '乙公司' }, { id: 'b', name: '甲公司' }])
    expect(orgs.map((o) => o.id).sort()).toEqual(['a', 'b'])
  })
})

describe('the organization home', () => {
  it('checks a resource as partnership-service does', () => {
    expect(validateResource({ category: 'INDUSTRY', title: '技术指导' })).toEqual({})
    expect(validateResource({ category: 'NOPE', title: 'x' }).category?.key).toBe('form.notOneOf')
    expect(validateResource({ category: '', title: '' })).toMatchObject({ category: { key: 'form.required' }, title: { key: 'form.required' } })
    expect(validateResource({ category: 'OTHER', title: 'x'.repeat(201) }).title?.key).toBe('form.tooLong')
  })

  it('reads every page of a list and keeps the projects the organization leads', async () => {
    const all = Array.from({ length: 1203 }, (_, i) => ({ id: String(i), leadOrganizationId: i % 3 === 0 ? 'o1' : 'o2' }))
    const asked: number[] = []
    const items = await allPages(async (page, size) => { asked.push(page); return { items: all.slice(page * size, (page + 1) * size), total: all.length } })
    expect(asked).toEqual([0, 1, 2])
    expect(items).toHaveLength(1203)
    expect(ledBy(items, 'o1')).toHaveLength(401)
  })

  it('orders milestones and counts the done and overdue ones; sums money exactly', () => {
    const s = milestoneSummary([{ title: 'b', dueDate: '2024-05-01', overdue: true }, { title: 'a', dueDate: '2024-01-01', completed: true }, { title: 'c', dueDate: '2025-01-01' }])
    expect(s.sorted.map((m) => m.title)).toEqual(['a', 'b', 'c'])
    expect([s.total, s.done, s.overdue]).toEqual([3, 1, 1])
    expect(fundTotals([{ committedAmount: '0.10', disbursedAmount: '0.20' }, { committedAmount: '0.20', disbursedAmount: '0.10' }, {}]))
      .toEqual({ committed: '0.30', disbursed: '0.30' })
  })
})

describe('the answers asked before the bundle ran', () => {
  it('become the value or the ApiError the client would give', () => {
    expect(valueOf<{ a: number }>({ status: 200, retryAfter: null, text: '{"a":1}' })).toEqual({ a: 1 })
    try {
      valueOf({ status: 503, retryAfter: '5', text: '{"type":"x","detail":"down"}' })
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError)
      expect((e as ApiError).retryAfterSeconds).toBe(5)
      expect((e as ApiError).problem.detail).toBe('down')
    }
  })
})
