import { describe, expect, it } from 'vitest'
import { pairingMatrix } from '@/villages/matrix'

describe('the organization × village matrix', () => {
  it('marks each active pairing once, counts per row and column, orders by coverage', () => {
    const m = pairingMatrix([
      { organizationId: 'b', villageCode: 'CG002', status: 'ACTIVE' },
      { organizationId: 'a', villageCode: 'CG001', status: 'ACTIVE' },
      { organizationId: 'a', villageCode: 'CG002', status: 'ACTIVE' },
      { organizationId: 'a', villageCode: 'CG002', status: 'ACTIVE' }, // the same pair twice counts once
      { organizationId: 'c', villageCode: 'CG001', status: 'ENDED' },
      { organizationId: 'd', villageCode: 'XX009', status: 'ACTIVE' }, // another township's village
    ], ['CG003', 'CG001', 'CG002'])
    expect(m.organizations).toEqual(['a', 'b'])
    expect(m.villages).toEqual(['CG001', 'CG002', 'CG003'])
    expect([...m.cells].sort()).toEqual(['a|CG001', 'a|CG002', 'b|CG002'])
    expect(Object.fromEntries(m.perVillage)).toEqual({ CG001: 1, CG002: 2, CG003: 0 })
    expect(Object.fromEntries(m.perOrganization)).toEqual({ a: 2, b: 1 })
  })
})
