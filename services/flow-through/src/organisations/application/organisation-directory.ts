import type { Organisation } from '../domain/organisation';

export interface OrganisationDirectory {
  findById(id: string): Promise<Organisation | null>;
  list(filter: object): Promise<Organisation[]>;
  save(organisation: Organisation): Promise<void>;
}

export const ORGANISATION_DIRECTORY = Symbol('ORGANISATION_DIRECTORY');
