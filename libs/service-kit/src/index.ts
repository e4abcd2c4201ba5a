export * from './service-core.module';
export * from './bootstrap';
