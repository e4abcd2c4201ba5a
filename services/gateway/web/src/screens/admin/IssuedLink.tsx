import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PasswordLink } from './types';

/**
 * The link shown once to the admin, to hand over (there is no mail server): the full address to
 * copy, and until when it works.
 */
export function IssuedLink({ link, name }: { link: PasswordLink; name: string }) {
  const { t, i18n } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const url = `${window.location.origin}${link.path}`;
  const until = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'nl-BE', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Brussels',
  }).format(new Date(link.expiresAt));
  const titleId = `link-title-${link.kind}`;
  return (
    <section className="card issued-link" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {link.kind === 'INVITATION' ? t('users.invitationTitle', { name }) : t('users.resetTitle', { name })}
      </h3>
      <p className="hint">{t('users.linkShownOnce', { name, until })}</p>
      <div className="row">
        <label>
          {t('users.linkLabel')}
          <input readOnly value={url} size={Math.min(url.length, 70)} onFocus={(e) => e.target.select()} />
        </label>
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard.writeText(url).then(
              () => setCopied('yes'),
              () => setCopied('failed'),
            )
          }
        >
          {t('users.copyLink')}
        </button>
      </div>
      {copied === 'yes' && (
        <p role="status" className="ok">
          {t('users.copied')}
        </p>
      )}
      {copied === 'failed' && (
        <p role="alert" className="problem">
          {t('users.copyFailed')}
        </p>
      )}
    </section>
  );
}
