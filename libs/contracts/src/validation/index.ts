export * from './rules';
export * from './decorators';
