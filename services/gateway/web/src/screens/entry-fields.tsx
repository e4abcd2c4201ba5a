import { useTranslation } from 'react-i18next';
import { gebruikerDtoKindValues } from '../generated/hours';
import type { EntrySuggestions } from './entry-helpers';

/**
 * Who the prestation was for and what was done: the gebruiker's kind, the gebruiker and the
 * activity, as the line entry, the week entry and the correction form ask them.
 */
export function GebruikerFields({
  kind,
  onKind,
  reference,
  onReference,
  activity,
  onActivity,
  entry,
  describe,
}: {
  kind: string;
  onKind: (kind: string) => void;
  reference: string;
  onReference: (reference: string) => void;
  activity: string;
  onActivity: (activity: string) => void;
  /**
   * On the entry screens: the participant's earlier gebruikers (of this kind) and activities are
   * offered while typing, in datalists whose ids start with `lists`, and the texts are held to the
   * hours service's lengths.
   */
  entry?: { lists: string; suggestions: EntrySuggestions };
  /** The id of the problem that names a field, if one does. */
  describe?: (field: 'user' | 'activity') => string | undefined;
}) {
  const { t } = useTranslation();
  const field = (name: 'user' | 'activity', maxLength: number) => ({
    ...(entry
      ? { list: `${entry.lists}-${name === 'user' ? 'references' : 'activities'}`, autoComplete: 'off', maxLength }
      : {}),
    'aria-invalid': describe?.(name) ? true : undefined,
    'aria-describedby': describe?.(name),
  });
  return (
    <>
      <label>
        {t('entry.userKind')}
        <select value={kind} onChange={(e) => onKind(e.target.value)}>
          {gebruikerDtoKindValues.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('entry.user')}
        <input value={reference} onChange={(e) => onReference(e.target.value)} {...field('user', 120)} />
      </label>
      <label>
        {t('entry.activity')}
        <input value={activity} onChange={(e) => onActivity(e.target.value)} {...field('activity', 80)} />
      </label>
      {entry && (
        <>
          <datalist id={`${entry.lists}-references`}>
            {(entry.suggestions.references[kind] ?? []).map((value) => (
              <option key={value} value={value} />
            ))}
          </datalist>
          <datalist id={`${entry.lists}-activities`}>
            {entry.suggestions.activities.map((value) => (
              <option key={value} value={value} />
            ))}
          </datalist>
        </>
      )}
    </>
  );
}
