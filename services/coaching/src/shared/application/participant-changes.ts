/**
 * Tells whoever listens (the gap evaluation) that something about some participants changed: an
 * assessment, an assignment, a roster event. A listener that fails is reported, never thrown back
 * at the write that already succeeded; the periodic evaluation catches up with what it missed.
 */
export type ChangeListener = (participantIds: string[]) => Promise<void>;

export class ParticipantChanges {
  private readonly listeners: ChangeListener[] = [];

  constructor(private readonly onError: (error: unknown) => void = () => undefined) {}

  subscribe(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  async touched(participantIds: string[]): Promise<void> {
    const unique = [...new Set(participantIds)];
    if (unique.length === 0) return;
    for (const listener of this.listeners) {
      try {
        await listener(unique);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}

export const PARTICIPANT_CHANGES = Symbol('PARTICIPANT_CHANGES');
