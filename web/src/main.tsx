import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { currentSession, type SessionInfo, signOut } from './api.ts';
import { mayOpen, SECTIONS, Shell, sectionOf } from './components/shell.tsx';
import { EntityPage } from './pages/entity.tsx';
import { EstimateRunPage } from './pages/estimate-run.tsx';
import { EstimatesPage } from './pages/estimates.tsx';
import { LinkageReviewPage } from './pages/linkage-review.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { type Route, useRoute } from './route.ts';

function Page({ route, session }: { route: Route; session: SessionInfo }) {
  if (!mayOpen(session, sectionOf(route))) {
    const label = SECTIONS.find((section) => section.page === sectionOf(route))?.label;
    return (
      <>
        <h1>{label}</h1>
        <p role="alert">The {session.role.replace('_', ' ')} role may not open this page.</p>
      </>
    );
  }
  if (route.page === 'linkage') return <LinkageReviewPage />;
  if (route.page === 'entity') return <EntityPage id={route.id} />;
  if (route.page === 'estimates') return <EstimatesPage organisation={session.organisation} />;
  if (route.page === 'estimate') return <EstimateRunPage id={route.id} organisation={session.organisation} />;
  return <OverviewPage />;
}

function App() {
  const [session, setSession] = useState<SessionInfo | undefined>();
  const [checked, setChecked] = useState(false);
  const route = useRoute();
  useEffect(() => {
    currentSession()
      .then(setSession)
      .finally(() => setChecked(true));
  }, []);
  if (!checked) return <p>Loading…</p>;
  if (!session) return <SignInPage onSignedIn={setSession} />;
  return (
    <Shell
      session={session}
      route={route}
      onSignOut={() => {
        void signOut().finally(() => setSession(undefined));
      }}
    >
      <Page route={route} session={session} />
    </Shell>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
