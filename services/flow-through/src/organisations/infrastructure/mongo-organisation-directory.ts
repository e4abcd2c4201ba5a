import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { ReadScope, readScopeFilter } from '@stapsteen/auth';
import type { Collection, Connection } from 'mongoose';
import {
  ORGANISATION_LIST_LIMIT,
  OrganisationCriteria,
  OrganisationDirectory,
} from '../application/organisation-directory';
import type { Organisation, OrganisationKind } from '../domain/organisation';

interface OrganisationDocument {
  _id: string;
  name: string;
  kind: OrganisationKind;
  regionId: string;
}

@Injectable()
export class MongoOrganisationDirectory implements OrganisationDirectory {
  private readonly collection: Collection<OrganisationDocument>;

  constructor(@InjectConnection() connection: Connection) {
    this.collection = connection.collection<OrganisationDocument>('organisations');
  }

  async findById(id: string): Promise<Organisation | null> {
    const document = await this.collection.findOne({ _id: id });
    return document ? toOrganisation(document) : null;
  }

  async list(scope: ReadScope, criteria: OrganisationCriteria = {}): Promise<Organisation[]> {
    // Sorted by name (then id) for stable screens.
    const documents = await this.collection
      .find(toFilter(scope, criteria))
      .sort({ name: 1, _id: 1 })
      .limit(ORGANISATION_LIST_LIMIT)
      .toArray();
    return documents.map(toOrganisation);
  }

  async save(organisation: Organisation): Promise<void> {
    const { id, ...rest } = organisation;
    await this.collection.replaceOne({ _id: id }, rest, { upsert: true });
  }
}

/** The typed query as this database's filter: an organisation's own id is its `_id`. */
function toFilter(scope: ReadScope, criteria: OrganisationCriteria): Record<string, unknown> {
  const filter = readScopeFilter(scope, { organisationField: '_id' });
  if (criteria.kind !== undefined) filter.kind = criteria.kind;
  return filter;
}

function toOrganisation(document: OrganisationDocument): Organisation {
  return { id: document._id, name: document.name, kind: document.kind, regionId: document.regionId };
}
