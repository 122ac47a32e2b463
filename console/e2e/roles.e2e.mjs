// The organization's home and its three writes (progress, a milestone, a disbursement), the county's and the township's
// accounts, the township's imports, the county dashboard's time to interactive and its A4 print, in a real browser (Debian's Chromium through playwright-core) signed in through the identity provider's pages — run by
// acceptance/ConsoleRolesIT against a running system with the demo loaded. One line per check; exit 1 on a failure.
import { chromium } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

const env = (name, fallback) => {
  const v = process.env[name] ?? fallback
  if (v === undefined) throw new Error(`${name} is not set`)
  return v
}
const BASE = env('CONSOLE_URL').replace(/\/$/, '')
const SHOTS = env('CONSOLE_SCREENSHOTS', 'target/screenshots')
const ORG = { user: env('ROLES_ORG_USER'), password: env('ROLES_ORG_PASSWORD'), next: env('ROLES_ORG_NEW_PASSWORD'), id: env('ROLES_ORG_ID') }
const CLERK = { user: env('ROLES_TOWNSHIP_USER'), password: env('ROLES_TOWNSHIP_PASSWORD'), next: env('ROLES_TOWNSHIP_NEW_PASSWORD') }
const COUNTY = { user: env('ROLES_COUNTY_USER'), password: env('ROLES_COUNTY_PASSWORD'), next: env('ROLES_COUNTY_NEW_PASSWORD') }
const TOWNSHIP = env('ROLES_TOWNSHIP')
const PAIRED_ORG = env('ROLES_PAIRED_ORG_NAME')
const ORG_PROJECT = { id: env('ROLES_ORG_PROJECT_ID'), name: env('ROLES_ORG_PROJECT_NAME') }
const ORG_FUND = { id: env('ROLES_ORG_FUND_ID'), village: env('ROLES_ORG_FUND_VILLAGE') }
const BAD_XLSX = env('ROLES_BAD_XLSX')
const GOOD_XLSX = env('ROLES_GOOD_XLSX')
// the budget: 1.5 s. Always measured and printed; enforced when ROLES_DASHBOARD_BUDGET_MS is set (ConsoleRolesIT
// passes VILLAGE_DASHBOARD_BUDGET_MS), since on a machine shared by several builds the figure says more about the load
const BUDGET_MS = Number(process.env.ROLES_DASHBOARD_BUDGET_MS ?? '1500')
const ENFORCE_BUDGET = process.env.ROLES_DASHBOARD_BUDGET_MS !== undefined
mkdirSync(SHOTS, { recursive: true })

const browser = await chromium.launch({
  executablePath: env('CONSOLE_CHROMIUM', '/usr/bin/chromium'),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
})

let failures = 0
async function check(name, fn) {
  const t0 = Date.now()
  try {
    await fn()
    console.log(`✓ ${name} (${Date.now() - t0} ms)`)
  } catch (e) {
    failures++
    console.log(`✗ ${name}: ${e && e.stack ? e.stack : e}`)
  }
}
function expect(cond, message) {
  if (!cond) throw new Error(message)
}
async function axe(page, name) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).exclude('.el-select-dropdown').analyze()
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.length === 0, `${name}: axe found ${serious.length} serious/critical violation(s):\n` + serious.map((v) =>
    `  ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`).join('\n'))
}
async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}
async function choose(page, testid, optionText) {
  await page.getByTestId(testid).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: optionText }).first().click()
}

/** A new browser context signed in through the provider's pages (the one-time password changed); the landing page. */
async function signIn(account) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } })
  const page = await context.newPage()
  await page.goto(BASE + '/')
  await page.locator('input[name="username"]').waitFor()
  await page.fill('input[name="username"]', account.user)
  await page.fill('input[name="password"]', account.password)
  await page.click('button[type="submit"]')
  await page.waitForURL((u) => u.pathname === '/change-password' || u.href.startsWith(BASE + '/'), { timeout: 60000 })
  if (new URL(page.url()).pathname === '/change-password' && !page.url().startsWith(BASE + '/')) {
    await page.fill('input[name="current"]', account.password)
    await page.fill('input[name="newPassword"]', account.next)
    await page.fill('input[name="confirm"]', account.next)
    await page.click('button[type="submit"]')
    await page.waitForURL((u) => u.href.startsWith(BASE + '/'), { timeout: 60000 })
    account.password = account.next // the next sign-in of this account uses the new one
  }
  await page.getByTestId('who').waitFor({ timeout: 60000 })
  return { context, page }
}

