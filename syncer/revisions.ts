// Where the agent resumes from: per resource, the hub revision up to which everything is applied,
// kept in a ConfigMap in the agent's own namespace on the member (so a restarted pod, or a new one
// on another node, continues where the last stopped). The hub identity is stored beside it: the
// revisions of another hub or target mean nothing.

import type { Logger } from 'pino';
import { KubeClient, isNotFound } from './client.js';
import { CONFIGMAPS, NAMESPACES, resourcePath } from './resources.js';

export interface RevisionState {
  /** "<compute cluster id>/<target name>" */
  target: string;
  revisions: Record<string, string>;
}

export function stateConfigMapName(key: string): string {
  return `kplane-syncer-state-${key}`;
}

export class RevisionBook {
  private revisions: Record<string, string> = {};
  private written = '';
  private writing?: Promise<void>;

  constructor(
    private readonly member: KubeClient,
    private readonly namespace: string,
    private readonly name: string,
    private readonly target: string,
    private readonly log: Logger,
  ) {}

  /** Reads the stored revisions (none when absent or of another target); creates the namespace if needed. */
  async load(): Promise<Record<string, string>> {
    await this.member.apply(resourcePath(NAMESPACES, undefined, this.namespace), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: this.namespace } });
    const cm = await this.member.get(resourcePath(CONFIGMAPS, this.namespace, this.name));
    if (!cm) return {};
    try {
      const state = JSON.parse(cm.data?.state ?? '{}') as RevisionState;
      if (state.target !== this.target) {
        this.log.warn({ stored: state.target, target: this.target }, 'stored revisions belong to another hub or target: starting over');
        return {};
      }
      this.revisions = { ...state.revisions };
      this.written = JSON.stringify(this.revisions);
      return { ...this.revisions };
    } catch {
      return {};
    }
  }

  get(resourceId: string): string | undefined {
    return this.revisions[resourceId];
  }

  set(resourceId: string, rv: string): void {
    this.revisions[resourceId] = rv;
  }

  /** Writes the revisions when they changed since the last write. */
  async flush(): Promise<void> {
    if (this.writing) return this.writing;
    const text = JSON.stringify(this.revisions);
    if (text === this.written) return;
    const state: RevisionState = { target: this.target, revisions: this.revisions };
    this.writing = this.member
      .apply(resourcePath(CONFIGMAPS, this.namespace, this.name), {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: this.name, namespace: this.namespace },
        data: { state: JSON.stringify(state) },
      }, { force: true })
      .then(() => {
        this.written = text;
      })
      .catch((e) => {
        if (!isNotFound(e)) this.log.warn({ err: (e as Error).message }, 'could not store revisions');
      })
      .finally(() => (this.writing = undefined));
    return this.writing;
  }
}
