import { describe, expect, it } from 'vitest'
import { nextStatuses, validateMilestoneCompletion, validateProgress, validateProject, validateStatusChange } from '@/projects/projectRules'
import { validateCommitment, validateDisbursement, validateReversal } from '@/funds/fundRules'
import { validateIncome } from '@/income/incomeRules'
import { checkCharacter, creditCodeProblem, validateOrganization } from '@/organizations/organizationRules'
import { daysBetween, overdueMilestones } from '@/milestones/overdue'
import { funnelOf, monthsBefore } from '@/funnel/funnel'
import { printLineOf, valueKey } from '@/components/printTitle'
import type { CreateProject, FundDetail, ProjectDetail } from '@/api/writes'
import type { Partnership } from '@/api/endpoints'

const key = (errors: Record<string, { key: string }>, field: string) => errors[field]?.key

describe('the project form checks what project-service checks', () => {
  const ok: CreateProject = {
    name: '红薯基地扩建', industry: 'SWEET_POTATO', villageCodes: ['CG001'], partnershipIds: ['p-1'], scale: { quantity: 500, unit: 'MU' },
    plannedInvestment: '1500000.00', startDate: '2024-03-01', endDate: '2024-12-31', milestones: [{ title: '育苗', dueDate: '2024-04-01' }],
  }
  it('accepts a good project', () => expect(validateProject(ok)).toEqual({}))
  it.each([
    [{ ...ok, name: '' }, 'name', 'form.required'],
    [{ ...ok, name: '一\n二' }, 'name', 'form.notPlain'],
    [{ ...ok, industry: 'RICE' }, 'industry', 'form.notOneOf'],
    [{ ...ok, villageCodes: [] }, 'villageCodes', 'form.required'],
    [{ ...ok, villageCodes: ['CG001', 'CG001'] }, 'villageCodes', 'writes.twice'],
    [{ ...ok, villageCodes: Array.from({ length: 51 }, (_, i) => `V${i}`) }, 'villageCodes', 'writes.tooMany'],
    [{ ...ok, partnershipIds: ['p 1'] }, 'partnershipIds', 'writes.notReference'],
    [{ ...ok, leadOrganizationId: 'org/1' }, 'leadOrganizationId', 'writes.notReference'],
    [{ ...ok, scale: { quantity: 0, unit: 'MU' } }, 'scale.quantity', 'writes.notPositive'],
    [{ ...ok, scale: { quantity: 1.005, unit: 'MU' } }, 'scale.quantity', 'writes.twoDecimals'],
    [{ ...ok, scale: { quantity: 1_000_000_001, unit: 'MU' } }, 'scale.quantity', 'writes.range'],
    [{ ...ok, scale: { quantity: 5, unit: 'ACRE' } }, 'scale.unit', 'form.notOneOf'],
    [{ ...ok, plannedInvestment: '' }, 'plannedInvestment', 'form.required'],
    [{ ...ok, plannedInvestment: '12.345' }, 'plannedInvestment', 'writes.notMoney'],
    [{ ...ok, plannedInvestment: '1e6' }, 'plannedInvestment', 'writes.notMoney'],
    [{ ...ok, plannedInvestment: '-1.00' }, 'plannedInvestment', 'writes.negative'],
    [{ ...ok, startDate: '' }, 'startDate', 'form.required'],
    [{ ...ok, endDate: '2024-02-28' }, 'endDate', 'writes.beforeStart'],
    [{ ...ok, milestones: [{ title: '', dueDate: '2024-04-01' }] }, 'milestones[0].title', 'form.required'],
    [{ ...ok, milestones: [{ title: '育苗', dueDate: '' }] }, 'milestones[0].dueDate', 'form.required'],
    [{ ...ok, milestones: [{ title: '育苗', dueDate: '2024-01-01' }] }, 'milestones[0].dueDate', 'writes.beforeStart'],
  ])('refuses %j at %s', (body, field, k) => expect(key(validateProject(body as CreateProject), field)).toBe(k))
  it('allows a free planned investment of 0 and no end date, pairings or milestones', () =>
    expect(validateProject({ ...ok, plannedInvestment: '0', endDate: undefined, partnershipIds: [], milestones: [] })).toEqual({}))
})

