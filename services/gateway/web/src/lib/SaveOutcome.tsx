import { ReactNode } from 'react';
import { ProblemMessage } from '../ProblemMessage';

/**
 * What a save answered, under its form: the refusal in the user's words (role=alert), or the
 * confirmation (role=status) once it succeeded. A mutation has at most one of the two at a time.
 */
export function SaveOutcome({ error, saved, children }: { error: unknown; saved: boolean; children: ReactNode }) {
  return (
    <>
      <ProblemMessage error={error} />
      {saved && (
        <p role="status" className="ok">
          {children}
        </p>
      )}
    </>
  );
}
