// Validates rendered Kubernetes objects: each against the JSON schema of its apiVersion/kind (kubernetes-models
// ships the schemas of the Kubernetes OpenAPI, compiled for ajv), plus the project's own rules that a schema
// cannot express: every Service selects some pod, every referenced ConfigMap is in the render, no Secret carries
// values, every referenced Secret is documented with a `kubectl create secret` command, and every container runs
// non-root on a read-only root filesystem with resources set.
import { parseAllDocuments } from "yaml";

const modelCache = new Map();

async function modelFor(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (!modelCache.has(key)) {
    // "apps/v1" -> kubernetes-models/apps/v1/Deployment; core "v1" -> kubernetes-models/v1/Service
    const path = `kubernetes-models/${apiVersion}/${kind}`;
    let model = null;
    try {
      const module = await import(path);
      model = module[kind] ?? module.default ?? null;
    } catch {
      model = null;
    }
    modelCache.set(key, model);
  }
  return modelCache.get(key);
}

export function parseDocuments(text) {
  const objects = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) {
      throw new Error(`Not valid YAML: ${document.errors.map((e) => e.message).join("; ")}`);
    }
    const value = document.toJS();
    if (value !== null && value !== undefined) objects.push(value);
  }
  return objects;
}

const describe = (o) => `${o?.kind ?? "?"}/${o?.metadata?.name ?? "?"}`;

/** Schema validation of one object; returns a list of problems (empty when valid). */
export async function schemaProblems(object) {
  if (typeof object !== "object" || Array.isArray(object)) return [`not a Kubernetes object: ${JSON.stringify(object)}`];
  if (!object.apiVersion || !object.kind) return [`${describe(object)}: apiVersion and kind are required`];
  const Model = await modelFor(object.apiVersion, object.kind);
  if (!Model) return [`${describe(object)}: unknown apiVersion/kind ${object.apiVersion} ${object.kind}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return String(error.message).split(", ").map((m) => `${describe(object)}: ${m}`);
  }
}

function podTemplates(object) {
  switch (object.kind) {
    case "Deployment":
    case "StatefulSet":
    case "DaemonSet":
    case "Job":
      return [object.spec?.template];
    case "CronJob":
      return [object.spec?.jobTemplate?.spec?.template];
    default:
      return [];
  }
}

/** The project's rules over a whole rendered overlay. */
export function projectRuleProblems(objects, { documentedSecrets = new Set() } = {}) {
  const problems = [];
  const templates = objects.flatMap((o) => podTemplates(o).map((t) => ({ owner: o, template: t })));
  const configMaps = new Set(objects.filter((o) => o.kind === "ConfigMap").map((o) => o.metadata?.name));

  for (const object of objects) {
    if (object.kind === "Secret" && (object.data || object.stringData)) {
      problems.push(`${describe(object)}: Secrets are created with kubectl, never committed with values (deploy/README.md)`);
    }
    if (object.kind === "Service" && object.spec?.selector) {
      const selector = Object.entries(object.spec.selector);
      const matches = templates.some(({ template }) =>
        selector.every(([k, v]) => template?.metadata?.labels?.[k] === v));
      if (!matches) problems.push(`${describe(object)}: its selector ${JSON.stringify(object.spec.selector)} matches no pod`);
    }
  }

  for (const { owner, template } of templates) {
    const spec = template?.spec ?? {};
    const secretNames = new Set();
    const configMapNames = new Set();
    for (const volume of spec.volumes ?? []) {
      if (volume.configMap) configMapNames.add(volume.configMap.name);
      if (volume.secret) secretNames.add(volume.secret.secretName);
    }
    for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      const where = `${describe(owner)} container ${container.name}`;
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef) configMapNames.add(source.configMapRef.name);
        if (source.secretRef) secretNames.add(source.secretRef.name);
      }
      for (const env of container.env ?? []) {
        if (env.valueFrom?.configMapKeyRef) configMapNames.add(env.valueFrom.configMapKeyRef.name);
        if (env.valueFrom?.secretKeyRef) secretNames.add(env.valueFrom.secretKeyRef.name);
      }
      if (!container.resources?.requests || !container.resources?.limits?.memory) {
        problems.push(`${where}: set resources.requests and a memory limit`);
      }
      const runAsNonRoot = container.securityContext?.runAsNonRoot ?? spec.securityContext?.runAsNonRoot;
      if (runAsNonRoot !== true) problems.push(`${where}: must run as non-root (securityContext.runAsNonRoot: true)`);
      const runAsUser = container.securityContext?.runAsUser ?? spec.securityContext?.runAsUser;
      if (runAsUser === 0) problems.push(`${where}: runAsUser 0 is root`);
      if (container.securityContext?.readOnlyRootFilesystem !== true) {
        problems.push(`${where}: set securityContext.readOnlyRootFilesystem: true (the paths it writes as emptyDir volumes)`);
      }
      if (container.securityContext?.allowPrivilegeEscalation !== false) {
        problems.push(`${where}: set securityContext.allowPrivilegeEscalation: false`);
      }
    }
    for (const name of configMapNames) {
      if (!configMaps.has(name)) problems.push(`${describe(owner)}: uses ConfigMap ${name}, which the overlay does not contain`);
    }
    for (const name of secretNames) {
      if (!documentedSecrets.has(name)) {
        problems.push(`${describe(owner)}: uses Secret ${name}, which deploy/README.md does not tell how to create`);
      }
    }
  }
  return problems;
}

/** Secrets named in `kubectl create secret generic NAME` lines of a README. */
export function secretsDocumentedIn(readme) {
  return new Set([...readme.matchAll(/kubectl(?:\s+-n\s+\S+)?\s+create\s+secret\s+(?:generic|tls)\s+([a-z0-9-]+)/g)].map((m) => m[1]));
}

/** Everything wrong with one rendered overlay. */
export async function overlayProblems(renderedYaml, options) {
  const objects = parseDocuments(renderedYaml);
  const problems = [];
  for (const object of objects) problems.push(...(await schemaProblems(object)));
  problems.push(...projectRuleProblems(objects, options));
  return { objects, problems };
}
