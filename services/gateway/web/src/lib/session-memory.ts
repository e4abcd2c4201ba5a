/**
 * Whether this tab had someone signed in, so the sign-in screen can say that the session expired
 * (rather than greet a first visit) after a reload. sessionStorage: per tab, gone with the tab.
 */
const KEY = 'stapsteen.signedIn';

export function rememberSignedIn(): void {
  try {
    sessionStorage.setItem(KEY, '1');
  } catch {
    // storage refused (private mode): the sign-in screen then just asks to sign in
  }
}

export function forgetSignedIn(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // as above
  }
}

export function wasSignedIn(): boolean {
  try {
    return sessionStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

/** Where to go after signing in: back to the screen the person was sent away from, never outside the app. */
export function returnPath(from: unknown): string {
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/sign-in')) {
    return '/';
  }
  return from;
}
