// client.authentication.k8s.io exec credential plugins (EKS `aws eks get-token`, gke-gcloud-auth-
// plugin, kubelogin…): run the command, read an ExecCredential from its stdout, keep it until it
// expires (or the server answers 401).

import { execFile } from 'node:child_process';
import path from 'node:path';

export interface ExecConfig {
  apiVersion?: string;
  command: string;
  args?: string[];
  env?: Array<{ name: string; value: string }>;
  provideClusterInfo?: boolean;
  installHint?: string;
}

export interface ExecResult {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  /** Milliseconds since the epoch; undefined: valid until the server refuses it. */
  expiresAt?: number;
}

/** Refresh this long before expiry, so a request never leaves with a token about to lapse. */
const EXPIRY_MARGIN_MS = 30_000;

/** Relative commands with a path separator are relative to the kubeconfig's directory, as kubectl runs them. */
export function resolveExecCommand(command: string, baseDir: string | undefined): string {
  if (baseDir && !path.isAbsolute(command) && command.includes('/')) return path.resolve(baseDir, command);
  return command;
}

export function parseExecCredential(stdout: string, expectedApiVersion: string | undefined): ExecResult {
  let cred: any;
  try {
    cred = JSON.parse(stdout);
  } catch {
    throw new Error('exec plugin did not print an ExecCredential (invalid JSON)');
  }
  if (cred?.kind !== 'ExecCredential') throw new Error(`exec plugin printed kind ${JSON.stringify(cred?.kind)}, not ExecCredential`);
  if (expectedApiVersion && cred.apiVersion !== expectedApiVersion) {
    throw new Error(`exec plugin answered ${cred.apiVersion}, the kubeconfig asks for ${expectedApiVersion}`);
  }
  const s = cred.status ?? {};
  if (!s.token && !(s.clientCertificateData && s.clientKeyData)) throw new Error('exec plugin returned neither a token nor a client certificate and key');
  const expiresAt = s.expirationTimestamp ? Date.parse(s.expirationTimestamp) : undefined;
  return { token: s.token, clientCertificateData: s.clientCertificateData, clientKeyData: s.clientKeyData, expiresAt: Number.isFinite(expiresAt) ? expiresAt : undefined };
}

/** Runs an exec plugin on demand and caches its credential until it expires. */
export class ExecCredentialSource {
  private cached?: ExecResult;
  private running?: Promise<ExecResult>;

  constructor(
    private readonly exec: ExecConfig,
    private readonly baseDir: string | undefined,
    private readonly cluster: { server: string; 'certificate-authority-data'?: string; 'insecure-skip-tls-verify'?: boolean },
    private readonly now: () => number = Date.now,
  ) {}

  invalidate(): void {
    this.cached = undefined;
  }

  async get(): Promise<ExecResult> {
    const c = this.cached;
    if (c && (c.expiresAt === undefined || c.expiresAt - EXPIRY_MARGIN_MS > this.now())) return c;
    this.running ??= this.run().finally(() => (this.running = undefined));
    this.cached = await this.running;
    return this.cached;
  }

  private run(): Promise<ExecResult> {
    const apiVersion = this.exec.apiVersion ?? 'client.authentication.k8s.io/v1';
    const spec: Record<string, unknown> = { interactive: false };
    if (this.exec.provideClusterInfo) {
      spec.cluster = {
        server: this.cluster.server,
        'certificate-authority-data': this.cluster['certificate-authority-data'],
        'insecure-skip-tls-verify': this.cluster['insecure-skip-tls-verify'],
      };
    }
    const env: NodeJS.ProcessEnv = { ...process.env, KUBERNETES_EXEC_INFO: JSON.stringify({ apiVersion, kind: 'ExecCredential', spec }) };
    for (const e of this.exec.env ?? []) env[e.name] = e.value;
    const command = resolveExecCommand(this.exec.command, this.baseDir);
    return new Promise((resolve, reject) => {
      execFile(command, this.exec.args ?? [], { env, timeout: 60_000, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
        if (err) {
          const hint = this.exec.installHint && (err as NodeJS.ErrnoException).code === 'ENOENT' ? `\n${this.exec.installHint}` : '';
          reject(new Error(`exec plugin ${command} failed: ${err.message.trim()}${stderr ? `: ${String(stderr).trim()}` : ''}${hint}`));
          return;
        }
        try {
          resolve(parseExecCredential(String(stdout), apiVersion));
        } catch (e) {
          reject(e);
        }
      });
    });
  }
}