const SCREENS = [{ width: 1366, height: 768, name: '1366' }, { width: 390, height: 844, name: 'phone' }]
/** The page at 1366×768 and at phone width: nothing wider than the screen, a screenshot of each, axe on each. */
async function atBothSizes(page, name, ready = async () => {}) {
  for (const s of SCREENS) {
    await page.setViewportSize({ width: s.width, height: s.height })
    await ready()
    const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth])
    expect(scroll <= inner, `${name} at ${s.width} px: the page is ${scroll} px wide`)
    await shot(page, `${name}-${s.name}`)
    await axe(page, `${name} at ${s.width} px`)
  }
  await page.setViewportSize({ width: 1366, height: 768 })
}
/** Tab from the top of the page until {@code target} has the focus (keyboard reachable), at most {@code max} presses. */
async function tabTo(page, target, max = 400) {
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0) })
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return i + 1
  }
  throw new Error(`not reached by ${max} presses of Tab`)
}
const api = async (context, path) => (await context.request.get(BASE + path)).json()

// ------------------------------------------------------------------------------------------------ the county

await check(`county: the dashboard is interactive within ${BUDGET_MS} ms of landing after sign-in`, async () => {
  const { context, page } = await signIn(COUNTY)
  await page.waitForURL(/\/dashboard/)
  await page.getByTestId('fig-villages').waitFor()
  const read = () => page.evaluate(async () => {
    for (let i = 0; i < 100 && !performance.getEntriesByName('dashboard-interactive').length; i++) await new Promise((r) => setTimeout(r, 50))
    const m = performance.getEntriesByName('dashboard-interactive')[0]
    const n = performance.getEntriesByType('navigation')[0]
    const waterfall = performance.getEntriesByType('resource').filter((e) => !e.name.includes('/assets/') || /index-|CountyDashboard-/.test(e.name))
      .map((e) => `${e.name.replace(location.origin, '').replace(/-[A-Za-z0-9_-]{8}\.(js|css)$/, '.$1')} ${Math.round(e.startTime)}–${Math.round(e.responseEnd)}`)
    return { interactive: m ? Math.round(m.startTime) : null, fetchStart: Math.round(n.fetchStart), domInteractive: Math.round(n.domInteractive), waterfall }
  })
  const first = await read()
  // and the same page opened again (the browser's cache warm), the median of three
  const again = []
  for (let i = 0; i < 3; i++) {
    await page.goto(BASE + '/')
    await page.getByTestId('fig-villages').waitFor()
    again.push((await read()).interactive)
  }
  again.sort((a, b) => a - b)
  expect(first.interactive !== null, 'the dashboard marked dashboard-interactive')
  const landed = first.interactive - first.fetchStart
  console.log(`  DASHBOARD_INTERACTIVE_MS ${landed} after the landing page was asked for, right after sign-in (cold cache; the sign-in's`
    + ` redirects took ${first.fetchStart} ms before it); opened again: ${again.join(', ')} ms (median ${again[1]}); budget ${BUDGET_MS} ms`
    + (ENFORCE_BUDGET ? '' : ' (not enforced)'))
  console.log(`  waterfall after sign-in (ms from the navigation's start): ${first.waterfall.join(' · ')}`)
  if (ENFORCE_BUDGET) expect(landed <= BUDGET_MS && again[1] <= BUDGET_MS, `interactive ${landed} ms / median ${again[1]} ms (budget ${BUDGET_MS})`)

  // printed on A4: the title line names the whole county and the year shown (the default year is not in the address)
  await page.emulateMedia({ media: 'print' })
  const title = await page.getByTestId('print-title').innerText()
  expect(/全县 · \d{4} 年度 · 未筛选/.test(title), `dashboard print title: ${title}`)
  await page.pdf({ path: join(SHOTS, 'dashboard-a4.pdf'), format: 'A4', printBackground: true })
  await page.emulateMedia({ media: 'screen' })
  await context.close()
})

