import type { Region } from '../domain/region';

/** The regions the administrators keep; a handful, read whole. */
export interface RegionDirectory {
  list(): Promise<Region[]>;
  save(region: Region): Promise<void>;
}

export const REGION_DIRECTORY = Symbol('REGION_DIRECTORY');
