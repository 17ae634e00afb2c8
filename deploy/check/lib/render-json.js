#!/usr/bin/env node
// Usage: node lib/render-json.js <kustomization dir>   Prints the rendered objects as one JSON array (for tools
// without a YAML parser, such as deploy/images/verify, which runs each image the way its rendered pod spec says).
import { resolve } from "node:path";
import { kustomize } from "./kubectl.js";
import { parseDocuments } from "./validate.js";

process.stdout.write(JSON.stringify(parseDocuments(kustomize(resolve(process.argv[2])))));