let newClerk
await check('county: creates a TOWNSHIP account (the one-time password shown once), which then signs in; resets its password', async () => {
  const { context, page } = await signIn(COUNTY)
  const nav = (await page.locator('nav.app-nav a').allInnerTexts()).map((s) => s.trim())
  expect(nav.includes('账户管理') && !nav.includes('批量导入'), `navigation: ${JSON.stringify(nav)}`)
  await page.locator('nav.app-nav a', { hasText: '账户管理' }).click()
  await page.getByTestId('account-form').waitFor()
  expect((await page.locator('h1').innerText()).includes('县、乡镇账户'), 'the county\'s accounts')
  expect((await page.getByTestId('account-organization').count()) === 0, 'no organization field for the county')
  // a TOWNSHIP account needs its township: refused beside the field before anything is sent
  const username = `tw-${Date.now().toString(36)}`
  await page.getByTestId('account-role-TOWNSHIP').click()
  await page.getByTestId('account-username').fill(username)
  await page.getByTestId('account-display-name').fill('乡镇办事员测试')
  await page.getByTestId('account-submit').click()
  await page.locator('.el-form-item', { has: page.getByTestId('account-township') }).locator('.el-form-item__error').waitFor()
  await choose(page, 'account-township', TOWNSHIP)
  await atBothSizes(page, 'county-accounts', () => page.getByTestId('account-form').waitFor())
  await page.getByTestId('account-submit').click()
  await page.getByTestId('one-time-password').waitFor()
  const password = (await page.getByTestId('one-time-password').innerText()).trim()
  expect(password.length >= 10, `a one-time password: ${password}`)
  await shot(page, 'county-accounts-one-time-password')
  await page.getByTestId('one-time-close').click()
  await page.getByTestId('one-time-dialog').waitFor({ state: 'hidden' })
  expect(!(await page.content()).includes(password), 'the password is gone from the page once the dialog is closed')
  const row = page.getByTestId('accounts').locator('tr', { hasText: username })
  await row.getByText('待首次登录').waitFor()
  expect((await row.innerText()).includes(TOWNSHIP) && (await row.innerText()).includes('乡镇'), `the row: ${await row.innerText()}`)
  const account = await api(context, `/api/users/${username}`)
  expect(account.role === 'TOWNSHIP' && account.township === TOWNSHIP, `on record: ${JSON.stringify(account)}`)
  // the new account signs in with it (and changes it), landing on its township's villages
  newClerk = { user: username, password, next: `Pw-${Date.now()}-Zz9!` }
  const signedIn = await signIn(newClerk)
  await signedIn.page.waitForURL(new RegExp(`/townships/${encodeURIComponent(TOWNSHIP)}`))
  await signedIn.context.close()
  // reset (confirmed): a new one-time password
  await page.reload()
  await row.getByTestId('account-reset').click()
  await page.locator('.el-message-box__btns button', { hasText: '确定' }).click()
  await page.getByTestId('one-time-password').waitFor()
  const reset = (await page.getByTestId('one-time-password').innerText()).trim()
  expect(reset.length >= 10 && reset !== password, 'a new one-time password')
  await page.getByTestId('one-time-close').click()
  await row.getByText('待首次登录').waitFor()
  await context.close()
})

// ------------------------------------------------------------------------------------------------ the organization

