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
