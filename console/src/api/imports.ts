// import-service's /api/imports (docs/API.md), typed from openapi/import.json. The upload is multipart, so it is sent
// here rather than through client.request (JSON only), with the same CSRF header and problem handling.
import type { components as M } from './generated/import'
import { ApiError, cookie, get, withQuery, type Problem } from './client'

export type ImportJob = M['schemas']['ImportJob']
export type RowError = M['schemas']['RowError']
export type SheetSummary = M['schemas']['SheetSummary']
export type Change = M['schemas']['Change']

export const TEMPLATE_URL = '/api/imports/template'
export const reportUrl = (id: string) => `/api/imports/${encodeURIComponent(id)}/report`

export async function startImport(file: File, dryRun: boolean): Promise<{ id: string; status: string }> {
  const form = new FormData()
  form.append('file', file, file.name)
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' }
  const xsrf = cookie('XSRF-TOKEN')
  if (xsrf) headers['X-XSRF-TOKEN'] = xsrf
  let response: Response
  try {
    response = await fetch(withQuery('/api/imports', { dryRun }), { method: 'POST', headers, body: form, credentials: 'same-origin' })
  } catch (e) {
    throw new ApiError(0, { title: 'Network error', detail: String(e) }, null)
  }
  const text = await response.text()
  let body: unknown = null
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    body = { detail: text.slice(0, 200) }
  }
  if (!response.ok) {
    const retryAfter = response.headers.get('Retry-After')
    const seconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : null
    throw new ApiError(response.status, { status: response.status, ...((body ?? {}) as Problem) }, seconds)
  }
  return body as { id: string; status: string }
}

export const importsApi = {
  list: (page = 0, size = 20) => get<M['schemas']['PageResponseImportJob']>('/api/imports', { page, size }),
  job: (id: string) => get<ImportJob>(`/api/imports/${encodeURIComponent(id)}`),
}
