// The console in a real browser: Debian's Chromium driven by playwright-core, against a running system with the
// demo township loaded (acceptance/ConsoleIT runs this; by hand: CONSOLE_URL, CONSOLE_TOWNSHIP_TOKEN,
// CONSOLE_COUNTY_TOKEN set, `node e2e/console.e2e.mjs`). Prints one line per check; exit 1 on the first failure.
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
const TOWNSHIP = env('CONSOLE_TOWNSHIP', '城关镇')
const YEAR = Number(env('CONSOLE_YEAR', '2023'))
// WRITER: a TOWNSHIP of its own for the writes (CONSOLE_WRITE_VILLAGE in it, with one active pairing), so the demo
// township's figures stay the report's; without it the writes go to the demo township's CG002.
const TOKENS = { TOWNSHIP: env('CONSOLE_TOWNSHIP_TOKEN'), COUNTY: env('CONSOLE_COUNTY_TOKEN') }
TOKENS.WRITER = process.env.CONSOLE_WRITER_TOKEN ?? TOKENS.TOWNSHIP
const WRITE_VILLAGE = env('CONSOLE_WRITE_VILLAGE', 'CG002')
const SHOTS = env('CONSOLE_SCREENSHOTS', 'target/screenshots')
mkdirSync(SHOTS, { recursive: true })

// BUILD-NOTES.md: the flags that work here as root, without flooding the closed network
const browser = await chromium.launch({
  executablePath: env('CONSOLE_CHROMIUM', '/usr/bin/chromium'),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
})

/**
 * A signed-in browser context for a role. Until the gateway's OIDC sign-in exists, every request carries the role's
 * bearer token; with the sign-in, this opens /, follows the sign-in button and signs in as the role's account.
 */
async function authenticate(role) {
  const context = await browser.newContext({
    locale: 'zh-CN', viewport: { width: 1366, height: 768 },
    extraHTTPHeaders: { Authorization: `Bearer ${TOKENS[role]}` },
  })
  return context
}

async function api(role, path) {
  const r = await fetch(BASE + path, { headers: { Authorization: `Bearer ${TOKENS[role]}`, Accept: 'application/json' } })
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
const wan = (yuan) => { // exactly as src/format/money.ts formatWanYuan
  const [w, f = ''] = yuan.split('.')
  const fen = BigInt(w) * 100n + BigInt(f.padEnd(2, '0'))
  const whole = (fen / 1000000n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const frac = (fen % 1000000n).toString().padStart(6, '0').replace(/0+$/, '')
  return frac ? `${whole}.${frac}` : whole
}
async function axe(page, name) {
  // Element Plus keeps a closed select's option list in the page (teleported); it is reached with the arrow keys from
  // the select's own combobox, not by tabbing into its scroll area, so that area is left out
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).exclude('.el-select-dropdown').analyze()
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.length === 0, `${name}: axe found ${serious.length} serious/critical violation(s):\n` + serious.map((v) =>
    `  ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`).join('\n'))
}
async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

const county = await authenticate('COUNTY')
const township = await authenticate('TOWNSHIP')
const writer = await authenticate('WRITER')

await check('anonymous: a deep link sends the browser to the identity provider\'s sign-in page', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' })
  const page = await context.newPage()
  await page.goto(BASE + '/dashboard')
  await page.locator('input[name="username"]').waitFor()
  expect(new URL(page.url()).pathname === '/login', 'on the sign-in page: ' + page.url())
  expect((await page.locator('input[name="password"]').count()) === 1, 'a password field')
  await shot(page, 'sign-in')
  await axe(page, 'sign-in')
  await context.close()
})

