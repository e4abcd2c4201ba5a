export * from './organisation-settings';
export * from './mongo-organisation-settings-store';
