import { badUserInput } from '../errors';
import { MAX_CHAIN_DEPTH } from './provenance.model';

/** A `maxDepth` argument, checked: 1 to MAX_CHAIN_DEPTH. */
export function chainDepth(maxDepth: number | null | undefined): number {
  const depth = maxDepth ?? 8;
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_CHAIN_DEPTH) throw badUserInput('maxDepth', `an integer from 1 to ${MAX_CHAIN_DEPTH}`, maxDepth);
  return depth;
}
