export * from './principal';
export * from './token-verifier';
export * from './scope';
export * from './read-scope';
export * from './auth.nest';
export * from './read-scope-filter';
