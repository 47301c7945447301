// The agent image's Dockerfile (no docker here: check what the manifests rely on).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { agentArgs } from './manifest.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
const lines = dockerfile.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
const finalStage = lines.slice(lines.map((l) => /^FROM\b/.test(l)).lastIndexOf(true));

describe('Dockerfile', () => {
  it('builds in one stage and runs in a slim one', () => {
    expect(lines.filter((l) => /^FROM\b/.test(l))).toHaveLength(2);
    expect(dockerfile).toMatch(/ARG NODE_IMAGE=node:20-slim/);
    expect(dockerfile).toMatch(/npm ci\b/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/python3 make g\+\+/);
  });

  it('runs node bin/kplane as a numeric non-root user, the syncer by default', () => {
    const user = finalStage.find((l) => /^USER\b/.test(l));
    expect(user).toMatch(/^USER [1-9]\d*(:\d+)?$/);
    expect(finalStage).toContain('ENTRYPOINT ["node", "bin/kplane"]');
    expect(finalStage).toContain('CMD ["syncer"]');
    // The Deployment's args replace CMD, so they start with the subcommand.
    expect(agentArgs('t', 'ns')[0]).toBe('syncer');
  });

  it('copies every source directory the build compiles, and the dockerignore keeps tests out', () => {
    const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
    for (const dir of tsconfig.include.filter((d: string) => d !== 'test')) expect(dockerfile, dir).toContain(`COPY ${dir} ./${dir}`);
    const ignore = fs.readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['node_modules', 'dist', '.kplane', 'test', '**/*.test.ts']) expect(ignore, entry).toContain(entry);
  });
});
