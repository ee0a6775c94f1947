import os from 'node:os';

/** The machine a run measured, printed at the top of the results: numbers only compare on the same one. */
export interface MachineDescription {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  date: string;
}

/** Describes this machine and the moment of the run. */
export function describeMachine(now: Date = new Date()): MachineDescription {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    date: now.toISOString(),
  };
}
