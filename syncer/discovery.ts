// What the member serves, for the groups the agent may sync: one APIGroupList, then the resource
// list of each version of those groups.

import { KubeClient } from './client.js';
import { DiscoveredGroupVersion } from './resources.js';

export async function discoverGroups(member: KubeClient, groups: Iterable<string>): Promise<Map<string, DiscoveredGroupVersion[]>> {
  const wanted = new Set(groups);
  const out = new Map<string, DiscoveredGroupVersion[]>();
  const versionsOf = new Map<string, string[]>();
  if (wanted.has('')) {
    const core = await member.request('GET', '/api');
    versionsOf.set('', core?.versions ?? ['v1']);
  }
  const apis = await member.request('GET', '/apis');
  for (const g of apis?.groups ?? []) {
    if (wanted.has(g.name)) versionsOf.set(g.name, (g.versions ?? []).map((v: { version: string }) => v.version));
  }
  await Promise.all(
    [...versionsOf].map(async ([group, versions]) => {
      const gvs = await Promise.all(
        versions.map(async (version) => {
          const list = await member.get(group ? `/apis/${group}/${version}` : `/api/${version}`);
          return { group, version, resources: new Set<string>((list?.resources ?? []).map((r: { name: string }) => r.name)) };
        }),
      );
      out.set(group, gvs);
    }),
  );
  return out;
}
