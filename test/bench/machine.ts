// What the benchmark ran on: printed with the table and stored with the results.

import os from 'node:os';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memGiB: number;
  node: string;
  platform: string;
  kernel: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()}-${os.arch()}`,
    kernel: os.release(),
  };
}

export function describeMachine(m: MachineInfo): string {
  return `${m.cpus} CPU (${m.cpuModel}), ${m.memGiB} GiB RAM, ${m.platform} ${m.kernel}, Node ${m.node}`;
}
