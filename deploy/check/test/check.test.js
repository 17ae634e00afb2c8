// The deploy check, tested both ways: the real overlays pass, deliberately broken manifests fail.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { kustomize } from "../lib/kubectl.js";
import { overlayProblems, schemaProblems, secretsDocumentedIn } from "../lib/validate.js";

const here = dirname(fileURLToPath(import.meta.url));
const deploy = join(here, "..", "..");
const documentedSecrets = secretsDocumentedIn(readFileSync(join(deploy, "README.md"), "utf8"));
const kinds = (objects) => objects.map((o) => `${o.kind}/${o.metadata.name}`);

async function check(dir) {
  return overlayProblems(kustomize(dir), { documentedSecrets });
}

test("the base renders and every object is valid", async () => {
  const { objects, problems } = await check(join(deploy, "base"));
  assert.deepEqual(problems, []);
  for (const expected of ["Deployment/roster-api", "Service/roster-api", "Service/roster-api-sftp", "Ingress/rosterline",
    "HorizontalPodAutoscaler/roster-api", "PodDisruptionBudget/roster-api", "CronJob/sync-worker",
    "Deployment/web-ui", "Service/web-ui", "NetworkPolicy/default-deny-all", "NetworkPolicy/allow-dns"]) {
    assert.ok(kinds(objects).includes(expected), `${expected} is rendered`);
  }
});

test("the local overlay adds PostgreSQL, Keycloak with the realm, and the sandbox, all valid", async () => {
  const { objects, problems } = await check(join(deploy, "overlays", "local"));
  assert.deepEqual(problems, []);
  for (const expected of ["StatefulSet/postgres", "Deployment/keycloak", "Deployment/sis-sandbox", "NetworkPolicy/postgres"]) {
    assert.ok(kinds(objects).includes(expected), `${expected} is rendered`);
  }
  const realm = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name.startsWith("keycloak-realm"));
  assert.equal(JSON.parse(realm.data["rosterline-realm.json"]).realm, "rosterline");
  assert.ok(objects.every((o) => o.kind === "Namespace" || o.metadata.namespace === "rosterline"));
});

test("the production overlay has TLS, more replicas and the database address from a Secret", async () => {
  const { objects, problems } = await check(join(deploy, "overlays", "production"));
  assert.deepEqual(problems, []);
  const ingress = objects.find((o) => o.kind === "Ingress");
  assert.equal(ingress.spec.tls[0].secretName, "rosterline-tls");
  const api = objects.find((o) => o.kind === "Deployment" && o.metadata.name === "roster-api");
  assert.equal(api.spec.replicas, 3);
  const dbUrl = api.spec.template.spec.containers[0].env.find((e) => e.name === "ROSTERLINE_DB_URL");
  assert.equal(dbUrl.valueFrom.secretKeyRef.name, "roster-api-db");
  assert.ok(!kinds(objects).includes("StatefulSet/postgres"), "no in-cluster PostgreSQL in production");
});

test("the sync-worker CronJob runs `once` every five minutes with bounded, explained concurrency", async () => {
  const { objects } = await check(join(deploy, "base"));
  const cron = objects.find((o) => o.kind === "CronJob");
  assert.equal(cron.spec.schedule, "*/5 * * * *");
  assert.equal(cron.spec.concurrencyPolicy, "Allow");
  assert.ok(cron.spec.jobTemplate.spec.activeDeadlineSeconds > 0);
  assert.deepEqual(cron.spec.jobTemplate.spec.template.spec.containers[0].args, ["once"]);
});

test("a deployment with wrong types and a missing selector is rejected with the offending fields", async () => {
  const { problems } = await check(join(here, "..", "fixtures", "broken"));
  const text = problems.join("\n");
  assert.match(text, /Deployment\/broken-api: .*spec\/replicas must be integer/);
  assert.match(text, /spec must have required property 'selector'|spec must have required property selector/);
  assert.match(text, /containerPort must be integer/);
});

test("an unknown kind is rejected", async () => {
  const { problems } = await check(join(here, "..", "fixtures", "unknown-kind"));
  assert.deepEqual(problems, ["Deploymnet/typo: unknown apiVersion/kind apps/v1 Deploymnet"]);
});

test("a Service that selects no pod is rejected", async () => {
  const { problems } = await check(join(here, "..", "fixtures", "orphan-service"));
  assert.equal(problems.length, 1);
  assert.match(problems[0], /Service\/nobody-home: its selector .* matches no pod/);
});

test("a Secret committed with values is rejected", async () => {
  const { problems } = await check(join(here, "..", "fixtures", "committed-secret"));
  assert.equal(problems.length, 1);
  assert.match(problems[0], /Secret\/oops: Secrets are created with kubectl/);
});

test("a container that may run as root or write to its root filesystem is rejected", async () => {
  const { problems } = await check(join(here, "..", "fixtures", "writable-root"));
  assert.deepEqual(problems, [
    "Deployment/writable-root container app: must run as non-root (securityContext.runAsNonRoot: true)",
    "Deployment/writable-root container app: set securityContext.readOnlyRootFilesystem: true (the paths it writes as emptyDir volumes)",
    "Deployment/writable-root container sidecar: runAsUser 0 is root",
    "Deployment/writable-root container sidecar: set securityContext.readOnlyRootFilesystem: true (the paths it writes as emptyDir volumes)",
  ]);
});

test("every container of every overlay runs non-root on a read-only root filesystem", async () => {
  for (const dir of [join(deploy, "base"), join(deploy, "overlays", "local"), join(deploy, "overlays", "production")]) {
    const { objects } = await check(dir);
    for (const o of objects.filter((x) => ["Deployment", "StatefulSet", "CronJob"].includes(x.kind))) {
      const spec = o.kind === "CronJob" ? o.spec.jobTemplate.spec.template.spec : o.spec.template.spec;
      for (const c of spec.containers) {
        assert.equal(c.securityContext?.readOnlyRootFilesystem, true, `${dir} ${o.kind}/${o.metadata.name} ${c.name}`);
        assert.equal(c.securityContext?.runAsNonRoot ?? spec.securityContext?.runAsNonRoot, true, `${o.metadata.name} ${c.name}`);
      }
    }
  }
});

test("an object without kind is rejected before any schema lookup", async () => {
  assert.deepEqual(await schemaProblems({ metadata: { name: "x" } }), ["?/x: apiVersion and kind are required"]);
});

test("the command line fails on a broken manifest and passes on the real overlays", () => {
  const cli = join(here, "..", "lib", "cli.js");
  const broken = spawnSync(process.execPath, [cli, join(here, "..", "fixtures", "broken")], { encoding: "utf8" });
  assert.equal(broken.status, 1, broken.stdout + broken.stderr);
  assert.match(broken.stdout, /FAIL .*broken/);

  const real = spawnSync(process.execPath, [cli, join(deploy, "overlays", "local"), join(deploy, "overlays", "production")],
    { encoding: "utf8" });
  assert.equal(real.status, 0, real.stdout + real.stderr);
  assert.match(real.stdout, /ok +.*production: \d+ objects valid/);
});
