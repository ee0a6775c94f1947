import { createContext, useContext, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** Moves to another explorer address without reloading the page. */
export type Navigate = (href: string) => void;

export const NavigationContext = createContext<Navigate>((href) => {
  window.location.assign(href);
});

/** A link within the explorer: a real `<a href>` (opens in a new tab as usual), followed in place on a plain click. */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const navigate = useContext(NavigationContext);
  const { onClick, ...rest } = props;
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(props.href);
  };
  return <a {...rest} onClick={follow} />;
}
