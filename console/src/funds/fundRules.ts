// funds-service's FundRules and Amounts, so the forms refuse what the server would.
import type { CommitFund, Disburse, Reverse } from '@/api/writes'
import { SOURCES } from '@/api/enums'
import { MAX_TEXT, WriteRules, type Errors } from '@/components/rules'
import { toFen } from '@/format/money'

const blank = (s: string | undefined | null) => !s || s.trim() === ''

/** POST /api/funds: a source; SOCIAL_CAPITAL names its investor; a fund names what it is for; an amount > 0; the date. */
export function validateCommitment(body: CommitFund): Errors {
  const r = new WriteRules()
    .oneOf('source', body.source, SOURCES, true)
    .reference('investorOrganizationId', body.investorOrganizationId, false)
    .reference('projectId', body.projectId, false)
    .reference('villageCode', body.villageCode, false)
    .money('committedAmount', body.committedAmount, true)
    .date('committedOn', body.committedOn, true)
    .text('ref', body.ref, false, 100)
  if (body.source === 'SOCIAL_CAPITAL' && blank(body.investorOrganizationId)) r.errors.investorOrganizationId = { key: 'writes.investorRequired' }
  else if (blank(body.investorOrganizationId) && blank(body.projectId) && blank(body.villageCode)) r.errors.villageCode = { key: 'writes.fundFor' }
  return r.errors
}

/**
 * POST /api/funds/{id}/disbursements: an amount > 0, the date, a note ≤ 2000; with the fund's remaining amount, also
 * what the server answers with a 409 (more than is left of the commitment).
 */
export function validateDisbursement(body: Disburse, remaining?: string): Errors {
  const r = new WriteRules()
    .money('amount', body.amount, true)
    .date('disbursedOn', body.disbursedOn, true)
    .text('note', body.note, false, MAX_TEXT, false)
  if (!r.errors.amount && remaining !== undefined && toFen(body.amount!.trim()) > toFen(remaining)) {
    r.errors.amount = { key: 'writes.aboveRemaining', params: { remaining } }
  }
  return r.errors
}

/** POST /api/funds/{id}/disbursements/{disbursementId}/reverse: a reason ≤ 2000. */
export function validateReversal(body: Reverse): Errors {
  return new WriteRules().text('reason', body.reason, true, MAX_TEXT, false).errors
}

/** Nothing of the commitment is left to disburse (the disburse button is then off; funds-service would answer 409). */
export function nothingLeft(fund: { remainingAmount?: string } | null | undefined): boolean {
  return /^0+(\.0+)?$/.test(fund?.remainingAmount ?? '0')
}
