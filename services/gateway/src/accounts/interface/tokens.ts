export const ACCOUNTS = Symbol('ACCOUNTS');
export const COOKIE_SETTINGS = Symbol('COOKIE_SETTINGS');
export const PASSWORD_LINKS = Symbol('PASSWORD_LINKS');
export const COLLEAGUE_NAMES = Symbol('COLLEAGUE_NAMES');