describe('a project moves only as the aggregate allows', () => {
  it.each([
    ['PLANNED', ['APPROVED', 'SUSPENDED', 'CANCELLED']],
    ['APPROVED', ['IN_PROGRESS', 'SUSPENDED', 'CANCELLED']],
    ['IN_PROGRESS', ['COMPLETED', 'SUSPENDED', 'CANCELLED']],
    ['SUSPENDED', ['IN_PROGRESS', 'CANCELLED']],
    ['COMPLETED', []],
    ['CANCELLED', []],
  ])('from %s to %j', (from, to) => expect(nextStatuses(from)).toEqual(to))
  it('checks the status, progress and milestone bodies', () => {
    expect(validateStatusChange({ status: 'APPROVED' })).toEqual({})
    expect(key(validateStatusChange({ status: 'DONE' }), 'status')).toBe('form.notOneOf')
    expect(key(validateStatusChange({ status: 'APPROVED', reason: 'x'.repeat(2001) }), 'reason')).toBe('form.tooLong')
    expect(validateProgress({ percentComplete: 40, reportedOn: '2024-05-01' })).toEqual({})
    expect(key(validateProgress({ percentComplete: 101, reportedOn: '2024-05-01' }), 'percentComplete')).toBe('writes.range')
    expect(key(validateProgress({ percentComplete: 40.5, reportedOn: '2024-05-01' }), 'percentComplete')).toBe('writes.range')
    expect(key(validateProgress({ percentComplete: undefined, reportedOn: '2024-05-01' }), 'percentComplete')).toBe('form.required')
    expect(key(validateProgress({ percentComplete: 40, reportedOn: '2024-5-1' }), 'reportedOn')).toBe('form.invalidDate')
    expect(key(validateMilestoneCompletion({ completedOn: '' }), 'completedOn')).toBe('form.required')
  })
})

describe('the fund forms check what funds-service checks', () => {
  const ok = { source: 'FISCAL', villageCode: 'CG001', committedAmount: '500000.00', committedOn: '2024-03-01' }
  it('accepts a good commitment', () => expect(validateCommitment(ok)).toEqual({}))
  it.each([
    [{ ...ok, source: '' }, 'source', 'form.required'],
    [{ ...ok, source: 'LOTTERY' }, 'source', 'form.notOneOf'],
    [{ ...ok, source: 'SOCIAL_CAPITAL' }, 'investorOrganizationId', 'writes.investorRequired'],
    [{ ...ok, villageCode: '' }, 'villageCode', 'writes.fundFor'],
    [{ ...ok, committedAmount: '0.00' }, 'committedAmount', 'writes.notPositive'],
    [{ ...ok, committedAmount: '-5' }, 'committedAmount', 'writes.notPositive'],
    [{ ...ok, committedAmount: '1,000' }, 'committedAmount', 'writes.notMoney'],
    [{ ...ok, committedAmount: '12345678901234' }, 'committedAmount', 'writes.notMoney'],
    [{ ...ok, committedOn: '' }, 'committedOn', 'form.required'],
  ])('refuses %j at %s', (body, field, k) => expect(key(validateCommitment(body), field)).toBe(k))
  it('a fund for a project or an investor needs no village', () => {
    expect(validateCommitment({ ...ok, villageCode: undefined, projectId: 'prj-1' })).toEqual({})
    expect(validateCommitment({ ...ok, source: 'SOCIAL_CAPITAL', villageCode: undefined, investorOrganizationId: 'org-1' })).toEqual({})
  })
  it('refuses a disbursement above what is left of the commitment, exactly to the fen', () => {
    const d = { amount: '100000.01', disbursedOn: '2024-04-01' }
    expect(key(validateDisbursement(d, '100000.00'), 'amount')).toBe('writes.aboveRemaining')
    expect(validateDisbursement({ ...d, amount: '100000.00' }, '100000.00')).toEqual({})
    expect(validateDisbursement(d)).toEqual({})
    expect(key(validateDisbursement({ ...d, amount: '0' }), 'amount')).toBe('writes.notPositive')
    expect(key(validateDisbursement({ ...d, disbursedOn: '' }), 'disbursedOn')).toBe('form.required')
  })
  it('a reversal needs its reason', () => {
    expect(key(validateReversal({ reason: ' ' }), 'reason')).toBe('form.required')
    expect(validateReversal({ reason: '重复录入' })).toEqual({})
  })
})

