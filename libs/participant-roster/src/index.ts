export * from './roster-projection';
export * from './mongo-roster-store';
