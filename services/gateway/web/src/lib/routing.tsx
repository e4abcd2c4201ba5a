import { ReactNode, RefObject, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';

import { mayOpen, Role } from './route-roles';

export { mayOpen };

/** The screen for a role allowed to open it; the "not found" page otherwise (no hint that it exists). */
export function Guard({ role, children }: { role: Role; children: ReactNode }) {
  const { pathname } = useLocation();
  return mayOpen(role, pathname) ? <>{children}</> : <NotFound home="/" />;
}

export function NotFound({ home }: { home: string }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <section className="not-found" data-screen="not-found">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <p className="hint">{t('notFound.path', { path: pathname })}</p>
      <p>
        <Link className="button" to={home}>
          {t('notFound.home')}
        </Link>
      </p>
    </section>
  );
}

/**
 * After a route change the focus goes to the new screen's main heading (read out by screen readers,
 * with a subtle focus style), once that heading is there: screens render it after their data loads.
 */
export function useFocusMainHeading(main: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  useEffect(() => {
    const root = main.current;
    if (!root) return undefined;
    const focus = (): boolean => {
      const heading = root.querySelector<HTMLElement>('h1');
      if (!heading) return false;
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: false });
      return true;
    };
    if (focus()) return undefined;
    const observer = new MutationObserver(() => {
      if (focus()) observer.disconnect();
    });
    observer.observe(root, { childList: true, subtree: true });
    const stop = window.setTimeout(() => observer.disconnect(), 10_000);
    return () => {
      observer.disconnect();
      window.clearTimeout(stop);
    };
  }, [pathname, main]);
}
