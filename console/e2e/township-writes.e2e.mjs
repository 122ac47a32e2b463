// The township clerk's writes in a real browser (Debian's Chromium through playwright-core), run by
// acceptance/ConsoleTownshipWritesIT against a running system: register an organization, create a project with
// milestones, move it to IN_PROGRESS, report progress, complete an overdue milestone from the overdue view, commit a
// fund (double-clicked: one fund), disburse from it, report a village's collective income; each is seen in its list,
// the funnel colours the township's pairings, and — once the statistics caught up — the dashboard shows the figures.
// axe-core on every new page; screenshots (and an A4 PDF) in CONSOLE_SCREENSHOTS. One line per check; exit 1 on failure.
import { chromium } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

const env = (name, fallback) => {
  const v = process.env[name] ?? fallback
  if (v === undefined) throw new Error(`${name} is not set`)
  return v
}
const BASE = env('CONSOLE_URL', 'http://127.0.0.1:8080').replace(/\/$/, '')
const TOKEN = env('CONSOLE_TOWNSHIP_TOKEN')
const TOWNSHIP = env('CONSOLE_TOWNSHIP')
const VILLAGE = env('CONSOLE_VILLAGE') // paired recently, gets the project, fund and income
const IDLE_VILLAGE = env('CONSOLE_IDLE_VILLAGE') // paired long ago, nothing since: red in the funnel
const CREDIT_CODE = env('CONSOLE_CREDIT_CODE')
const SHOTS = env('CONSOLE_SCREENSHOTS', 'target/screenshots')
const YEAR = new Date().getFullYear()
const RUN = Date.now().toString(36)
mkdirSync(SHOTS, { recursive: true })

const browser = await chromium.launch({
  executablePath: env('CONSOLE_CHROMIUM', '/usr/bin/chromium'),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
})
const context = await browser.newContext({
  locale: 'zh-CN', viewport: { width: 1366, height: 768 }, extraHTTPHeaders: { Authorization: `Bearer ${TOKEN}` },
})

