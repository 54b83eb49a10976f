import { links, useRoute } from './router.ts';
import { AnalyzePage } from './pages/analyze.tsx';
import { DyadPage } from './pages/dyad.tsx';
import { EntityPage } from './pages/entity.tsx';
import { Home } from './pages/home.tsx';
import { NetworkPage } from './pages/network.tsx';
import { DocPage } from './pages/reader.tsx';
import { SearchPage } from './pages/search.tsx';
import { TimelinePage } from './pages/timeline.tsx';

const NAV: [string, string, string][] = [
  ['', 'Corpus', links.home()],
  ['search', 'Search', links.search({})],
  ['timeline', 'Timeline', links.timeline()],
  ['network', 'Network', links.network()],
  ['dyad', 'Dyad', links.dyad()],
  ['analyze', 'Analyse', links.analyze()],
];

export function App() {
  const route = useRoute();
  const [page, arg] = route.parts;
  let body: preact.JSX.Element;
  switch (page ?? '') {
    case '':
      body = <Home offset={Number(route.query.get('offset') ?? 0) || 0} />;
      break;
    case 'doc':
      body = <DocPage id={arg ?? ''} key={arg} />;
      break;
    case 'entity':
      body = <EntityPage entityKey={arg ?? ''} key={arg} />;
      break;
    case 'search':
      body = <SearchPage query={route.query} />;
      break;
    case 'timeline':
      body = <TimelinePage query={route.query} />;
      break;
    case 'network':
      body = <NetworkPage query={route.query} />;
      break;
    case 'dyad':
      body = <DyadPage query={route.query} />;
      break;
    case 'analyze':
      body = <AnalyzePage />;
      break;
    default:
      body = (
        <div class="page">
          <h1>Not found</h1>
          <p>
            There is no page here. <a href={links.home()}>Back to the corpus</a>.
          </p>
        </div>
      );
  }
  const active = page === 'doc' || page === 'entity' ? '' : (page ?? '');
  return (
    <>
      <header class="top">
        <a class="brand" href={links.home()}>
          <span class="logo" aria-hidden="true">
            A
          </span>
          attache
        </a>
        <nav>
          {NAV.map(([id, label, to]) => (
            <a key={id} href={to} class={active === id ? 'on' : ''}>
              {label}
            </a>
          ))}
        </nav>
        <a class="api-link" href="/openapi.json" target="_blank" rel="noopener">
          API
        </a>
      </header>
      <main>{body}</main>
    </>
  );
}