await check('organization: signs in to its own home — its pairings, resources, projects and funds, no township menus', async () => {
  const { context, page } = await signIn(ORG)
  await page.waitForURL(/\/organization$/)
  await page.getByTestId('org-pairings').waitFor()
  const nav = (await page.locator('nav.app-nav a').allInnerTexts()).map((s) => s.trim())
  expect(nav.length === 1 && nav[0] === '本单位', `navigation: ${JSON.stringify(nav)}`)
  const pairings = await (await context.request.get(BASE + `/api/partnerships?organizationId=${ORG.id}&size=500`)).json()
  const rows = await page.getByTestId('org-pairings').locator('tbody tr.el-table__row').count()
  expect(rows === pairings.items.length, `${rows} pairing rows, ${pairings.items.length} in the API`)
  expect(pairings.items.length > 0, 'the demo organization has pairings')
  const funds = await (await context.request.get(BASE + `/api/funds?investorOrganizationId=${ORG.id}&size=500`)).json()
  const fundRows = await page.getByTestId('org-funds').locator('tbody tr.el-table__row').count()
  expect(fundRows === funds.items.length, `${fundRows} fund rows, ${funds.items.length} in the API`)
  for (const text of ['统计总览', '本镇村庄', '单位账户', '批量导入']) {
    expect((await page.locator('nav.app-nav', { hasText: text }).count()) === 0, `no "${text}" in the navigation`)
  }
  await shot(page, 'organization-home')
  await axe(page, 'organization home')

  // offers a resource through the form
  const title = `技术指导 ${Date.now()}`
  await choose(page, 'resource-category', '人才技术')
  await page.getByTestId('resource-title').fill(title)
  await page.getByTestId('resource-submit').click()
  await page.getByTestId('resource-offered').waitFor()
  await page.getByTestId('org-resources').getByText(title).waitFor()
  const resources = await (await context.request.get(BASE + `/api/organizations/${ORG.id}/resources?size=500`)).json()
  expect(resources.items.some((r) => r.title === title), 'the resource is on record')

  // a township screen by deep link: the 403 explained, not a broken page
  for (const path of ['/imports', '/accounts', '/dashboard']) {
    await page.goto(BASE + path)
    await page.getByTestId('forbidden').waitFor()
    const text = await page.getByTestId('forbidden').innerText()
    expect(text.includes('无权访问') && text.includes(path), `${path}: ${text}`)
  }
  await shot(page, 'organization-forbidden')
  await axe(page, 'forbidden')
  await context.close()
})

