export * from './service-core.module';
export * from './bootstrap';
export * from './validation/param-pipes';