async function api(path) {
  const r = await fetch(BASE + path, { headers: { Authorization: `Bearer ${TOKEN}`, Accept: 'application/json' } })
  if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`)
  return r.json()
}
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
async function eventually(what, fn, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs
  let last
  while (Date.now() < deadline) {
    try {
      const v = await fn()
      if (v) return v
    } catch (e) {
      last = e
    }
    await new Promise((r) => setTimeout(r, 1000))
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s${last ? ` (${last})` : ''}`)
}
async function axe(page, name) {
  await page.mouse.move(0, 0) // a hovered button's lighter colour is not the page's
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).exclude('.el-select-dropdown').exclude('.el-picker__popper').analyze()
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
async function date(page, selector, value) {
  const input = page.locator(selector)
  await input.fill(value)
  await input.press('Enter')
}
const wan = (yuan) => { // as src/format/money.ts formatWanYuan
  const [w, f = ''] = yuan.split('.')
  const fen = BigInt(w) * 100n + BigInt(f.padEnd(2, '0'))
  const whole = (fen / 1000000n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const frac = (fen % 1000000n).toString().padStart(6, '0').replace(/0+$/, '')
  return frac ? `${whole}.${frac}` : whole
}

const page = await context.newPage()
const projectName = `控制台核桃项目 ${RUN}`
let projectId = null
let fundId = null

await check('organization: registered through the form, the credit code checked as the server does', async () => {
  await page.goto(BASE + '/organizations/new')
  await page.getByTestId('organization-form').waitFor()
  await page.getByTestId('org-name').fill(`控制台测试企业 ${RUN}`)
  await choose(page, 'org-type', '企业')
  await page.getByTestId('org-code').fill(CREDIT_CODE.slice(0, 17) + (CREDIT_CODE[17] === '0' ? '1' : '0'))
  await page.getByTestId('submit').click()
  await page.getByText('校验位不符').waitFor() // refused by the form's own rule, nothing sent
  await axe(page, 'organization form')
  await shot(page, 'organization-form')
  await page.getByTestId('org-code').fill(CREDIT_CODE)
  await page.getByTestId('submit').click()
  await page.waitForURL(/\/organizations\?type=ENTERPRISE/)
  const orgs = await api('/api/organizations?type=ENTERPRISE&size=500')
  expect(orgs.items.some((o) => o.creditCode === CREDIT_CODE), 'the organization is registered')
})

await check('project: created with two milestones due in the past, opens on its page and is in the list', async () => {
  await page.goto(BASE + '/projects')
  await page.getByTestId('new-project').click()
  await page.getByTestId('project-form').waitFor()
  await page.getByTestId('project-name').fill(projectName)
  await choose(page, 'project-industry', '核桃')
  await page.locator('#pr-quantity').fill('500')
  await page.getByTestId('project-villages').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: VILLAGE }).first().click()
  await page.locator('#project-form-title').click() // closes the multiple select's list
  await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' })
  await page.getByTestId('project-pairings').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: `× ${VILLAGE}` }).first().click()
  await page.locator('#project-form-title').click()
  await page.getByTestId('project-investment').fill('1500000.00')
  await date(page, '#pr-start', `${YEAR}-01-05`)
  await page.getByTestId('add-milestone').click()
  await page.getByTestId('add-milestone').click()
  await page.getByTestId('milestone-title-0').fill('育苗')
  await date(page, '#ms-due-0', `${YEAR}-02-01`)
  await page.getByTestId('milestone-title-1').fill('栽植')
  await date(page, '#ms-due-1', `${YEAR}-03-01`)
  // a milestone before the start is refused beside its field before anything is sent
  await date(page, '#ms-due-1', `${YEAR - 1}-12-01`)
  await page.getByTestId('submit').click()
  await page.locator('.el-form-item', { has: page.locator('#ms-due-1') }).locator('.el-form-item__error').getByText('不能早于开始日期').waitFor()
  await date(page, '#ms-due-1', `${YEAR}-03-01`)
  await axe(page, 'project form')
  await shot(page, 'project-form')
  await page.getByTestId('submit').click()
  await page.waitForURL(/\/projects\/[^/?]+\?created=1/)
  projectId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop())
  await page.getByTestId('project-title').getByText(projectName).waitFor()
  expect((await page.getByTestId('project-status').innerText()).includes('谋划中'), 'PLANNED')
  await page.goto(BASE + `/projects?villageCode=${VILLAGE}`)
  await page.getByTestId('projects').getByText(projectName).waitFor()
})

async function changeStatus(to) {
  await page.getByTestId('change-status').click()
  await page.getByTestId('status-dialog').waitFor()
  await page.getByTestId('status-choices').getByText(to, { exact: true }).click()
  await page.getByTestId('status-dialog-submit').click()
  await page.getByTestId('status-dialog').waitFor({ state: 'hidden' })
  await page.getByTestId('project-status').getByText(to, { exact: true }).waitFor()
}

await check('project: approved, started and its progress reported (If-Match: a stale version is explained)', async () => {
  await page.goto(BASE + `/projects/${encodeURIComponent(projectId)}`)
  await page.getByTestId('project-title').waitFor()
  await changeStatus('已立项')
  await changeStatus('实施中')
  // someone else changes the project meanwhile: the dialog's If-Match is stale, the 412 is explained
  await page.getByTestId('change-status').click()
  await page.getByTestId('status-dialog').waitFor()
  await page.route(`**/api/projects/${projectId}/status`, (route) =>
    route.continue({ headers: { ...route.request().headers(), 'if-match': '"1"' } }), { times: 1 })
  await page.getByTestId('status-choices').getByText('已暂停', { exact: true }).click()
  await page.getByTestId('status-dialog-submit').click()
  await page.getByTestId('status-dialog').getByTestId('form-problem').getByText('已被他人修改').waitFor()
  await shot(page, 'project-status-412')
  await page.getByTestId('status-dialog').getByRole('button', { name: '取消' }).click()
  await page.getByTestId('report-progress').click()
  await page.getByTestId('progress-dialog').waitFor()
  await page.locator('#progress-percent').fill('40')
  await page.getByTestId('progress-note').fill('育苗完成过半')
  await page.getByTestId('progress-dialog-submit').click()
  await page.getByTestId('progress-dialog').waitFor({ state: 'hidden' })
  await page.getByTestId('progress-reports').getByText('育苗完成过半').waitFor()
  const p = await api(`/api/projects/${encodeURIComponent(projectId)}`)
  expect(p.status === 'IN_PROGRESS' && p.percentComplete === 40, `project: ${p.status} ${p.percentComplete}`)
  await axe(page, 'project page')
  await shot(page, 'project')
})

