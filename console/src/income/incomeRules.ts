// funds-service's CollectiveIncomeController: a village, a year from 1949 to 2100, an amount of 0 or more.
import type { ReportIncome } from '@/api/writes'
import { WriteRules, type Errors } from '@/components/rules'

export const FIRST_YEAR = 1949
export const LAST_YEAR = 2100

export interface IncomeReport extends ReportIncome {
  villageCode: string
  year: number | undefined
}

export function validateIncome(body: IncomeReport): Errors {
  return new WriteRules()
    .code('villageCode', body.villageCode)
    .integer('year', body.year, FIRST_YEAR, LAST_YEAR)
    .money('amount', body.amount, false).errors
}
