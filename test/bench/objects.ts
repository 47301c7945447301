// The benchmark's objects: 1 KB ConfigMaps (the JSON body a client sends is ~1,024 bytes).

const FILLER_FOR_1KB = 'x'.repeat(912);

export function configMap(name: string, extra: Record<string, string> = {}): object {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { app: 'bench' } }, data: { ...extra, filler: FILLER_FOR_1KB } };
}

export function configMapBody(name: string, extra: Record<string, string> = {}): string {
  return JSON.stringify(configMap(name, extra));
}
