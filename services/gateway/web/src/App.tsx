import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { api, post, setSessionEndedHandler } from './api';
import { SessionExpired } from './SessionExpired';
import { clearAllDrafts } from './lib/drafts';
import { forgetSignedIn, rememberSignedIn } from './lib/session-memory';
import { mayOpen, NotFound, useFocusMainHeading } from './lib/routing';
import { Loading } from './lib/ScreenState';
import { SCREENS } from './lib/screen-chunks';
import { Alerts } from './screens/Alerts';
import { Caseload } from './screens/Caseload';
import { MonthGrid } from './screens/MonthGrid';
import { SET_PASSWORD_ROUTE, SetPassword } from './screens/SetPassword';
import { SignIn } from './screens/SignIn';

// The three home screens come with the app; the others (and the chart library most of them use)
// load when first opened, so the inbox, the month grid and the caseload start sooner.
const Admin = lazy(() => SCREENS.admin().then((m) => ({ default: m.Admin })));
const CoachParticipant = lazy(() => SCREENS.coachParticipant().then((m) => ({ default: m.CoachParticipant })));
const Dashboard = lazy(() => SCREENS.dashboard().then((m) => ({ default: m.Dashboard })));
const ManagerParticipant = lazy(() => SCREENS.drillDown().then((m) => ({ default: m.ManagerParticipant })));
const OrganisationDrill = lazy(() => SCREENS.drillDown().then((m) => ({ default: m.OrganisationDrill })));
const Enrol = lazy(() => SCREENS.enrol().then((m) => ({ default: m.Enrol })));
const GroupSessions = lazy(() => SCREENS.groupSessions().then((m) => ({ default: m.GroupSessions })));
const Import = lazy(() => SCREENS.import().then((m) => ({ default: m.Import })));
const Participant = lazy(() => SCREENS.participant().then((m) => ({ default: m.Participant })));
const Participants = lazy(() => SCREENS.participants().then((m) => ({ default: m.Participants })));

export interface Me {
  id: string;
  email: string;
  displayName: string;
  role: 'ORGANISER' | 'COACH' | 'REGIONAL_MANAGER' | 'ADMIN';
  organisationIds: string[];
  regionId: string | null;
}

export const fetchMe = () => api<Me>('/me');

const LINKS: Record<Me['role'], { to: string; key: string }[]> = {
  ORGANISER: [
    { to: '/organiser', key: 'nav.grid' },
    { to: '/organiser/participants', key: 'organiser.nav.participants' },
    { to: '/organiser/enrol', key: 'organiser.nav.enrol' },
    { to: '/organiser/import', key: 'organiser.nav.import' },
  ],
  COACH: [
    { to: '/coach', key: 'nav.caseload' },
    { to: '/coach/group-sessions', key: 'coach.nav.groupSessions' },
  ],
  REGIONAL_MANAGER: [
    { to: '/manager/alerts', key: 'nav.alerts' },
    { to: '/manager/dashboard', key: 'nav.dashboard' },
  ],
  ADMIN: [
    { to: '/admin/users', key: 'nav.users' },
    { to: '/manager/dashboard', key: 'nav.dashboard' },
  ],
};

