// The API types: TypeScript generated from the OpenAPI documents the console is built against (openapi/*.json,
// the services' /v3/api-docs as the acceptance suite checks them), so a contract change fails vue-tsc, not the users.
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs'
import openapiTS, { astToString } from 'openapi-typescript'

const out = new URL('../src/api/generated/', import.meta.url)
mkdirSync(out, { recursive: true })
for (const file of readdirSync(new URL('../openapi/', import.meta.url)).filter((f) => f.endsWith('.json')).sort()) {
  const doc = JSON.parse(readFileSync(new URL(`../openapi/${file}`, import.meta.url), 'utf8'))
  const ast = await openapiTS(doc, { alphabetize: true })
  const name = file.replace(/\.json$/, '')
  writeFileSync(new URL(`${name}.ts`, out), `// Generated from openapi/${file} by scripts/api-types.mjs. Do not edit.\n${astToString(ast)}`)
  console.log(`api types: src/api/generated/${name}.ts`)
}
