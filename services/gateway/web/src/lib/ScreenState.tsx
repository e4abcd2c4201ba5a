import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../ProblemMessage';

/**
 * What a screen (or a part of it) shows while its data is on the way, when the answer is empty, or
 * when it failed: never an empty table that looks like "nothing there". Loading is announced
 * politely (role=status, aria-busy) and carries a data-state attribute the browser tests look for.
 */
export function Loading({ what }: { what?: string }) {
  const { t } = useTranslation();
  return (
    <p className="state loading" role="status" aria-busy="true" data-state="loading">
      <span className="spinner" aria-hidden="true" />
      {what ? t('state.loadingWhat', { what }) : t('app.loading')}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <p className="state empty" data-state="empty">
      {children}
    </p>
  );
}

/** A failure with a way on: try again (refetch) when the screen can. */
export function Failed({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="state failed" data-state="error">
      <ProblemMessage error={error} />
      {retry && (
        <button type="button" className="secondary" onClick={retry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
}

/**
 * One query's three states around its content: `children` renders only with data, and `empty`
 * (why there is nothing) when `isEmpty` says so.
 */
export function QueryState<T>({
  query,
  what,
  isEmpty,
  empty,
  children,
}: {
  query: QueryLike<T>;
  what?: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isError) return <Failed error={query.error} retry={() => void query.refetch()} />;
  if (query.isPending || query.data === undefined) return <Loading what={what} />;
  if (isEmpty?.(query.data) && empty) return <Empty>{empty}</Empty>;
  return <>{children(query.data)}</>;
}