await check(`county dashboard: opens on the latest year and shows the statistics API's figures for ${YEAR}`, async () => {
  const page = await county.newPage()
  const t0 = Date.now()
  await page.goto(BASE + '/')
  await page.waitForURL(/\/dashboard/)
  await page.getByTestId('fig-villages').waitFor()
  const ready = Date.now() - t0
  // other suites of the same run may have written records of the current year: the latest year is at least YEAR
  const opened = await page.getByTestId('dashboard-title').innerText()
  const openedYear = Number((opened.match(/(\d{4})年统计总览/) || [])[1])
  expect(openedYear >= YEAR, `opened on: ${opened}`)
  if (openedYear !== YEAR) {
    await page.goto(BASE + `/dashboard?year=${YEAR}`)
    await page.getByTestId('fig-villages').waitFor()
  }
  const o = await api('COUNTY', `/api/stats/overview?year=${YEAR}`)
  await page.waitForFunction((y) => document.querySelector('[data-testid=dashboard-title]')?.textContent?.includes(`${y}年统计总览`), YEAR)
  const title = await page.getByTestId('dashboard-title').innerText()
  expect(title.includes(`${YEAR}年统计总览`), `title: ${title}`)
  const text = async (id) => (await page.getByTestId(id).innerText()).replace(/\s+/g, ' ')
  expect((await text('fig-villages')).includes(`${o.villages.covered} / ${o.villages.total}`), `villages: ${await text('fig-villages')}`)
  expect((await text('fig-needs')).includes(o.needs.resolved.toLocaleString('en-US')), `needs: ${await text('fig-needs')}`)
  expect((await text('fig-projects')).includes(String(o.projects.total)), 'projects')
  expect((await text('fig-partnerships')).includes(String(o.partnerships.active)), 'partnerships')
  expect((await text('fig-committed')).includes(wan(o.investment.committed)), `committed ${wan(o.investment.committed)}: ${await text('fig-committed')}`)
  expect((await text('fig-income')).includes(wan(o.collectiveIncome.total)), `income ${wan(o.collectiveIncome.total)}: ${await text('fig-income')}`)
  const bases = await text('industry-bases')
  for (const s of o.industryScale) expect(bases.includes(Number(s.quantity).toLocaleString('en-US')), `base ${s.industry} ${s.quantity}: ${bases}`)
  expect((await text('townships')).includes(TOWNSHIP), 'the townships roll-up names the township')
  expect((await text('freshness')).includes('数据截至'), 'freshness line')
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0]
    return n ? Math.round(n.domInteractive) : null
  })
  console.log(`  dashboard: figures shown ${ready} ms after navigation (domInteractive ${nav} ms)`)
  const csv = await county.request.get(BASE + (await page.getByTestId('export-csv').getAttribute('href')))
  expect(csv.status() === 200 && (csv.headers()['content-type'] ?? '').startsWith('text/csv'), `CSV download: ${csv.status()}`)
  await shot(page, 'dashboard')
  await axe(page, 'dashboard')
  await page.close()
})

await check('county dashboard: drill-down into the township and 中文/English switch', async () => {
  const page = await county.newPage()
  await page.goto(BASE + `/dashboard?year=${YEAR}`)
  await page.getByTestId('townships').getByText(TOWNSHIP, { exact: true }).click()
  await page.waitForURL(/township=/)
  await page.getByTestId('dashboard-title').getByText(TOWNSHIP).waitFor()
  await page.getByText('English', { exact: true }).click()
  await page.getByTestId('dashboard-title').getByText(`${TOWNSHIP}, ${YEAR}`).waitFor()
  expect(await page.evaluate(() => document.documentElement.lang) === 'en', 'html lang en')
  await shot(page, 'dashboard-township-en')
  await page.getByText('中文', { exact: true }).click()
  await page.getByTestId('dashboard-title').getByText(`${TOWNSHIP} ${YEAR}年统计`).waitFor()
  await page.close()
})

await check(`township: the tile map shows ${TOWNSHIP}'s villages and leads to a village page`, async () => {
  const page = await township.newPage()
  await page.goto(BASE + '/')
  await page.waitForURL(/\/townships\//)
  const villages = await api('TOWNSHIP', `/api/villages?township=${encodeURIComponent(TOWNSHIP)}&size=500`)
  await page.getByTestId('tile').first().waitFor()
  const tiles = await page.getByTestId('tile').count()
  expect(tiles === villages.total, `${tiles} tiles, ${villages.total} villages`)
  const first = villages.items.map((v) => v.code).sort()[0]
  const firstName = villages.items.find((v) => v.code === first).name
  await shot(page, 'township-map')
  await axe(page, 'township map')
  await page.getByTestId('tile').first().click()
  await page.waitForURL(new RegExp(`/villages/${first}`))
  await page.getByTestId('village-title').getByText(firstName).waitFor()
  // a pairing's history as a timeline
  await page.getByTestId('village-partnerships').locator('.el-table__expand-icon').first().click()
  await page.getByTestId('history').locator('.el-timeline-item').first().waitFor()
  await shot(page, 'village')
  await axe(page, 'village page')
  await page.close()
})

async function choose(page, testid, optionText) {
  await page.getByTestId(testid).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: optionText }).first().click()
}

await check('township: the organization × village matrix shows every active pairing of the township', async () => {
  const page = await township.newPage()
  await page.goto(BASE + `/townships/${encodeURIComponent(TOWNSHIP)}`)
  await page.getByTestId('matrix-link').click()
  await page.getByTestId('matrix').locator('td.paired').first().waitFor()
  const villages = (await api('TOWNSHIP', `/api/villages?township=${encodeURIComponent(TOWNSHIP)}&size=500`)).items.map((v) => v.code)
  const active = (await api('TOWNSHIP', '/api/partnerships?status=ACTIVE&size=500')).items.filter((p) => villages.includes(p.villageCode))
  const pairs = new Set(active.map((p) => `${p.organizationId}|${p.villageCode}`)).size
  const cells = await page.getByTestId('matrix').locator('td.paired').count()
  expect(cells === pairs, `${cells} cells, ${pairs} active pairings`)
  await shot(page, 'matrix')
  await axe(page, 'matrix')
  await page.close()
})

