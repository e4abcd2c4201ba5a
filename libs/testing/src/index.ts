export * from './tokens';
export * from './eventually';
export * from './service-env';
export * from './kafka-probe';
export * from './test-service';
export * from './participant-feed';
export * from './test-calendar';
export * from './mongo-test-databases';
