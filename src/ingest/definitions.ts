import type { CollectionName } from '../store/collections';
import { recordPath } from './bundle-facts';

/** Where a record was defined. */
export interface Definition {
  file: string;
  path: string;
  /** False for a record that failed validation (only its id is known). */
  valid: boolean;
}

/**
 * Where each id of a run was first defined, kept compact: a large load defines hundreds of
 * thousands of ids, so each costs one map entry to a small integer and a slot in a few arrays;
 * a `Definition` object is only made when a problem needs one.
 */
export class Definitions {
  private readonly numbers: Record<CollectionName, Map<string, number>> = { actors: new Map(), reports: new Map(), articles: new Map(), statements: new Map() };
  private readonly files: string[] = [];
  private readonly fileNumbers = new Map<string, number>();
  private readonly fileOf: number[] = [];
  private readonly positionOf: number[] = [];
  private readonly invalid = new Set<number>();

  /** A small number for a file, the same on every call. */
  fileNumber(file: string): number {
    let number = this.fileNumbers.get(file);
    if (number === undefined) {
      number = this.files.push(file) - 1;
      this.fileNumbers.set(file, number);
    }
    return number;
  }

  size(collection: CollectionName): number {
    return this.numbers[collection].size;
  }

  has(collection: CollectionName, id: string): boolean {
    return this.numbers[collection].has(id);
  }

  /** Records the first definition of `id`; false (and nothing changes) if it had one. */
  define(collection: CollectionName, id: string, fileNumber: number, position: number, valid: boolean): boolean {
    const numbers = this.numbers[collection];
    if (numbers.has(id)) return false;
    const number = this.fileOf.push(fileNumber) - 1;
    this.positionOf.push(position);
    if (!valid) this.invalid.add(number);
    numbers.set(id, number);
    return true;
  }

  /** True when `id` was first defined at this file and position. */
  isAt(collection: CollectionName, id: string, fileNumber: number, position: number): boolean {
    const number = this.numbers[collection].get(id);
    return number !== undefined && this.fileOf[number] === fileNumber && this.positionOf[number] === position;
  }

  /** True when `id` was first defined in the file numbered `fileNumber`. */
  isInFile(collection: CollectionName, id: string, fileNumber: number): boolean {
    const number = this.numbers[collection].get(id);
    return number !== undefined && this.fileOf[number] === fileNumber;
  }

  get(collection: CollectionName, id: string): Definition | undefined {
    const number = this.numbers[collection].get(id);
    if (number === undefined) return undefined;
    return { file: this.files[this.fileOf[number] as number] as string, path: recordPath(collection, this.positionOf[number] as number), valid: !this.invalid.has(number) };
  }
}
