// Checks the Kubernetes manifests in deploy/k8s:
//  1. every object against the Kubernetes API's JSON schemas (kubernetes-models: types, required fields, formats);
//  2. the deployment's own rules: every workload runs >= 2 replicas with liveness and readiness probes, has a Service
//     and a PodDisruptionBudget selecting it, names only ConfigMaps of the set (and the one documented Secret), and
//     every application service of docker-compose.yml has a workload here (the two files cannot drift apart).
// Usage: node check.mjs DIR [docker-compose.yml]  |  node check.mjs --self-test (the rules catch broken manifests)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const SECRETS = new Set(['village-secrets']); // created by the operator (config.yaml says how), never committed
const WORKLOADS = new Set(['Deployment', 'StatefulSet']);
const INFRASTRUCTURE = new Set(['mongo', 'kafka']); // the county's own replica set and cluster on a cluster

async function model(doc) {
  const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : [null, doc.apiVersion];
  const path = group ? `kubernetes-models/${group}/${version}/${doc.kind}` : `kubernetes-models/${version}/${doc.kind}`;
  try {
    return (await import(path))[doc.kind];
  } catch {
    return null;
  }
}

function selects(selector, labels) {
  return !!selector && Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** The problems of a set of objects ({file, doc}); [] when all is well. */
export async function problems(objects, composeServices = null) {
  const out = [];
  const where = (o) => `${o.file}: ${o.doc?.kind ?? '?'} ${o.doc?.metadata?.name ?? '?'}`;
  for (const o of objects) {
    if (!o.doc?.apiVersion || !o.doc?.kind) { out.push(`${o.file}: an object without apiVersion/kind`); continue; }
    const Model = await model(o.doc);
    if (!Model) { out.push(`${where(o)}: unknown apiVersion/kind ${o.doc.apiVersion} ${o.doc.kind}`); continue; }
    try {
      new Model(o.doc).validate();
    } catch (e) {
      out.push(`${where(o)}: ${e.message}`);
    }
  }
  const of = (kind) => objects.filter((o) => o.doc?.kind === kind);
  const configMaps = new Set(of('ConfigMap').map((o) => o.doc.metadata.name));
  const workloads = objects.filter((o) => WORKLOADS.has(o.doc?.kind));
  for (const w of workloads) {
    const spec = w.doc.spec ?? {};
    const labels = spec.template?.metadata?.labels ?? {};
    if (!(spec.replicas >= 2)) out.push(`${where(w)}: replicas ${spec.replicas ?? 1} (at least 2: one instance may be lost)`);
    for (const c of spec.template?.spec?.containers ?? []) {
      if (!c.livenessProbe) out.push(`${where(w)}: container ${c.name} has no livenessProbe`);
      if (!c.readinessProbe) out.push(`${where(w)}: container ${c.name} has no readinessProbe`);
      for (const r of c.envFrom ?? []) {
        if (r.configMapRef && !configMaps.has(r.configMapRef.name)) out.push(`${where(w)}: ConfigMap ${r.configMapRef.name} is not in the set`);
        if (r.secretRef && !SECRETS.has(r.secretRef.name)) out.push(`${where(w)}: Secret ${r.secretRef.name} is not documented`);
      }
      for (const e of c.env ?? []) {
        const cm = e.valueFrom?.configMapKeyRef;
        const s = e.valueFrom?.secretKeyRef;
        if (cm && !configMaps.has(cm.name)) out.push(`${where(w)}: ConfigMap ${cm.name} is not in the set`);
        if (s && !SECRETS.has(s.name)) out.push(`${where(w)}: Secret ${s.name} is not documented`);
      }
    }
    if (!of('Service').some((s) => selects(s.doc.spec?.selector, labels))) out.push(`${where(w)}: no Service selects it`);
    if (!of('PodDisruptionBudget').some((p) => selects(p.doc.spec?.selector?.matchLabels, labels))) {
      out.push(`${where(w)}: no PodDisruptionBudget selects it`);
    }
  }
  if (composeServices) {
    const names = new Set(workloads.map((w) => w.doc.metadata.name));
    for (const s of composeServices) {
      if (!INFRASTRUCTURE.has(s) && !names.has(s)) out.push(`docker-compose.yml runs ${s}, deploy/k8s has no workload for it`);
    }
  }
  return out;
}

function load(dir) {
  const objects = [];
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml').sort()) {
    for (const d of parseAllDocuments(readFileSync(join(dir, file), 'utf8'))) {
      if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
      const doc = d.toJS();
      if (doc) objects.push({ file, doc });
    }
  }
  return objects;
}

async function selfTest() {
  const deployment = (patch) => ({
    file: 'test.yaml',
    doc: {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' },
      spec: {
        replicas: 2, selector: { matchLabels: { app: 'x' } },
        template: {
          metadata: { labels: { app: 'x' } },
          spec: { containers: [{ name: 'x', image: 'x', livenessProbe: { httpGet: { path: '/', port: 1 } },
            readinessProbe: { httpGet: { path: '/', port: 1 } }, envFrom: [{ configMapRef: { name: 'c' } }] }] },
        },
        ...patch,
      },
    },
  });
  const rest = [
    { file: 'test.yaml', doc: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} } },
    { file: 'test.yaml', doc: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { selector: { app: 'x' }, ports: [{ port: 1 }] } } },
    { file: 'test.yaml', doc: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'x' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'x' } } } } },
  ];
  const cases = [
    ['a sound set', [deployment({}), ...rest], null, 0],
    ['replicas as a string (schema)', [deployment({ replicas: 'two' }), ...rest], null, /must be integer/],
    ['one replica', [deployment({ replicas: 1 }), ...rest], null, /replicas 1/],
    ['no PodDisruptionBudget', [deployment({}), rest[0], rest[1]], null, /no PodDisruptionBudget/],
    ['no Service', [deployment({}), rest[0], rest[2]], null, /no Service/],
    ['a ConfigMap that is not there', [deployment({}), rest[1], rest[2]], null, /ConfigMap c is not in the set/],
    ['a compose service without a workload', [deployment({}), ...rest], ['x', 'y', 'mongo'], /compose.yml runs y/],
  ];
  let failed = 0;
  for (const [name, objects, compose, expected] of cases) {
    const found = await problems(objects, compose);
    const ok = expected === 0 ? found.length === 0 : found.some((p) => expected.test(p));
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : `: ${JSON.stringify(found)}`}`);
    if (!ok) failed++;
  }
  return failed;
}

const args = process.argv.slice(2);
if (args[0] === '--self-test') {
  process.exit((await selfTest()) ? 1 : 0);
}
const [dir, composeFile] = args;
const objects = load(dir);
let compose = null;
if (composeFile) {
  const parsed = parseAllDocuments(readFileSync(composeFile, 'utf8'))[0].toJS({ maxAliasCount: -1 });
  compose = Object.keys(parsed.services ?? {});
}
const found = await problems(objects, compose);
for (const p of found) console.error(p);
console.log(`${dir}: ${objects.length} objects, ${found.length} problems`);
process.exit(found.length ? 1 : 0);