export function App() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const mainRef = useRef<HTMLElement>(null);
  // The session ended while someone was working: ask them to sign in again over the same screen
  // (nothing unmounts, nothing typed is lost); the calls that were waiting then go again.
  const [expired, setExpired] = useState<{ resolve: (again: boolean) => void } | null>(null);
  const signedInAs = useRef<Me | undefined>(undefined);
  useEffect(
    () =>
      setSessionEndedHandler(() =>
        signedInAs.current ? new Promise<boolean>((resolve) => setExpired({ resolve })) : Promise.resolve(false),
      ),
    [],
  );
  useEffect(() => {
    document.documentElement.lang = i18n.language === 'en' ? 'en-GB' : 'nl-BE';
  }, [i18n.language]);
  // After a route change the focus goes to the new screen's main heading.
  useFocusMainHeading(mainRef);
  // main.tsx asks already, alongside the clock: no second request when the screen mounts.
  const me = useQuery({ queryKey: ['me'], queryFn: fetchMe, staleTime: 60_000 });

  const user = me.data;
  signedInAs.current = user;
  useEffect(() => {
    if (user) rememberSignedIn();
  }, [user]);

  const signOut = async () => {
    forgetSignedIn();
    clearAllDrafts();
    await post('/auth/sign-out', {}).catch(() => undefined);
    client.clear();
    navigate('/sign-in');
  };
  const endExpired = (again: boolean) => {
    expired?.resolve(again);
    setExpired(null);
  };
  const home = user ? LINKS[user.role][0].to : '/sign-in';

  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header>
        <strong>{t('app.name')}</strong>
        {user && (
          <nav aria-label={t('app.nav')}>
            <ul>
              {LINKS[user.role].map((l) => (
                <li key={l.to}>
                  <NavLink to={l.to} end>
                    {t(l.key)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <span className="spacer" />
        <label style={{ flexDirection: 'row', alignItems: 'center' }}>
          {t('app.language')}{' '}
          <select
            value={i18n.language}
            onChange={(e) => {
              localStorage.setItem('lang', e.target.value);
              void i18n.changeLanguage(e.target.value);
            }}
          >
            <option value="nl">Nederlands</option>
            <option value="en">English</option>
          </select>
        </label>
        {user && (
          <>
            <span>{user.displayName}</span>
            <button type="button" onClick={() => void signOut()}>
              {t('app.signOut')}
            </button>
          </>
        )}
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        {me.isLoading ? (
          <p>{t('app.loading')}</p>
        ) : user && !mayOpen(user.role, location.pathname) ? (
          <NotFound home={home} />
        ) : (
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/sign-in" element={<SignIn onSignedIn={() => me.refetch()} />} />
              <Route path={SET_PASSWORD_ROUTE} element={<SetPassword onSignedIn={() => me.refetch()} />} />
              {user ? (
                <>
                  <Route path="/organiser" element={<MonthGrid me={user} />} />
                  <Route path="/organiser/participants" element={<Participants me={user} />} />
                  <Route path="/organiser/participants/:id" element={<Participant me={user} />} />
                  <Route path="/organiser/enrol" element={<Enrol me={user} />} />
                  <Route path="/organiser/import" element={<Import me={user} />} />
                  <Route path="/coach" element={<Caseload me={user} />} />
                  <Route path="/coach/participants/:id" element={<CoachParticipant me={user} />} />
                  <Route path="/coach/group-sessions" element={<GroupSessions me={user} />} />
                  <Route path="/coach/group-sessions/:id" element={<GroupSessions me={user} />} />
                  <Route path="/manager/alerts" element={<Alerts />} />
                  <Route path="/manager/dashboard" element={<Dashboard me={user} />} />
                  <Route path="/manager/organisations/:organisationId" element={<OrganisationDrill />} />
                  <Route path="/manager/participants/:id" element={<ManagerParticipant />} />
                  <Route path="/admin/users" element={<Admin />} />
                  <Route path="/" element={<Navigate to={home} replace />} />
                  <Route path="*" element={<NotFound home={home} />} />
                </>
              ) : (
                <Route
                  path="*"
                  element={
                    <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />
                  }
                />
              )}
            </Routes>
          </Suspense>
        )}
      </main>
      {expired && user && (
        <SessionExpired
          email={user.email}
          onSignedIn={(userId) => {
            if (userId === user.id) return endExpired(true);
            // Someone else signed in: the waiting calls were not theirs, and neither is this screen.
            endExpired(false);
            clearAllDrafts();
            client.clear();
            navigate('/');
          }}
          onSignOut={() => {
            endExpired(false);
            void signOut();
          }}
        />
      )}
    </>
  );
}