await check('overdue milestones: both are listed, one is completed from there', async () => {
  await page.goto(BASE + '/milestones/overdue')
  const rows = page.getByTestId('overdue').locator('tr', { hasText: projectName })
  await eventually('two overdue rows', async () => (await rows.count()) === 2, 20_000)
  await axe(page, 'overdue milestones')
  await shot(page, 'overdue-milestones')
  await rows.filter({ hasText: '育苗' }).getByTestId('complete-milestone').click()
  await page.getByTestId('milestone-dialog').waitFor()
  await page.getByTestId('milestone-dialog-submit').click()
  await page.getByTestId('milestone-dialog').waitFor({ state: 'hidden' })
  await eventually('one overdue row left', async () => (await rows.count()) === 1, 20_000)
  const p = await api(`/api/projects/${encodeURIComponent(projectId)}`)
  expect(p.milestones.find((m) => m.title === '育苗').completed, 'the milestone is complete in the API')
})

await check('fund: committed for the project (a double click commits one), disbursed from its page, in the list', async () => {
  await page.goto(BASE + `/projects/${encodeURIComponent(projectId)}`)
  await page.getByTestId('commit-for-project').click()
  await page.getByTestId('fund-form').waitFor()
  await choose(page, 'fund-source', '财政资金')
  await choose(page, 'fund-village', VILLAGE)
  await page.getByTestId('fund-amount').fill('500000.00')
  await date(page, '#fund-on', `${YEAR}-06-01`)
  await axe(page, 'fund form')
  await shot(page, 'fund-form')
  await page.getByTestId('submit').dblclick()
  await page.waitForURL(/\/funds\/[^/?]+\?created=1/)
  fundId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop())
  const funds = await api(`/api/funds?projectId=${encodeURIComponent(projectId)}&size=500`)
  expect(funds.total === 1, `${funds.total} funds for the project after a double click`)
  await page.getByTestId('disburse').click()
  await page.getByTestId('disburse-dialog').waitFor()
  await page.getByTestId('disburse-amount').fill('500000.01')
  await page.getByTestId('disburse-dialog-submit').click()
  await page.getByTestId('disburse-dialog').getByText('超过了尚未拨付的').waitFor() // the 409 the server would answer
  await page.getByTestId('disburse-amount').fill('200000.00')
  await page.getByTestId('disburse-note').fill('第一批')
  await page.getByTestId('disburse-dialog-submit').click()
  await page.getByTestId('disburse-dialog').waitFor({ state: 'hidden' })
  await page.getByTestId('disbursements').getByText('第一批').waitFor()
  expect((await page.getByTestId('fund-disbursed').innerText()).includes('200,000.00'), 'disbursed 200,000.00')
  await axe(page, 'fund page')
  await shot(page, 'fund')
  await page.goto(BASE + `/funds?villageCode=${VILLAGE}`)
  await page.getByTestId('funds').getByText('500,000.00').first().waitFor()
})

