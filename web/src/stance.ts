import type { Stance } from './__generated__/graphql';

/** How a stance is shown: a word, and a symbol beside the colour so colour is never the only cue. */
export interface StanceStyle {
  readonly label: string;
  readonly symbol: string;
}

/** Every stance of the schema: a new stance there fails the type check until it is given a style here. */
export const STANCE_STYLES: Readonly<Record<Stance, StanceStyle>> = {
  ASSERTS: { label: 'asserts', symbol: '▸' },
  DENIES: { label: 'denies', symbol: '✕' },
  CONFIRMS: { label: 'confirms', symbol: '✓' },
  PARTIALLY_CONFIRMS: { label: 'partly confirms', symbol: '◐' },
  HAS_NOT_CONFIRMED: { label: 'has not confirmed', symbol: '?' },
  HAS_NOT_COMMENTED: { label: 'has not commented', symbol: '…' },
  DECLINES_TO_COMMENT: { label: 'declines to comment', symbol: '∅' },
  EXPRESSES_CONCERN: { label: 'expresses concern', symbol: '!' },
  DEFENDS: { label: 'defends', symbol: '◆' },
  CRITICIZES: { label: 'criticizes', symbol: '✱' },
  WARNS: { label: 'warns', symbol: '⚠' },
  ESTIMATES: { label: 'estimates', symbol: '≈' },
  PROJECTS: { label: 'projects', symbol: '↗' },
};

/** The CSS class carrying a stance's colour and underline (see styles.css). */
export function stanceClass(stance: Stance): string {
  return `stance-${stance.toLowerCase().replace(/_/g, '-')}`;
}