describe('collective income', () => {
  it('is a village, a year from 1949 to 2100 and an amount of 0 or more', () => {
    expect(validateIncome({ villageCode: 'CG001', year: 2023, amount: '350000.00' })).toEqual({})
    expect(validateIncome({ villageCode: 'CG001', year: 2023, amount: '0' })).toEqual({})
    expect(key(validateIncome({ villageCode: 'CG001', year: 1948, amount: '1' }), 'year')).toBe('writes.range')
    expect(key(validateIncome({ villageCode: 'CG001', year: 2023, amount: '-1' }), 'amount')).toBe('writes.negative')
    expect(key(validateIncome({ villageCode: 'CG001', year: 2023, amount: '' }), 'amount')).toBe('form.required')
  })
})

describe('unified social credit codes (GB 32100-2015)', () => {
  it("knows the standard's example", () => {
    expect(checkCharacter('91350100M000100Y4')).toBe('3')
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull()
  })
  it.each([
    ['91350100M000100Y4', 'orgWrites.codeLength'],
    ['91350100M000100Y4I', 'orgWrites.codeCharacters'],
    ['B1350100M000100Y43', 'orgWrites.codeAuthority'],
    ['9135A100M000100Y43', 'orgWrites.codeRegion'],
    ['91350100M000100Y44', 'orgWrites.codeCheck'],
  ])('refuses %s', (code, k) => expect(creditCodeProblem(code)).toBe(k))
  it('checks the organization body', () => {
    expect(validateOrganization({ name: '县农业公司', type: 'ENTERPRISE', creditCode: '91350100M000100Y43' })).toEqual({})
    expect(key(validateOrganization({ name: '', type: 'ENTERPRISE', creditCode: '91350100M000100Y43' }), 'name')).toBe('form.required')
    expect(key(validateOrganization({ name: 'x', type: 'SHOP', creditCode: '91350100M000100Y43' }), 'type')).toBe('form.notOneOf')
  })
})

const project = (over: Partial<ProjectDetail>): ProjectDetail => ({ id: 'prj', name: '项目', status: 'IN_PROGRESS', township: '城关镇', villageCodes: ['CG001'], milestones: [], ...over })

describe('overdue milestones', () => {
  it('lists the open milestones past due of the township, longest overdue first', () => {
    const projects = [
      project({ id: 'a', name: '甲', milestones: [
        { id: 'm1', title: '育苗', dueDate: '2024-05-01', overdue: true },
        { id: 'm2', title: '移栽', dueDate: '2024-06-01', overdue: false },
        { id: 'm3', title: '完成的', dueDate: '2024-01-01', overdue: false, completed: true, completedOn: '2024-01-02' },
      ] }),
      project({ id: 'b', name: '乙', milestones: [{ id: 'm4', title: '验收', dueDate: '2024-03-01', overdue: true }] }),
      project({ id: 'c', name: '别镇', township: '别的镇', milestones: [{ id: 'm5', title: 'x', dueDate: '2024-01-01', overdue: true }] }),
    ]
    const rows = overdueMilestones(projects, '2024-05-31', '城关镇')
    expect(rows.map((r) => [r.milestone.id, r.daysOverdue])).toEqual([['m4', 91], ['m1', 30]])
    expect(overdueMilestones(projects, '2024-05-31', null)).toHaveLength(3)
  })
  it('counts days across months', () => expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2))
})

