// The memory ceiling of benchmark (h): a bare Node process, started like the agent (same node, same
// --inspect-port flag), that loads the third-party libraries the agent process loads (`kplane
// syncer`: commander, pino, undici, yaml; @kubernetes/client-node is imported only for legacy
// kubeconfig auth providers, so not here either) and holds nothing. Prints "ready" once loaded.

await import('commander');
await import('pino');
await import('undici');
await import('yaml');
process.stdout.write('ready\n');
setInterval(() => undefined, 1 << 30);
process.on('SIGTERM', () => process.exit(0));

export {};
