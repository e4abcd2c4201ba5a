import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Collection, Connection } from 'mongoose';
import type { ImportJob, ImportJobRepository } from '../application/ports';

type ImportJobDocument = Omit<ImportJob, 'id'> & { _id: string };

@Injectable()
export class MongoImportJobs implements ImportJobRepository {
  private readonly collection: Collection<ImportJobDocument>;

  constructor(@InjectConnection() connection: Connection) {
    this.collection = connection.collection<ImportJobDocument>('import_jobs');
  }

  async create(job: ImportJob): Promise<void> {
    const { id, ...rest } = job;
    await this.collection.insertOne({ _id: id, ...rest });
  }

  async save(job: ImportJob): Promise<void> {
    const { id, ...rest } = job;
    await this.collection.replaceOne({ _id: id }, rest);
  }

  async find(id: string): Promise<ImportJob | null> {
    const document = await this.collection.findOne({ _id: id });
    if (!document) return null;
    const { _id, ...rest } = document;
    return { id: _id, ...rest };
  }
}
