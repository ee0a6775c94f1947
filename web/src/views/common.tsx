import { useEffect, useRef, type ReactNode } from 'react';
import type { Stance } from '../__generated__/graphql';
import { STANCE_STYLES, stanceClass } from '../stance';
import type { QueryState } from '../use-query';

/** The view's heading; it takes focus when the view opens, so keyboard and screen-reader users start there. */
export function PageHeading({ children }: { children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}

/** Loading and error states of a query; renders `children` with the data once it is there. */
export function QueryResult<TResult>({ state, children }: { state: QueryState<TResult>; children: (data: TResult) => ReactNode }) {
  if (state.status === 'loading') return <p role="status">Loading…</p>;
  if (state.status === 'failed')
    return (
      <p role="alert" className="error">
        Could not load this view: {state.message}
      </p>
    );
  return <>{children(state.data)}</>;
}

/** A stance as a symbol and a word on its colour. */
export function StanceBadge({ stance }: { stance: Stance }) {
  const style = STANCE_STYLES[stance];
  return (
    <span className={`stance-badge ${stanceClass(stance)}`}>
      <span aria-hidden="true">{style.symbol}</span> {style.label}
    </span>
  );
}

/** A date as the day it names, in UTC (dates known only to the day are stored at midnight UTC). */
export function Day({ value }: { value: string | null | undefined }) {
  if (value === null || value === undefined) return null;
  return <time dateTime={value}>{new Date(value).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}</time>;
}

/** Report kinds in words (`SOCIAL_MEDIA_POST` -> `social media post`). */
export function kindWords(kind: string): string {
  return kind.toLowerCase().replace(/_/g, ' ');
}

/** Sets the document title while the view is shown. */
export function Title({ text }: { text: string }) {
  useEffect(() => {
    document.title = `${text} · Attribution explorer`;
  }, [text]);
  return null;
}
