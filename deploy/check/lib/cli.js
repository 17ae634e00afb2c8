#!/usr/bin/env node
// Usage: node lib/cli.js <kustomization dir>...   Exit code 1 when any object is invalid.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { kustomize } from "./kubectl.js";
import { overlayProblems, secretsDocumentedIn } from "./validate.js";

const readme = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "README.md");
const documentedSecrets = secretsDocumentedIn(readFileSync(readme, "utf8"));

let failed = false;
for (const dir of process.argv.slice(2)) {
  const target = resolve(dir);
  try {
    const { objects, problems } = await overlayProblems(kustomize(target), { documentedSecrets });
    if (problems.length === 0) {
      console.log(`ok   ${dir}: ${objects.length} objects valid`);
    } else {
      failed = true;
      console.log(`FAIL ${dir}: ${problems.length} problem(s)`);
      for (const problem of problems) console.log(`     - ${problem}`);
    }
  } catch (error) {
    failed = true;
    console.log(`FAIL ${dir}: ${error.message}`);
  }
}
process.exit(failed ? 1 : 0);
