// A write form's behaviour: the client's rules first, one Idempotency-Key per intended write (kept when the request is
// retried, so a double click or a retry after a 503 creates one record), the server's problem details beside the fields.
import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError, newIdempotencyKey } from '@/api/client'
import type { Errors } from './rules'

export function useWriteForm<B, R>(validate: (body: B) => Errors, send: (body: B, key: string) => Promise<R>) {
  const { t } = useI18n()
  const clientErrors = ref<Errors>({})
  const serverErrors = ref<Record<string, string>>({})
  const problem = ref<string | null>(null)
  const submitting = ref(false)
  /** The HTTP status of the last refusal (412: the record changed since it was read), null after a success. */
  const refusedWith = ref<number | null>(null)
  let key = newIdempotencyKey()

  const errorOf = (field: string) => computed(() => {
    const c = clientErrors.value[field]
    return c ? t(c.key, c.params ?? {}) : serverErrors.value[field] ?? ''
  })
  /** Every field's message (the client's rule first, else the server's), for `:error="form.errors.value.title"`. */
  const errors = computed(() => {
    const out: Record<string, string> = { ...serverErrors.value }
    for (const [field, c] of Object.entries(clientErrors.value)) out[field] = t(c.key, c.params ?? {})
    return out
  })

  /** A fresh start (a dialog opened for another record): no messages, a new Idempotency-Key. */
  function reset() {
    clientErrors.value = {}
    serverErrors.value = {}
    problem.value = null
    key = newIdempotencyKey()
  }

  async function submit(body: B): Promise<R | null> {
    if (submitting.value) return null
    clientErrors.value = validate(body)
    serverErrors.value = {}
    problem.value = null
    refusedWith.value = null
    if (Object.keys(clientErrors.value).length) {
      problem.value = t('form.fieldProblems')
      return null
    }
    submitting.value = true
    try {
      const created = await send(body, key)
      key = newIdempotencyKey()
      return created
    } catch (e) {
      if (e instanceof ApiError) {
        refusedWith.value = e.status
        serverErrors.value = e.fieldErrors()
        if (e.status === 503 && e.retryAfterSeconds !== null) problem.value = t('app.retryIn', { seconds: e.retryAfterSeconds })
        else if (e.status === 503 || e.status === 0) problem.value = t('writes.unavailable')
        else if (e.status === 412) problem.value = t('writes.stale')
        else if (e.status === 403) problem.value = t('writes.forbidden', { detail: e.problem.detail ?? e.problem.title ?? '' })
        else if (e.status === 409) problem.value = t('form.conflict', { detail: e.problem.detail ?? '' })
        else problem.value = t('form.serverRejected', { detail: e.problem.detail ?? e.problem.title ?? String(e.status) })
        if (e.status !== 503 && e.status !== 0) key = newIdempotencyKey() // refused: the next try is a new write
      } else {
        problem.value = String(e)
      }
      return null
    } finally {
      submitting.value = false
    }
  }

  return { clientErrors, serverErrors, problem, submitting, refusedWith, errorOf, errors, reset, submit }
}