await check('collective income: reported for the village and year, in the table', async () => {
  await page.goto(BASE + `/income?year=${YEAR}`)
  await page.getByTestId(`report-income-${VILLAGE}`).click()
  await page.getByTestId('income-dialog').waitFor()
  await page.getByTestId('income-amount').fill('-1')
  await page.getByTestId('income-dialog-submit').click()
  await page.getByTestId('income-dialog').getByText('不能为负数').waitFor()
  await page.getByTestId('income-amount').fill('350000.00')
  await page.getByTestId('income-dialog-submit').click()
  await page.getByTestId('income-dialog').waitFor({ state: 'hidden' })
  await page.getByTestId('incomes').locator('tr', { hasText: VILLAGE }).getByText('350,000.00').waitFor()
  await axe(page, 'income')
  await shot(page, 'income')
})

await check('funnel: the busy pairing is green, the idle one red; N is selectable and leads to the village', async () => {
  await page.goto(BASE + '/funnel?months=6')
  const table = page.getByTestId('funnel-pairings')
  await table.locator('tr', { hasText: VILLAGE }).getByTestId('state-green').waitFor()
  await table.locator('tr', { hasText: IDLE_VILLAGE }).getByTestId('state-red').waitFor()
  expect((await page.getByTestId('funnel-effective').innerText()).includes('1'), 'one pairing shows effect')
  await axe(page, 'funnel')
  await shot(page, 'funnel')
  await choose(page, 'funnel-months', '24')
  await page.waitForURL(/months=24/)
  await page.getByTestId('light-red').click()
  await page.waitForURL(/light=red/)
  await table.locator('tr', { hasText: IDLE_VILLAGE }).getByRole('link').first().click()
  await page.waitForURL(new RegExp(`/villages/${IDLE_VILLAGE}`))
})

await check('printing: a filtered list prints on A4 with a title line naming township, year and filters', async () => {
  await page.goto(BASE + `/projects?villageCode=${VILLAGE}&status=IN_PROGRESS`)
  await page.getByTestId('projects').getByText(projectName).waitFor()
  await page.emulateMedia({ media: 'print' })
  const title = await page.getByTestId('print-title').innerText()
  expect(title.includes(TOWNSHIP) && title.includes(`村代码：${VILLAGE}`) && title.includes('状态：实施中'), `print title: ${title}`)
  await shot(page, 'projects-print')
  await page.pdf({ path: join(SHOTS, 'projects-a4.pdf'), format: 'A4', printBackground: true })
  await page.emulateMedia({ media: 'screen' })
})

await check('dashboard: once the statistics caught up, the township\'s figures include the writes', async () => {
  const path = `/api/stats/overview?year=${YEAR}&township=${encodeURIComponent(TOWNSHIP)}`
  const o = await eventually('the statistics include the writes', async () => {
    const x = await api(path)
    const fen = (y) => BigInt(y.replace('.', '')) // the API's two decimals; a rerun on the same system adds to the figures
    return x.projects.total >= 1 && fen(x.investment.committed) >= 50000000n && fen(x.investment.disbursed) >= 20000000n
      && x.collectiveIncome.total === '350000.00' ? x : null
  })
  await page.goto(BASE + `/dashboard?year=${YEAR}&township=${encodeURIComponent(TOWNSHIP)}`)
  const text = async (id) => (await page.getByTestId(id).innerText()).replace(/\s+/g, ' ')
  await page.getByTestId('fig-projects').waitFor()
  expect((await text('fig-projects')).includes(String(o.projects.total)), `projects: ${await text('fig-projects')}`)
  expect((await text('fig-committed')).includes(wan(o.investment.committed)) && (await text('fig-committed')).includes(wan(o.investment.disbursed)), `committed: ${await text('fig-committed')}`)
  expect((await text('fig-income')).includes(wan('350000.00')), `income: ${await text('fig-income')}`)
  await shot(page, 'dashboard-after-writes')
})

await context.close()
await browser.close()
if (failures) {
  console.log(`${failures} township write check(s) failed`)
  process.exit(1)
}
console.log('all township write checks passed')
