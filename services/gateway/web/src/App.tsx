import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { api, post, setSessionEndedHandler } from './api';
import { SessionExpired } from './SessionExpired';
import { forgetSignedIn, rememberSignedIn } from './lib/session-memory';
import { mayOpen, NotFound, useFocusMainHeading } from './lib/routing';
import { Admin } from './screens/Admin';
import { Alerts } from './screens/Alerts';
import { Caseload } from './screens/Caseload';
import { CoachParticipant } from './screens/CoachParticipant';
import { Dashboard } from './screens/Dashboard';
import { ManagerParticipant, OrganisationDrill } from './screens/DrillDown';
import { Enrol } from './screens/Enrol';
import { GroupSessions } from './screens/GroupSessions';
import { Import } from './screens/Import';
import { MonthGrid } from './screens/MonthGrid';
import { Participant } from './screens/Participant';
import { Participants } from './screens/Participants';
import { SET_PASSWORD_ROUTE, SetPassword } from './screens/SetPassword';
import { SignIn } from './screens/SignIn';

export interface Me {
  id: string;
  email: string;
  displayName: string;
  role: 'ORGANISER' | 'COACH' | 'REGIONAL_MANAGER' | 'ADMIN';
  organisationIds: string[];
  regionId: string | null;
}

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
  const me = useQuery({ queryKey: ['me'], queryFn: () => api<Me>('/me') });

  const user = me.data;
  signedInAs.current = user;
  useEffect(() => {
    if (user) rememberSignedIn();
  }, [user]);

  const signOut = async () => {
    forgetSignedIn();
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
                element={<Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />}
              />
            )}
          </Routes>
        )}
      </main>
      {expired && user && (
        <SessionExpired
          email={user.email}
          onSignedIn={(userId) => {
            if (userId === user.id) return endExpired(true);
            // Someone else signed in: the waiting calls were not theirs, and neither is this screen.
            endExpired(false);
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
