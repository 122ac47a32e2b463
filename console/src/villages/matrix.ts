// The organization × village matrix: which organizations are paired with which villages (ACTIVE pairings), with the
// rows ordered by how many villages an organization covers and the columns by village code.
export interface Pairing {
  organizationId?: string
  villageCode?: string
  status?: string
}

export interface Matrix {
  organizations: string[]
  villages: string[]
  /** `${organizationId}|${villageCode}` of every active pairing */
  cells: Set<string>
  perVillage: Map<string, number>
  perOrganization: Map<string, number>
}

export function pairingMatrix(pairings: readonly Pairing[], villageCodes: readonly string[]): Matrix {
  const cells = new Set<string>()
  const perVillage = new Map<string, number>(villageCodes.map((v) => [v, 0]))
  const perOrganization = new Map<string, number>()
  for (const p of pairings) {
    if (p.status !== 'ACTIVE' || !p.organizationId || !p.villageCode || !perVillage.has(p.villageCode)) continue
    const key = `${p.organizationId}|${p.villageCode}`
    if (cells.has(key)) continue
    cells.add(key)
    perVillage.set(p.villageCode, (perVillage.get(p.villageCode) ?? 0) + 1)
    perOrganization.set(p.organizationId, (perOrganization.get(p.organizationId) ?? 0) + 1)
  }
  const organizations = [...perOrganization.keys()].sort((a, b) => perOrganization.get(b)! - perOrganization.get(a)! || (a < b ? -1 : 1))
  return { organizations, villages: [...villageCodes].sort(), cells, perVillage, perOrganization }
}
