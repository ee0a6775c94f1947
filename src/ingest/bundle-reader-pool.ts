import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { unpack } from 'msgpackr';
import { startWorkerThread } from '../worker-thread';
import type { ReaderReply, ReaderRequest } from './bundle-reader.protocol';
import type { DocumentsBundleRead } from './read-bundle-file';

interface Waiting {
  resolve: (read: DocumentsBundleRead) => void;
  reject: (error: Error) => void;
}

interface Reader {
  worker: Worker;
  waiting: Map<number, Waiting>;
}

/** Threads that read, validate and convert bundle files in parallel, handing results back in file order. */
export class BundleReaderPool {
  private sequence = 0;
  private broken: Error | undefined;

  private constructor(private readonly readers: Reader[]) {
    for (const reader of readers) {
      reader.worker.on('message', (reply: ReaderReply) => {
        const waiting = reader.waiting.get(reply.seq);
        reader.waiting.delete(reply.seq);
        if (reply.error !== undefined) waiting?.reject(new Error(reply.error));
        else {
          const { packed, ...read } = reply.read;
          waiting?.resolve({ ...read, documents: packed ? (unpack(packed) as DocumentsBundleRead['documents']) : undefined });
        }
      });
      const fail = (error: Error) => {
        this.broken ??= error;
        for (const waiting of reader.waiting.values()) waiting.reject(error);
        reader.waiting.clear();
      };
      reader.worker.on('error', fail);
      reader.worker.on('exit', (code) => fail(new Error(`A bundle reader thread stopped (exit code ${code})`)));
    }
  }

  /** Starts `size` reader threads (by default one per core). */
  static start(size = availableParallelism()): BundleReaderPool {
    return new BundleReaderPool(Array.from({ length: Math.max(1, size) }, () => ({ worker: startWorkerThread(__filename, 'bundle-reader', undefined), waiting: new Map() })));
  }

  /** Reads every file, a few ahead of the consumer, yielding them in the order given. */
  async *readInOrder(files: readonly string[]): AsyncGenerator<DocumentsBundleRead> {
    const ahead = this.readers.length * 2;
    const started: Array<Promise<DocumentsBundleRead>> = [];
    let next = 0;
    const startMore = () => {
      while (next < files.length && started.length < ahead) {
        const read = this.read(files[next] as string);
        // Rejections are raised when their turn comes; until then they must not count as unhandled.
        read.catch(() => undefined);
        started.push(read);
        next += 1;
      }
    };
    startMore();
    while (started.length > 0) {
      const read = await (started.shift() as Promise<DocumentsBundleRead>);
      startMore();
      yield read;
    }
  }

  /** Stops the threads. */
  async close(): Promise<void> {
    for (const reader of this.readers) reader.worker.removeAllListeners('exit');
    await Promise.all(this.readers.map((reader) => reader.worker.terminate()));
  }

  private read(file: string): Promise<DocumentsBundleRead> {
    if (this.broken) return Promise.reject(this.broken);
    const reader = this.readers.reduce((least, candidate) => (candidate.waiting.size < least.waiting.size ? candidate : least));
    const seq = (this.sequence += 1);
    return new Promise<DocumentsBundleRead>((resolve, reject) => {
      reader.waiting.set(seq, { resolve, reject });
      reader.worker.postMessage({ seq, file } satisfies ReaderRequest);
    });
  }
}