describe('the 签约→落地→见效 funnel', () => {
  it('subtracts calendar months', () => {
    expect(monthsBefore('2024-08-31', 6)).toBe('2024-02-29')
    expect(monthsBefore('2024-03-15', 3)).toBe('2023-12-15')
    expect(monthsBefore('2024-01-10', 24)).toBe('2022-01-10')
  })
  const pairing = (id: string, org: string, village: string, startDate: string): Partnership =>
    ({ id, organizationId: org, villageCode: village, startDate, status: 'ACTIVE' })
  const today = '2024-06-30'
  const partnerships = [
    pairing('old-nothing', 'o1', 'V1', '2022-01-01'),
    pairing('new-nothing', 'o2', 'V2', '2024-05-01'),
    pairing('landed', 'o3', 'V3', '2023-01-01'),
    pairing('effect-old', 'o4', 'V4', '2022-01-01'),
    pairing('by-lead', 'o5', 'V5', '2022-01-01'),
    pairing('reversed-only', 'o6', 'V6', '2022-01-01'),
    { ...pairing('ended', 'o7', 'V7', '2022-01-01'), status: 'ENDED' },
  ]
  const projects = [
    project({ id: 'p3', partnershipIds: ['landed'], startDate: '2024-03-01', villageCodes: ['V3'] }),
    project({ id: 'p4', partnershipIds: ['effect-old'], startDate: '2022-06-01', villageCodes: ['V4'],
      milestones: [{ id: 'm', title: 't', dueDate: '2022-09-01', completed: true, completedOn: '2022-09-10' }] }),
    project({ id: 'p5', leadOrganizationId: 'o5', villageCodes: ['V5'], startDate: '2021-01-01' }),
    project({ id: 'cancelled', partnershipIds: ['old-nothing'], status: 'CANCELLED', startDate: '2024-06-01' }),
  ]
  const funds: FundDetail[] = [
    { id: 'f5', projectId: 'p5', disbursements: [{ id: 'd', amount: '10.00', disbursedOn: '2024-06-01' }] },
    { id: 'f6', investorOrganizationId: 'o6', villageCode: 'V6', disbursements: [{ id: 'd', amount: '10.00', disbursedOn: '2024-06-01', reversed: true }] },
  ]
  const f = funnelOf(partnerships, projects, funds, today, 6)
  const of = (id: string) => f.pairings.find((p) => p.partnership.id === id)!

  it('counts the active pairings through the stages', () => {
    expect([f.signed, f.landed, f.effective]).toEqual([6, 3, 2])
    expect(f.cutoff).toBe('2023-12-30')
    expect(f.byLight).toEqual({ red: 3, amber: 1, green: 2 })
  })
  it('colours each pairing by what happened in the last N months', () => {
    expect([of('old-nothing').light, of('old-nothing').stage]).toEqual(['red', 'SIGNED']) // a cancelled project does not count
    expect(of('new-nothing').light).toBe('amber')
    expect([of('landed').light, of('landed').stage, of('landed').lastActivity]).toEqual(['green', 'LANDED', { on: '2024-03-01', kind: 'project' }])
    expect([of('effect-old').light, of('effect-old').stage]).toEqual(['red', 'EFFECTIVE'])
    expect([of('by-lead').light, of('by-lead').lastActivity]).toEqual(['green', { on: '2024-06-01', kind: 'disbursement' }])
    expect([of('reversed-only').light, of('reversed-only').stage]).toEqual(['red', 'SIGNED'])
    expect(f.pairings[0].light).toBe('red')
  })
  it('with a longer window an old milestone is recent enough', () => {
    expect(funnelOf(partnerships, projects, funds, today, 24).pairings.find((p) => p.partnership.id === 'effect-old')!.light).toBe('green')
  })
})

describe('the printed title line', () => {
  it('names the township, the year and the filters', () => {
    const line = printLineOf({ status: 'IN_PROGRESS', industry: 'WALNUT', page: '2', year: '2023' }, '城关镇', null)
    expect(line).toEqual({ township: '城关镇', year: '2023', filters: [{ name: 'status', value: 'IN_PROGRESS' }, { name: 'industry', value: 'WALNUT' }] })
    expect(printLineOf({ township: '河西镇' }, null, '2022')).toMatchObject({ township: '河西镇', year: '2022', filters: [] })
  })
  it('labels enumerated values by the screen they filter', () => {
    expect(valueKey('status', 'IN_PROGRESS', '/projects')).toBe('projectStatus.IN_PROGRESS')
    expect(valueKey('status', 'OPEN', '/needs')).toBe('needStatus.OPEN')
    expect(valueKey('source', 'FISCAL', '/funds')).toBe('source.FISCAL')
    expect(valueKey('light', 'red', '/funnel')).toBe('funnel.light.red')
    expect(valueKey('villageCode', 'CG001', '/funds')).toBe('')
  })
})
