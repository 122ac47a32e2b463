// The server's field rules (partnership-service's Fields and @PlainText), so a form refuses what the server would
// before sending it. Messages are i18n keys with their parameters.
export const MAX_NAME = 200
export const MAX_TEXT = 2000
const CODE = /^[A-Za-z0-9._-]{1,40}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/
// control characters, line and paragraph separators (Java's Character.CONTROL / LINE_SEPARATOR / PARAGRAPH_SEPARATOR)
const NOT_PLAIN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/

export interface FieldError {
  key: string
  params?: Record<string, unknown>
}
export type Errors = Record<string, FieldError>

/** Java counts UTF-16 code units (String.length()): so does this. */
function tooLong(s: string, max: number): boolean {
  return s.length > max
}

export class Rules {
  readonly errors: Errors = {}

  text(field: string, value: string | undefined | null, required: boolean, max: number, plain = true): this {
    if (value === undefined || value === null || value === '') {
      if (required) this.errors[field] = { key: 'form.required' }
      return this
    }
    if (value.trim() === '') this.errors[field] = { key: 'form.required' }
    else if (plain && NOT_PLAIN.test(value)) this.errors[field] = { key: 'form.notPlain' }
    else if (tooLong(value, max)) this.errors[field] = { key: 'form.tooLong', params: { max } }
    return this
  }

  code(field: string, value: string | undefined | null): this {
    if (!value) this.errors[field] = { key: 'form.required' }
    else if (!CODE.test(value)) this.errors[field] = { key: 'form.notCode' }
    return this
  }

  oneOf(field: string, value: string | undefined | null, values: readonly string[], required: boolean): this {
    if (!value) {
      if (required) this.errors[field] = { key: 'form.required' }
    } else if (!values.includes(value)) this.errors[field] = { key: 'form.notOneOf' }
    return this
  }

  allOf(field: string, value: string[] | undefined, values: readonly string[]): this {
    if (value && value.some((v) => !values.includes(v))) this.errors[field] = { key: 'form.notOneOf' }
    return this
  }

  date(field: string, value: string | undefined | null, required: boolean): this {
    if (!value) {
      if (required) this.errors[field] = { key: 'form.required' }
    } else if (!DATE.test(value) || Number.isNaN(Date.parse(value + 'T00:00:00Z'))) this.errors[field] = { key: 'form.invalidDate' }
    return this
  }
}

// ---- township writes (console-a): the project- and funds-service's rules ----
/** Ids and codes of other services in project-service's bodies (RequestValidation.REFERENCE). */
const REFERENCE = /^[A-Za-z0-9._:-]{1,64}$/
/** village.contracts.Money.ofYuan: at most 13 digits of yuan and 2 decimals. */
const YUAN = /^-?\d{1,13}(\.\d{1,2})?$/

export class WriteRules extends Rules {
  /** An id of another service's record (1–64 of letters, digits, . _ : -). */
  reference(field: string, value: string | undefined | null, required: boolean): this {
    if (!value) {
      if (required) this.errors[field] = { key: 'form.required' }
    } else if (!REFERENCE.test(value)) this.errors[field] = { key: 'writes.notReference' }
    return this
  }

  /** Every element a reference, none twice; `min`..`max` of them. */
  references(field: string, values: string[] | undefined, min: number, max: number): this {
    const list = values ?? []
    if (list.length < min) this.errors[field] = { key: min === 1 ? 'form.required' : 'writes.tooFew', params: { min } }
    else if (list.length > max) this.errors[field] = { key: 'writes.tooMany', params: { max } }
    else if (list.some((v) => !REFERENCE.test(v))) this.errors[field] = { key: 'writes.notReference' }
    else if (new Set(list).size !== list.length) this.errors[field] = { key: 'writes.twice' }
    return this
  }

  /** Yuan as a decimal string (Money.ofYuan); `positive`: greater than 0, else 0 or more. */
  money(field: string, value: string | undefined | null, positive: boolean): this {
    const v = (value ?? '').trim()
    if (!v) this.errors[field] = { key: 'form.required' }
    else if (!YUAN.test(v)) this.errors[field] = { key: 'writes.notMoney' }
    else if (v.startsWith('-')) this.errors[field] = { key: positive ? 'writes.notPositive' : 'writes.negative' }
    else if (positive && /^0+(\.0+)?$/.test(v)) this.errors[field] = { key: 'writes.notPositive' }
    return this
  }

  /** A whole number from `min` to `max`. */
  integer(field: string, value: number | undefined | null, min: number, max: number): this {
    if (value === undefined || value === null || Number.isNaN(value)) this.errors[field] = { key: 'form.required' }
    else if (!Number.isInteger(value) || value < min || value > max) this.errors[field] = { key: 'writes.range', params: { min, max } }
    return this
  }

  /** A number greater than 0, at most `max`, with at most 2 decimals (project-service's scale.quantity). */
  quantity(field: string, value: number | undefined | null, max: number): this {
    if (value === undefined || value === null || Number.isNaN(value)) this.errors[field] = { key: 'form.required' }
    else if (value <= 0) this.errors[field] = { key: 'writes.notPositive' }
    else if (value > max) this.errors[field] = { key: 'writes.range', params: { min: 0, max } }
    else if (Math.abs(Math.round(value * 100) - value * 100) > 1e-6) this.errors[field] = { key: 'writes.twoDecimals' }
    return this
  }

  /** `value` (a date) not before `other` (when both are dates). */
  notBefore(field: string, value: string | undefined | null, other: string | undefined | null): this {
    if (!this.errors[field] && value && other && value < other) this.errors[field] = { key: 'writes.beforeStart' }
    return this
  }
}
