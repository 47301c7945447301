// Compares the project's catalogue with upstream Kubernetes reference data (the .proto files of
// k8s.io/api 1.34 and real OpenAPI v3 documents), which live outside the project in
// ../shared/reference/kubernetes. Run by .ci/run when that folder exists:
//
//   npm run check:upstream [-- --ref DIR] [--pkg core/v1] [--verbose]
//
// The reference data is read here as an oracle only; nothing is generated from it.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTypeRegistry } from '../../apis/types/index.js';
import { compareWithProto, loadProtoRoot } from './protoCheck.js';
import { compareWithOpenAPI } from './openapiCheck.js';
import { compareResources } from './resourceCheck.js';
import { compareServedOpenAPI } from './servedOpenapiCheck.js';
import { compareWithGnostic } from './gnosticCheck.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

async function main(): Promise<void> {
  const ref = path.resolve(arg('--ref') ?? process.env.KPLANE_UPSTREAM_REF ?? path.join(repoRoot(), '../shared/reference/kubernetes'));
  if (!fs.existsSync(ref)) {
    console.error(`reference folder ${ref} not found`);
    process.exit(2);
  }
  const only = arg('--pkg');
  const verbose = process.argv.includes('--verbose');
  const registry = buildTypeRegistry(false);
  const problems: string[] = registry.unresolved().filter((u) => !only || u.startsWith(`${only}:`));

  const root = loadProtoRoot(path.join(ref, 'proto'));
  const proto = compareWithProto(registry, root, only);
  problems.push(...proto.problems);

  const openapi = compareWithOpenAPI(registry, path.join(ref, 'openapi-v3'), only);
  problems.push(...openapi.problems);

  const resources = await compareResources(path.join(ref, 'openapi-v3'), only);
  problems.push(...resources.problems);

  const served = only ? { paths: 0, schemas: 0, problems: [] } : compareServedOpenAPI(path.join(ref, 'openapi-v3'));
  problems.push(...served.problems);

  const gnostic = compareWithGnostic(path.join(ref, 'proto/gnostic/openapiv2/OpenAPIv2.proto'));
  problems.push(...gnostic.problems);

  if (verbose || problems.length) for (const p of problems) console.log(`  ✗ ${p}`);
  console.log(
    `upstream check: ${proto.types} types / ${proto.fields} fields against .proto, ` +
      `${openapi.schemas} schemas against OpenAPI v3, ${resources.resources} resources against OpenAPI paths, ` +
      `served OpenAPI: ${served.paths} paths and ${served.schemas} schemas, ` +
      `gnostic descriptor: ${gnostic.messages} messages / ${gnostic.fields} fields against OpenAPIv2.proto: ` +
      `${problems.length} problem(s)`,
  );
  process.exit(problems.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
