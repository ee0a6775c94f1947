import { useCallback, useEffect, useState } from 'react';
import { NavigationContext, Link } from './navigation';
import { EXPLORER_BASE, parseRoute, type Route } from './routes';
import { ActorView } from './views/ActorView';
import { ArticleList } from './views/ArticleList';
import { ArticleView } from './views/ArticleView';
import { ReportView } from './views/ReportView';

function currentRoute(): Route {
  return parseRoute(window.location.pathname, window.location.search);
}

/** The explorer: a header, and the view the address names. */
export function App() {
  const [route, setRoute] = useState<Route>(currentRoute);
  const navigate = useCallback((href: string) => {
    window.history.pushState(null, '', href);
    setRoute(currentRoute());
    window.scrollTo(0, 0);
  }, []);
  useEffect(() => {
    const onPopState = () => setRoute(currentRoute());
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
  return (
    <NavigationContext.Provider value={navigate}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link className="site-name" href={EXPLORER_BASE}>
          Attribution explorer
        </Link>
        <nav aria-label="Site">
          <ul>
            <li>
              <Link href={EXPLORER_BASE}>Articles</Link>
            </li>
            <li>
              <a href="/graphql">GraphiQL</a>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main">
        <View route={route} />
      </main>
    </NavigationContext.Provider>
  );
}

function View({ route }: { route: Route }) {
  switch (route.name) {
    case 'articles':
      return <ArticleList search={route.search} />;
    case 'article':
      return <ArticleView key={route.id} id={route.id} />;
    case 'actor':
      return <ActorView key={route.id} id={route.id} />;
    case 'report':
      return <ReportView key={route.id} id={route.id} />;
    case 'not-found':
      return (
        <section>
          <h1>Not found</h1>
          <p>
            Nothing lives at <code>{route.path}</code>. <Link href={EXPLORER_BASE}>See all articles</Link>.
          </p>
        </section>
      );
  }
}
