import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Collection, Connection } from 'mongoose';
import type { OrganisationDirectory } from '../application/organisation-directory';
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

  async list(filter: object): Promise<Organisation[]> {
    // The scope filter names `_id` for organisations (see the controller); sorted for stable screens.
    const documents = await this.collection.find(filter).sort({ name: 1 }).limit(500).toArray();
    return documents.map(toOrganisation);
  }

  async save(organisation: Organisation): Promise<void> {
    const { id, ...rest } = organisation;
    await this.collection.replaceOne({ _id: id }, rest, { upsert: true });
  }
}

function toOrganisation(document: OrganisationDocument): Organisation {
  return { id: document._id, name: document.name, kind: document.kind, regionId: document.regionId };
}
