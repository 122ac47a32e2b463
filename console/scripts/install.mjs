// `npm ci` from the committed package-lock.json — skipped when node_modules was installed from this very lock
// (the Maven build runs this before every build; a full npm ci costs about a minute on two cores).
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'

const root = new URL('..', import.meta.url)
const lock = readFileSync(new URL('package-lock.json', root))
const hash = createHash('sha256').update(lock).digest('hex')
const stamp = new URL('node_modules/.village-lock-sha256', root)
if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) {
  console.log('console: node_modules matches package-lock.json; npm ci skipped')
  process.exit(0)
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: root, stdio: 'inherit' })
if (r.status !== 0) process.exit(r.status ?? 1)
writeFileSync(stamp, hash + '\n')
