// The organizations a TOWNSHIP may give accounts to: those with an ACTIVE pairing with one of its villages (what
// identity-service checks with partnership-service), by name.
export interface PairingLike { organizationId?: string; villageCode?: string; status?: string }
export interface OrganizationLike { id?: string; name?: string }

export function organizationsOfTownship(villageCodes: Iterable<string>, pairings: PairingLike[], organizations: OrganizationLike[]): { id: string; name: string }[] {
  const villages = new Set(villageCodes)
  const ids = new Set(pairings.filter((p) => p.status === 'ACTIVE' && p.villageCode && villages.has(p.villageCode) && p.organizationId)
    .map((p) => p.organizationId as string))
  const names = new Map(organizations.map((o) => [o.id ?? '', o.name ?? '']))
  return [...ids].map((id) => ({ id, name: names.get(id) || id })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id))
}

/** The townships of the county's villages (for a COUNTY creating a TOWNSHIP account), each once, in Chinese order. */
export function townshipsOf(villages: { township?: string }[]): string[] {
  return [...new Set(villages.map((v) => v.township?.trim() ?? '').filter((t) => t))].sort((a, b) => a.localeCompare(b, 'zh-CN'))
}
