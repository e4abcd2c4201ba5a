import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';

/**
 * Stands in for a service's adapter in the database rules guard's own test: it reads through the
 * connection Nest's MongooseModule opened, from a file that is not test code.
 */
@Injectable()
export class ProbeAdapter {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  // Awaited here, so that this frame is in the async stack the guard reads.
  async byId(id: string) {
    return await this.connection.collection('database_rules_probe').findOne({ _id: id as never });
  }

  async byOtherField(colour: string) {
    return await this.connection.collection('database_rules_probe').find({ colour }).toArray();
  }
}
