// partnership-service's rules for POST /api/organizations (OrganizationController and CreditCode, GB 32100-2015).
import type { RegisterOrganization } from '@/api/writes'
import { ORGANIZATION_TYPES } from '@/api/enums'
import { MAX_NAME, Rules, type Errors } from '@/components/rules'

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const AUTHORITIES = '123456789ANY'

/** The check character of a code's first 17 characters. */
export function checkCharacter(code: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(code.charAt(i)) * WEIGHTS[i]
  return ALPHABET.charAt((31 - (sum % 31)) % 31)
}

/** The i18n key of what is wrong with a unified social credit code, or null when it is valid. */
export function creditCodeProblem(value: string | undefined | null): string | null {
  if (!value) return 'form.required'
  if (value.length !== 18) return 'orgWrites.codeLength'
  for (const c of value) if (!ALPHABET.includes(c)) return 'orgWrites.codeCharacters'
  if (!AUTHORITIES.includes(value.charAt(0))) return 'orgWrites.codeAuthority'
  if (!/^\d{6}$/.test(value.slice(2, 8))) return 'orgWrites.codeRegion'
  if (value.charAt(17) !== checkCharacter(value)) return 'orgWrites.codeCheck'
  return null
}

export function validateOrganization(body: RegisterOrganization): Errors {
  const r = new Rules()
    .text('name', body.name, true, MAX_NAME)
    .oneOf('type', body.type, ORGANIZATION_TYPES, true)
  const code = creditCodeProblem(body.creditCode)
  if (code) r.errors.creditCode = { key: code }
  if (body.contact) r.text('contact.name', body.contact.name, false, MAX_NAME).text('contact.phone', body.contact.phone, false, 40)
  return r.errors
}
