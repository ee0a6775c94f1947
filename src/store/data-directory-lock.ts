import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Who holds a data directory, as written in its lock file. */
interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

/** The data directory is held by another live process. */
export class DataDirectoryInUseError extends Error {
  constructor(directory: string, holder: LockHolder) {
    super(
      `The data directory ${directory} is in use by process ${holder.pid} on ${holder.host} (${holder.command}, since ${holder.since}). ` +
        'Stop that process, or set DATA_DIR to another directory.',
    );
    this.name = 'DataDirectoryInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockFile: string): LockHolder | undefined {
  try {
    return JSON.parse(fs.readFileSync(lockFile, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

/**
 * Takes the single-writer lock of a data directory: a `LOCK` file naming the holder, created
 * exclusively. A lock left by a dead process on this host (after a kill) is taken over.
 * Returns the function that releases it.
 */
export function lockDataDirectory(directory: string): () => void {
  const lockFile = path.join(directory, 'LOCK');
  const me: LockHolder = { pid: process.pid, host: os.hostname(), command: process.argv.slice(1).join(' ') || process.argv0, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      fs.writeFileSync(lockFile, JSON.stringify(me), { flag: 'wx' });
      return () => {
        if (readHolder(lockFile)?.pid === process.pid) fs.rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(lockFile);
      if (holder && holder.host === me.host && !isAlive(holder.pid)) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
      if (holder) throw new DataDirectoryInUseError(directory, holder);
      // Unreadable: a holder still writing it; look again.
    }
  }
  throw new Error(`Could not take the lock ${lockFile}; remove it if no gateway or loader is running`);
}