await check('organization: reports progress (by keyboard), completes a milestone and records a disbursement on its home', async () => {
  const { context, page } = await signIn(ORG)
  await page.waitForURL(/\/organization$/)
  const card = page.getByTestId('org-project').filter({ hasText: ORG_PROJECT.name })
  await card.waitFor()
  await atBothSizes(page, 'organization-writes', () => card.waitFor())

  // progress: reached with Tab, opened with Enter, sent with Enter
  const presses = await tabTo(page, card.getByTestId('org-report-progress'))
  await page.keyboard.press('Enter')
  await page.getByTestId('progress-dialog').waitFor()
  await page.locator('#progress-percent').fill('40')
  await page.getByTestId('progress-note').fill('本单位填报：育苗过半')
  await axe(page, 'progress dialog')
  await shot(page, 'organization-progress-dialog')
  await page.getByTestId('progress-dialog-submit').focus()
  await page.keyboard.press('Enter')
  await page.getByTestId('progress-dialog').waitFor({ state: 'hidden' })
  await page.getByTestId('org-notice').getByText('进度已填报').waitFor()
  let project = await api(context, `/api/projects/${ORG_PROJECT.id}`)
  expect(project.percentComplete === 40 || project.latestProgress?.percentComplete === 40, `progress on record: ${JSON.stringify(project.latestProgress)}`)
  console.log(`  the progress button was reached with ${presses} presses of Tab`)

  // a milestone completed (If-Match: the version the home read)
  await page.getByTestId('org-project').filter({ hasText: ORG_PROJECT.name }).locator('li', { hasText: '育苗' }).getByTestId('org-complete-milestone').click()
  await page.getByTestId('milestone-dialog').waitFor()
  await page.getByTestId('milestone-dialog-submit').click()
  await page.getByTestId('milestone-dialog').waitFor({ state: 'hidden' })
  await page.getByTestId('org-notice').getByText('节点已标记完成').waitFor()
  await page.getByTestId('org-project').filter({ hasText: ORG_PROJECT.name }).locator('li.done', { hasText: '育苗' }).waitFor()
  project = await api(context, `/api/projects/${ORG_PROJECT.id}`)
  expect(project.milestones.find((m) => m.title === '育苗').completed === true, 'the milestone is complete on record')
  expect(!project.milestones.find((m) => m.title === '验收').completed, 'the other milestone is still open')

  // a disbursement of the fund it invests: more than is left refused beside the field, then recorded
  const fundRow = page.getByTestId('org-funds').locator('tr.el-table__row', { hasText: ORG_FUND.village })
  await fundRow.getByTestId('org-disburse').click()
  await page.getByTestId('disburse-dialog').waitFor()
  await page.getByTestId('disburse-amount').fill('80000.01')
  await page.getByTestId('disburse-dialog-submit').click()
  await page.getByTestId('disburse-dialog').getByText('超过了尚未拨付的').waitFor()
  await page.getByTestId('disburse-amount').fill('12000.00')
  await page.getByTestId('disburse-note').fill('本单位第一笔')
  await page.getByTestId('disburse-dialog-submit').dblclick() // a double click records one disbursement
  await page.getByTestId('disburse-dialog').waitFor({ state: 'hidden' })
  await page.getByTestId('org-notice').waitFor()
  const fund = await api(context, `/api/funds/${ORG_FUND.id}`)
  expect(fund.disbursedAmount === '12000.00' && fund.disbursements.length === 1, `disbursed on record: ${fund.disbursedAmount}, ${fund.disbursements.length} disbursement(s)`)
  await page.getByTestId('org-funds').locator('tr.el-table__row', { hasText: ORG_FUND.village }).getByText('12,000.00').waitFor()
  await shot(page, 'organization-after-writes')

  // nothing a township does is offered: no status change, no reversal, no new fund
  for (const testid of ['change-status', 'reverse', 'commit-for-project']) expect((await page.getByTestId(testid).count()) === 0, `no ${testid}`)
  await page.goto(BASE + `/funds/${ORG_FUND.id}`)
  await page.getByTestId('disbursements').waitFor()
  expect((await page.getByTestId('disburse').count()) === 1 && (await page.getByTestId('reverse').count()) === 0, 'the fund page: disburse, never reverse')
  await context.close()
})

// ------------------------------------------------------------------------------------------------ the township

let clerk
await check('township: creates an organization account; the one-time password is shown once; disables and enables it', async () => {
  clerk = await signIn(CLERK)
  const { page } = clerk
  const nav = (await page.locator('nav.app-nav a').allInnerTexts()).map((s) => s.trim())
  expect(nav.includes('单位账户') && nav.includes('批量导入') && !nav.includes('本单位'), `navigation: ${JSON.stringify(nav)}`)
  await page.goto(BASE + '/accounts')
  await page.getByTestId('account-form').waitFor()
  // the client's rule first: a bad user name is refused beside the field, nothing sent
  await page.getByTestId('account-username').fill('张三')
  await page.getByTestId('account-submit').click()
  await page.locator('.el-form-item', { has: page.getByTestId('account-username') }).locator('.el-form-item__error').getByText('3–64').waitFor()
  const username = `org-${Date.now().toString(36)}`
  await page.getByTestId('account-username').fill(username)
  await page.getByTestId('account-display-name').fill('联络员测试')
  await choose(page, 'account-organization', PAIRED_ORG)
  await axe(page, 'accounts')
  await page.getByTestId('account-submit').click()
  await page.getByTestId('one-time-password').waitFor()
  const password = (await page.getByTestId('one-time-password').innerText()).trim()
  expect(password.length >= 10, `a one-time password: ${password}`)
  await shot(page, 'accounts-one-time-password')
  await page.getByTestId('one-time-close').click()
  await page.getByTestId('one-time-dialog').waitFor({ state: 'hidden' })
  expect(!(await page.content()).includes(password), 'the password is gone from the page once the dialog is closed')
  const row = page.getByTestId('accounts').locator('tr', { hasText: username })
  await row.getByText('待首次登录').waitFor()
  // the same user name again: the server's 409 in Chinese beside the field
  await page.getByTestId('account-username').fill(username)
  await page.getByTestId('account-display-name').fill('重复')
  await choose(page, 'account-organization', PAIRED_ORG)
  await page.getByTestId('account-submit').click()
  await page.getByTestId('account-problem').getByText('该用户名已被使用').waitFor()
  // disabled (confirmed) and enabled again
  await row.getByTestId('account-disable').click()
  await page.locator('.el-message-box__btns button', { hasText: '确定' }).click()
  await row.getByText('已停用').waitFor()
  await row.getByTestId('account-enable').click()
  await row.getByText('待首次登录').waitFor()
  await shot(page, 'accounts')
})

