import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Collection, Connection } from 'mongoose';
import type { CatalogueRepository } from '../application/catalogue-service';
import type { Catalogue } from '../domain/catalogue';

interface CatalogueDocument extends Catalogue {
  _id: string;
}

export const CATALOGUES_COLLECTION = 'competency_catalogues';
const DUPLICATE_KEY = 11000;

/** One document per organisation and version; the unique `_id` makes two edits of one version impossible. */
@Injectable()
export class MongoCatalogues implements CatalogueRepository, OnModuleInit {
  private readonly collection: Collection<CatalogueDocument>;

  constructor(@InjectConnection() connection: Connection) {
    this.collection = connection.collection<CatalogueDocument>(CATALOGUES_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    // The current catalogue: an organisation's highest version.
    await this.collection.createIndex({ organisationId: 1, version: -1 });
  }

  async latest(organisationId: string): Promise<Catalogue | null> {
    const [document] = await this.collection.find({ organisationId }).sort({ version: -1 }).limit(1).toArray();
    return document ? strip(document) : null;
  }

  async version(organisationId: string, version: number): Promise<Catalogue | null> {
    const document = await this.collection.findOne({ _id: `${organisationId}:v${version}` });
    return document ? strip(document) : null;
  }

  async insert(catalogue: Catalogue): Promise<boolean> {
    try {
      await this.collection.insertOne({ _id: `${catalogue.organisationId}:v${catalogue.version}`, ...catalogue });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }
}

function strip(document: CatalogueDocument): Catalogue {
  const { _id: _id, ...catalogue } = document;
  return catalogue;
}