await check('township: at phone width the tile map and the lists fit the screen', async () => {
  const page = await township.newPage()
  await page.setViewportSize({ width: 390, height: 844 })
  for (const path of [`/townships/${encodeURIComponent(TOWNSHIP)}`, '/needs']) {
    await page.goto(BASE + path)
    await page.locator(path === '/needs' ? '[data-testid=total]' : '[data-testid=tile]').first().waitFor()
    const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth])
    expect(scroll <= inner, `${path}: ${scroll} px wide in a ${inner} px screen`)
    await shot(page, `phone${path.replace(/\/+/g, '-').replace(/%[0-9A-F]{2}/g, '')}`)
  }
  await page.close()
})

await check('township: a need posted through the form appears in the list', async () => {
  const page = await writer.newPage()
  await page.goto(BASE + '/needs/new') // a deep link
  await page.getByTestId('need-form').waitFor()
  await page.locator('.el-select-dropdown__item').first().waitFor({ state: 'attached' }).catch(() => {})
  await choose(page, 'need-village', WRITE_VILLAGE)
  await choose(page, 'need-category', '基础设施')
  const title = `浏览器测试需求 ${Date.now()}`
  await page.getByTestId('need-title').fill(title)
  await axe(page, 'need form')
  await page.getByTestId('submit').click()
  await page.waitForURL(new RegExp(`/needs\\?villageCode=${WRITE_VILLAGE}`))
  await page.getByTestId('needs').getByText(title).waitFor()
  await shot(page, 'needs')
  // and marked resolved by one of the village's partnerships
  const row = page.getByTestId('needs').locator('tr', { hasText: title })
  await row.getByTestId('resolve').click()
  await page.getByTestId('resolve-dialog').waitFor()
  await choose(page, 'resolve-partnership', '（')
  await page.getByTestId('resolve-submit').click()
  await page.getByTestId('resolve-dialog').waitFor({ state: 'hidden' })
  await page.goto(BASE + `/needs?villageCode=${WRITE_VILLAGE}&status=RESOLVED`)
  const resolved = (await api('WRITER', `/api/needs?villageCode=${WRITE_VILLAGE}&status=RESOLVED&size=500`)).items.find((n) => n.title === title)
  expect(resolved && resolved.partnershipId, 'the need is RESOLVED by a partnership in the API')
  await axe(page, 'needs list')
  await page.close()
})

await check('township: the server\'s 400 is shown beside the field', async () => {
  const page = await writer.newPage()
  await page.goto(BASE + '/needs/new')
  await page.getByTestId('need-form').waitFor()
  await choose(page, 'need-village', WRITE_VILLAGE)
  await choose(page, 'need-category', '产业')
  await page.getByTestId('need-title').fill('会被服务器拒绝的标题')
  // the form checks what the server checks, so to see a real 400 the request is altered on its way out
  await page.route('**/api/needs', (route) => {
    const req = route.request()
    if (req.method() !== 'POST') return route.continue()
    const body = JSON.parse(req.postData())
    return route.continue({ postData: JSON.stringify({ ...body, title: '长'.repeat(201) }) })
  })
  const response = page.waitForResponse((r) => r.url().endsWith('/api/needs') && r.request().method() === 'POST')
  await page.getByTestId('submit').click()
  const r = await response
  expect(r.status() === 400, `server answered ${r.status()}`)
  const problem = await r.json()
  const message = problem.errors.find((e) => e.field === 'title').message
  const beside = page.locator('.el-form-item').filter({ has: page.getByTestId('need-title') }).locator('.el-form-item__error')
  await beside.waitFor()
  const shown = await beside.innerText()
  expect(shown.includes(message), `beside the title: "${shown}", the server said "${message}"`)
  await page.getByTestId('form-problem').waitFor()
  await shot(page, 'need-form-400')
  await page.close()
})

await check('lists: organizations, partnerships, projects and funds show the record, with paging', async () => {
  const page = await township.newPage()
  for (const [path, api_] of [['/organizations', '/api/organizations?size=1'], ['/partnerships', '/api/partnerships?size=1'],
    ['/projects', '/api/projects?size=1'], ['/funds', '/api/funds?size=1']]) {
    await page.goto(BASE + path)
    const expected = (await api('TOWNSHIP', api_)).total
    await page.getByTestId('total').getByText(String(expected)).waitFor()
    await shot(page, path.slice(1))
  }
  await axe(page, 'funds list')
  await page.close()
})

await county.close()
await township.close()
await writer.close()
await browser.close()
if (failures) {
  console.log(`${failures} console check(s) failed`)
  process.exit(1)
}
console.log('all console checks passed')
