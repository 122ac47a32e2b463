import { describe, expect, it, vi } from 'vitest'
import { checkFile, errorCount, followJob, isFinished, mayApply, percentDone, summaryRows } from '@/imports/importJob'
import type { ImportJob } from '@/api/imports'

describe('an import job', () => {
  it('is finished when DONE or FAILED, and says how far it is', () => {
    expect(isFinished({ status: 'APPLYING' })).toBe(false)
    expect(isFinished({ status: 'DONE' })).toBe(true)
    expect(isFinished({ status: 'FAILED' })).toBe(true)
    expect(percentDone({ status: 'APPLYING', progress: { done: 1, total: 3 } })).toBe(33)
    expect(percentDone({ status: 'QUEUED', progress: { done: 0, total: 0 } })).toBeNull()
    expect(percentDone({ status: 'DONE', progress: { done: 0, total: 0 } })).toBe(100)
  })

  it('may be applied only after a dry run that found nothing wrong', () => {
    expect(mayApply({ dryRun: true, status: 'DONE', errorCount: 0 })).toBe(true)
    expect(mayApply({ dryRun: true, status: 'DONE', errorCount: 2 })).toBe(false)
    expect(mayApply({ dryRun: true, status: 'VALIDATING', errorCount: 0 })).toBe(false)
    expect(mayApply({ dryRun: false, status: 'DONE', errorCount: 0 })).toBe(false)
    expect(errorCount({ errors: [{ sheet: 'needs', row: 2 }] })).toBe(1)
  })

  it('lists the summary in the workbook\'s order of sheets', () => {
    const rows = summaryRows({ summary: { income: { created: 1 }, villages: { unchanged: 2 }, needs: { created: 3, failed: 1 } } as ImportJob['summary'] })
    expect(rows.map((r) => r.sheet)).toEqual(['villages', 'needs', 'income'])
    expect(rows[1]).toEqual({ sheet: 'needs', created: 3, updated: 0, unchanged: 0, failed: 1 })
  })

  it('refuses a file the server would refuse before sending it', () => {
    expect(checkFile(null)).toBe('imports.file.none')
    expect(checkFile({ name: 'a.xls', size: 10 })).toBe('imports.file.notXlsx')
    expect(checkFile({ name: 'a.xlsm', size: 10 })).toBe('imports.file.notXlsx')
    expect(checkFile({ name: 'a.XLSX', size: 0 })).toBe('imports.file.empty')
    expect(checkFile({ name: 'a.xlsx', size: 10 * 1024 * 1024 + 1 })).toBe('imports.file.tooLarge')
    expect(checkFile({ name: '导入.xlsx', size: 2048 })).toBeNull()
  })

  it('is followed until it is finished, through a failed poll, and no longer once stopped', async () => {
    vi.useFakeTimers()
    const answers: (ImportJob | Error)[] = [
      { id: 'j', status: 'VALIDATING' }, new Error('503'), { id: 'j', status: 'APPLYING', progress: { done: 5, total: 10 } }, { id: 'j', status: 'DONE' },
    ]
    const seen: string[] = []
    const errors: unknown[] = []
    let asked = 0
    followJob(async () => { const a = answers[asked++]; if (a instanceof Error) throw a; return a }, (j) => seen.push(j.status ?? ''), (e) => errors.push(e), 100)
    await vi.runAllTimersAsync()
    expect(seen).toEqual(['VALIDATING', 'APPLYING', 'DONE'])
    expect(errors).toHaveLength(1)
    expect(asked).toBe(4)

    asked = 0
    const stop = followJob(async () => { asked++; return { id: 'k', status: 'APPLYING' } }, () => {}, () => {}, 100)
    await vi.advanceTimersByTimeAsync(1000)
    const before = asked
    stop()
    await vi.advanceTimersByTimeAsync(10000)
    expect(asked).toBe(before)
    vi.useRealTimers()
  })
})