await check('township: imports a workbook — the dry run\'s row errors shown, corrected, checked, applied, followed to DONE', async () => {
  const { page } = clerk
  await page.goto(BASE + '/imports')
  const template = await clerk.context.request.get(BASE + (await page.getByTestId('import-template').getAttribute('href')))
  expect(template.status() === 200 && (template.headers()['content-type'] ?? '').includes('spreadsheetml'), `template: ${template.status()}`)
  // the faulty file: its errors as a table, and the error report
  await page.getByTestId('import-file').setInputFiles(BAD_XLSX)
  await page.getByTestId('import-check').click()
  await page.getByTestId('import-has-errors').waitFor({ timeout: 120000 })
  const errorRows = await page.getByTestId('import-errors').locator('tbody tr.el-table__row').count()
  expect(errorRows > 0, 'row errors listed')
  const firstRow = (await page.getByTestId('import-errors').locator('tbody tr.el-table__row').first().innerText()).replace(/\s+/g, ' ')
  expect(/需求清单|村庄/.test(firstRow), `an error names its sheet: ${firstRow}`)
  expect((await page.getByTestId('import-apply').count()) === 0, 'a file with errors cannot be applied')
  const report = await clerk.context.request.get(BASE + (await page.getByTestId('import-report').getAttribute('href')))
  expect(report.status() === 200 && (report.headers()['content-type'] ?? '').includes('spreadsheetml'), `error report: ${report.status()}`)
  await shot(page, 'import-dry-run-errors')
  await axe(page, 'import errors')
  // the corrected file: checked, then applied on confirmation, followed to DONE
  await page.getByTestId('import-file').setInputFiles(GOOD_XLSX)
  await page.getByTestId('import-check').click()
  await page.getByTestId('import-checked').waitFor({ timeout: 120000 })
  await page.getByTestId('import-summary').waitFor()
  await shot(page, 'import-dry-run-ok')
  await page.getByTestId('import-apply').click()
  await page.getByTestId('import-status').getByText(/写入中|检查中|排队中|已完成/).waitFor()
  await page.getByTestId('import-done').waitFor({ timeout: 180000 })
  const counts = await page.getByTestId('import-counts').innerText()
  const m = /已处理 (\d+) \/ (\d+) 行/.exec(counts)
  expect(m && m[1] === m[2] && Number(m[2]) > 0, `progress at the end: ${counts}`)
  const history = page.getByTestId('import-history')
  await history.locator('tbody tr.el-table__row').nth(2).waitFor()
  await shot(page, 'import-done')
  await axe(page, 'import done')
  const jobs = await (await clerk.context.request.get(BASE + '/api/imports?size=5')).json()
  expect(jobs.items[0].status === 'DONE' && jobs.items[0].dryRun === false, `the latest job: ${JSON.stringify(jobs.items[0])}`)
})

await check('township: the organization home is not the township\'s (403 explained)', async () => {
  const { page } = clerk
  await page.goto(BASE + '/organization')
  await page.getByTestId('forbidden').waitFor()
  await clerk.context.close()
})

await browser.close()
if (failures) {
  console.log(`${failures} role check(s) failed`)
  process.exit(1)
}
console.log('all role checks passed')
