export * from './service-core.module';
export * from './bootstrap';
export * from './validation/param-pipes';
export * from './validation/omittable';
export * from './validation/person-name';
export * from './named-factory';
export * from './validation/query-integer';
export * from './claimed-removal';
