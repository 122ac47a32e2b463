// An import job as the page follows it (import-service: QUEUED → VALIDATING → APPLYING → DONE | FAILED): when to stop
// polling, how far it is, whether the checked file may be applied, and the client's checks of a file before upload.
import type { ImportJob } from '@/api/imports'

export const IMPORT_STATUSES = ['QUEUED', 'VALIDATING', 'APPLYING', 'DONE', 'FAILED'] as const
/** import-service's default village.imports.max-file-bytes (10 MiB): a bigger file is refused with 413. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024
export const SHEETS = ['villages', 'organizations', 'resources', 'partnerships', 'projects', 'milestones', 'needs', 'funds', 'disbursements', 'income'] as const

export function isFinished(job: Pick<ImportJob, 'status'> | null | undefined): boolean {
  return job?.status === 'DONE' || job?.status === 'FAILED'
}

/** Per cent done (0–100, whole), or null while the total is unknown. */
export function percentDone(job: Pick<ImportJob, 'progress' | 'status'> | null | undefined): number | null {
  const p = job?.progress
  if (job?.status === 'DONE') return 100
  if (!p || !p.total) return null
  return Math.min(100, Math.floor(((p.done ?? 0) * 100) / p.total))
}

/** A dry run that finished without an error: its file may now be applied. */
export function mayApply(job: Pick<ImportJob, 'dryRun' | 'status' | 'errorCount' | 'errors'> | null | undefined): boolean {
  return !!job && job.dryRun === true && job.status === 'DONE' && (job.errorCount ?? job.errors?.length ?? 0) === 0
}

export function errorCount(job: Pick<ImportJob, 'errorCount' | 'errors'> | null | undefined): number {
  return job?.errorCount ?? job?.errors?.length ?? 0
}

/** The summary's sheets in the workbook's order, with their counts. */
export function summaryRows(job: Pick<ImportJob, 'summary'> | null | undefined): { sheet: string; created: number; updated: number; unchanged: number; failed: number }[] {
  const s = (job?.summary ?? {}) as Record<string, { created?: number; updated?: number; unchanged?: number; failed?: number }>
  const order = (k: string) => { const i = (SHEETS as readonly string[]).indexOf(k); return i < 0 ? SHEETS.length : i }
  return Object.keys(s).sort((a, b) => order(a) - order(b) || a.localeCompare(b)).map((sheet) => ({
    sheet, created: s[sheet].created ?? 0, updated: s[sheet].updated ?? 0, unchanged: s[sheet].unchanged ?? 0, failed: s[sheet].failed ?? 0,
  }))
}

/** What is wrong with a chosen file before it is sent (an i18n key), or null. */
export function checkFile(file: { name: string; size: number } | null | undefined): string | null {
  if (!file) return 'imports.file.none'
  if (!/\.xlsx$/i.test(file.name)) return 'imports.file.notXlsx'
  if (file.size === 0) return 'imports.file.empty'
  if (file.size > MAX_FILE_BYTES) return 'imports.file.tooLarge'
  return null
}

/**
 * Follows a job until it is finished: asks `fetch` at once, then every `intervalMs` (growing to at most 4 s while it
 * waits), handing each answer to `onUpdate`. A failed request is retried at the next tick (`onError` told). Returns stop().
 */
export function followJob(fetch: () => Promise<ImportJob>, onUpdate: (job: ImportJob) => void, onError: (e: unknown) => void = () => {},
  intervalMs = 500, timers: { set: (f: () => void, ms: number) => unknown; clear: (h: unknown) => void } =
    { set: (f, ms) => setTimeout(f, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) }): () => void {
  let stopped = false
  let handle: unknown = null // (setTimeout called unbound: a browser refuses it as a method of another object)
  let wait = intervalMs
  const tick = async () => {
    if (stopped) return
    try {
      const job = await fetch()
      if (stopped) return
      onUpdate(job)
      if (isFinished(job)) return
    } catch (e) {
      if (stopped) return
      onError(e)
    }
    wait = Math.min(4000, Math.round(wait * 1.25))
    handle = timers.set(tick, wait)
  }
  void tick()
  return () => {
    stopped = true
    if (handle !== null) timers.clear(handle)
  }
}
