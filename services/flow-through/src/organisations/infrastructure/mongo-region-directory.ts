import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Collection, Connection } from 'mongoose';
import type { RegionDirectory } from '../application/region-directory';
import type { Region } from '../domain/region';

interface RegionDocument {
  _id: string;
  name: string;
}

/** Flanders has five provinces' worth of regions at most: the whole collection is read at once. */
@Injectable()
export class MongoRegionDirectory implements RegionDirectory {
  private readonly collection: Collection<RegionDocument>;

  constructor(@InjectConnection() connection: Connection) {
    this.collection = connection.collection<RegionDocument>('regions');
  }

  async list(): Promise<Region[]> {
    const documents = await this.collection.find({}).limit(200).toArray();
    return documents.map((d) => ({ id: d._id, name: d.name })).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  }

  async save(region: Region): Promise<void> {
    await this.collection.replaceOne({ _id: region.id }, { name: region.name }, { upsert: true });
  }
}
