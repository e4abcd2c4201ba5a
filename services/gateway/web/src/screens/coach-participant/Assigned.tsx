import { useIsFetching } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** "Coaching toegewezen" where the coach acted, scrolled into view so it is seen on a long page. */
export function Assigned() {
  const { t } = useTranslation();
  const ref = useRef<HTMLParagraphElement>(null);
  // The assignment refreshes the page's data, and the answers move the confirmation (suggestions
  // shrink, the running coaching grows): it is brought into view again once they have all arrived.
  const fetching = useIsFetching({ queryKey: ['coach'] });
  useEffect(() => {
    // Braces: Chromium's scrollIntoView may return a promise, and an effect may only return a clean-up.
    if (fetching === 0) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [fetching]);
  return (
    <p className="ok" role="status" ref={ref} data-testid="assigned">
      {t('coach.assigned')}
    </p>
  );
}
