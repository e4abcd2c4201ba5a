export * from './keyed-lock';
export * from './write-guard';
