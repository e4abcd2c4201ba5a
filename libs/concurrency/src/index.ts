export * from './keyed-lock';
export * from './write-guard';
export * from './shared-reads';
export * from './version-claims';
export * from './read-decide-write';
export * from './upsert';
export * from './gate';
