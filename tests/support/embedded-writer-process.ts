/**
 * Run as a child process by the durability tests:
 *   write DIR N   upserts N documents one call at a time, printing "ack <i>" after each returns
 *   hold DIR      opens the store, prints "ready", and keeps it open until killed
 *   stage DIR     stages batches of 1000 documents in a bulk load that never commits, printing
 *                 "staged <i>" after each, until killed
 */
import { EmbeddedStore } from '../../src/store/embedded/index';

const actor = (id: string) => ({ _id: id, name: id, kind: 'PERSON', named: true, role: null, affiliationId: null, country: null, aliases: [] }) as never;

async function stage(directory: string): Promise<void> {
  const writer = await EmbeddedStore.open(directory);
  const staged = writer.beginStagedWrite();
  for (let batch = 0; ; batch += 1) {
    await staged.upsertMany('actors', Array.from({ length: 1000 }, (_, index) => actor(`actor/staged-${batch}-${index}`)));
    process.stdout.write(`staged ${batch}\n`);
  }
}

async function main(): Promise<void> {
  const [mode, directory, count] = process.argv.slice(2);
  if (!directory || (mode !== 'write' && mode !== 'hold' && mode !== 'stage')) throw new Error('usage: write DIR N | hold DIR | stage DIR');
  if (mode === 'stage') return stage(directory);
  const store = await EmbeddedStore.open(directory);
  if (mode === 'hold') {
    process.stdout.write('ready\n');
    setInterval(() => undefined, 60_000);
    return;
  }
  for (let index = 0; index < Number(count); index += 1) {
    const id = `actor/durable-${index}`;
    await store.upsertMany('actors', [{ _id: id, name: `Durable ${index}`, kind: 'PERSON', named: true, role: null, affiliationId: null, country: null, aliases: [] } as never]);
    process.stdout.write(`ack ${index}\n`);
  }
  process.stdout.write('done\n');
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
