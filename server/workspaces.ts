// Workspace resolution: a /clusters/<path-or-id> segment to a logical cluster id, and the API
// catalogue served there. Only the root workspace exists until workspaces are implemented.

import { Catalogue, builtinCatalogue } from '../apis/catalogue.js';

export const ROOT_CLUSTER = 'root';

export interface WorkspaceResolver {
  /** The logical cluster id a URL segment names, or undefined when there is none. */
  resolve(pathOrId: string): string | undefined;
  /** The API catalogue served in a workspace. */
  catalogue(cluster: string): Catalogue;
  /** Every logical cluster id. */
  clusters(): Promise<string[]>;
}

export class RootOnlyWorkspaces implements WorkspaceResolver {
  resolve(pathOrId: string): string | undefined {
    return pathOrId === ROOT_CLUSTER ? ROOT_CLUSTER : undefined;
  }

  catalogue(_cluster: string): Catalogue {
    return builtinCatalogue();
  }

  async clusters(): Promise<string[]> {
    return [ROOT_CLUSTER];
  }
}
