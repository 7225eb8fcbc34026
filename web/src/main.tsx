import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { currentSession, type SessionInfo, signOut } from './api.ts';
import { OverviewPage } from './pages/overview.tsx';
import { SignInPage } from './pages/sign-in.tsx';

function App() {
  const [session, setSession] = useState<SessionInfo | undefined>();
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    currentSession()
      .then(setSession)
      .finally(() => setChecked(true));
  }, []);
  if (!checked) return <p>Loading…</p>;
  if (!session) return <SignInPage onSignedIn={setSession} />;
  return (
    <OverviewPage
      session={session}
      onSignOut={() => {
        void signOut().finally(() => setSession(undefined));
      }}
    />
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
