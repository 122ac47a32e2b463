import { describe, expect, it } from 'vitest'
import { validateNeed } from '@/needs/needRules'
import { validatePartnership } from '@/partnerships/partnershipRules'
import { ApiError, cookie, withQuery } from '@/api/client'
import { freshnessOf } from '@/components/freshness'
import { compareWithPreviousYear, defaultYear } from '@/dashboard/compare'
import type { Figures } from '@/api/stats'

describe('the need form checks what the server checks', () => {
  const ok = { villageCode: 'CG001', category: 'INDUSTRY', title: '修一条机耕路' }
  it('accepts a good need', () => expect(validateNeed(ok)).toEqual({}))
  it.each([
    [{ ...ok, villageCode: '' }, 'villageCode', 'form.required'],
    [{ ...ok, villageCode: 'CG 001' }, 'villageCode', 'form.notCode'],
    [{ ...ok, category: 'ROADS' }, 'category', 'form.notOneOf'],
    [{ ...ok, title: '   ' }, 'title', 'form.required'],
    [{ ...ok, title: '一\n二' }, 'title', 'form.notPlain'],
    [{ ...ok, title: '路'.repeat(201) }, 'title', 'form.tooLong'],
    [{ ...ok, title: '😀'.repeat(101) }, 'title', 'form.tooLong'], // 202 UTF-16 units, as Java counts
    [{ ...ok, description: 'x'.repeat(2001) }, 'description', 'form.tooLong'],
  ])('refuses %j at %s', (body, field, key) => expect(validateNeed(body)[field]?.key).toBe(key))
  it('allows line breaks in the description', () => expect(validateNeed({ ...ok, description: '一\n二' })).toEqual({}))
})

describe('the partnership form checks what the server checks', () => {
  const ok = { organizationId: 'org-1', villageCode: 'CG001', startDate: '2023-03-01', focus: ['INDUSTRY'] }
  it('accepts a good partnership', () => expect(validatePartnership(ok)).toEqual({}))
  it('needs a real date and known focus', () => {
    expect(validatePartnership({ ...ok, startDate: '' }).startDate?.key).toBe('form.required')
    expect(validatePartnership({ ...ok, startDate: '2023-3-1' }).startDate?.key).toBe('form.invalidDate')
    expect(validatePartnership({ ...ok, focus: ['NOPE'] }).focus?.key).toBe('form.notOneOf')
    expect(validatePartnership({ ...ok, organizationId: '' }).organizationId?.key).toBe('form.required')
  })
})

describe('the API client', () => {
  it('puts the server problem fields beside the form fields', () => {
    const e = new ApiError(400, { status: 400, detail: 'The request has 1 invalid field(s).', errors: [{ field: 'title', message: 'must be at most 200 characters' }] }, null)
    expect(e.fieldErrors()).toEqual({ title: 'must be at most 200 characters' })
    expect(new ApiError(422, { errors: [{ field: 'villageCode', message: 'unknown' }] }, null).fieldErrors()).toEqual({ villageCode: 'unknown' })
  })
  it('reads the XSRF cookie and builds queries without empty filters', () => {
    expect(cookie('XSRF-TOKEN', 'a=1; XSRF-TOKEN=abc%3D; b=2')).toBe('abc=')
    expect(cookie('XSRF-TOKEN', 'a=1')).toBeNull()
    expect(withQuery('/api/needs', { villageCode: 'CG001', status: '', page: 0, size: undefined })).toBe('/api/needs?villageCode=CG001&page=0')
  })
})

describe('the dashboard', () => {
  const figures = (committed: string, income: string, top: number): Figures => ({
    villages: { total: 28, covered: 28, coverage: 1 }, partnerships: { active: 58, byOrganizationType: {} },
    needs: { open: 8, resolved: 412 }, projects: { total: 9, byStatus: {}, byIndustry: {} }, industryScale: [],
    investment: { committed, disbursed: '0.00', bySource: {} },
    collectiveIncome: { year: 2023, total: income, bands: { below200k: 0, from200kTo500k: 10, atLeast500k: top } },
  })
  it('compares with the previous year exactly', () => {
    const rows = compareWithPreviousYear(figures('54888000.00', '11984700.00', 18), figures('4888000.01', '9000000.00', 15))
    expect(rows.find((r) => r.key === 'committed')).toMatchObject({ current: '54888000.00', previous: '4888000.01', change: '49999999.99' })
    expect(rows.find((r) => r.key === 'atLeast500k')).toMatchObject({ change: '+3' })
    expect(compareWithPreviousYear(figures('1.00', '1.00', 1), null)[0]).toMatchObject({ previous: null, change: null })
  })
  it('opens on the latest year with income reported', () => {
    expect(defaultYear({ collectiveIncome: { year: 2023 } }, new Date('2026-12-03'))).toBe(2023)
    expect(defaultYear(null, new Date('2026-12-03'))).toBe(2026)
  })
  it('warns when the statistics say they are behind', () => {
    expect(freshnessOf({ asOf: '2026-12-03T12:00:00Z', lag: 0 }).warning).toBe(false)
    const behind = freshnessOf({ asOf: '2026-12-03T12:00:00Z', behind: { seconds: 95, sources: [
      { service: 'funds-service', upTo: null, seconds: 95, waitingEvents: 3, oldestWaitingSince: null, reason: 'Kafka is unreachable from funds-service; its events wait in its outbox' },
    ] } })
    expect(behind).toMatchObject({ warning: true, behindSeconds: 95, reasons: ['Kafka is unreachable from funds-service; its events wait in its outbox'] })
    expect(freshnessOf({ rebuilding: true }).warning).toBe(true)
    expect(freshnessOf({ gaps: { held: 2, deadLettered: 0 } }).warning).toBe(true)
  })
})

describe('the resolve dialog checks what the server checks', () => {
  it('needs a partnership and a date', async () => {
    const { validateResolution } = await import('@/needs/needRules')
    expect(validateResolution({ partnershipId: 'p-1', resolvedOn: '2023-06-01' })).toEqual({})
    expect(validateResolution({ partnershipId: '', resolvedOn: '2023-06-01' }).partnershipId?.key).toBe('form.required')
    expect(validateResolution({ partnershipId: 'p-1', resolvedOn: '' }).resolvedOn?.key).toBe('form.required')
    expect(validateResolution({ partnershipId: 'p-1', resolvedOn: '2023-06-01', note: 'x'.repeat(2001) }).note?.key).toBe('form.tooLong')
  })
})
