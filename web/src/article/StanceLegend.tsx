import type { Stance } from '../__generated__/graphql';
import { STANCE_STYLES, stanceClass } from '../stance';

/** The stances the article uses, each with its colour, symbol and word: the key to the highlights. */
export function StanceLegend({ statements }: { statements: ReadonlyArray<{ stance: Stance }> }) {
  const counts = new Map<Stance, number>();
  for (const { stance } of statements) counts.set(stance, (counts.get(stance) ?? 0) + 1);
  const used = (Object.keys(STANCE_STYLES) as Stance[]).filter((stance) => counts.has(stance));
  return (
    <section aria-labelledby="legend-heading" className="legend">
      <h2 id="legend-heading">Stances</h2>
      <ul>
        {used.map((stance) => (
          <li key={stance}>
            <span className={`swatch ${stanceClass(stance)}`} aria-hidden="true">
              {STANCE_STYLES[stance].symbol}
            </span>{' '}
            {STANCE_STYLES[stance].label} ({counts.get(stance)})
          </li>
        ))}
      </ul>
    </section>
  );
}
