/**
 * Half-typed forms kept across a reload: one draft per signed-in user and screen in sessionStorage
 * (this tab only, gone with it). A screen clears its draft on save and on cancel; signing out
 * clears every draft of the tab.
 */
const PREFIX = 'stapsteen.draft.';

const keyOf = (userId: string, screen: string) => `${PREFIX}${userId}.${screen}`;

export function readDraft<T>(userId: string | undefined, screen: string): T | null {
  if (!userId) return null;
  try {
    const text = sessionStorage.getItem(keyOf(userId, screen));
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

export function writeDraft(userId: string | undefined, screen: string, draft: unknown): void {
  if (!userId) return;
  try {
    sessionStorage.setItem(keyOf(userId, screen), JSON.stringify(draft));
  } catch {
    // storage full or refused (private mode): the form still works, it only does not survive a reload
  }
}

export function clearDraft(userId: string | undefined, screen: string): void {
  if (!userId) return;
  try {
    sessionStorage.removeItem(keyOf(userId, screen));
  } catch {
    // as above
  }
}

/** Every draft of this tab, whoever typed it (signing out, or someone else signing in). */
export function clearAllDrafts(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // as above
  }
}
