import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Collection, Connection } from 'mongoose';
import type { MonthCloseLedger } from '../application/ports';

interface MonthCloseDocument {
  _id: string;
  organisationId: string;
  month: string;
  closedAt: Date;
}

/** Which organisation-months are closed; the close itself writes here (month-close context). */
@Injectable()
export class MongoMonthCloseLedger implements MonthCloseLedger {
  private readonly collection: Collection<MonthCloseDocument>;

  constructor(@InjectConnection() connection: Connection) {
    this.collection = connection.collection<MonthCloseDocument>('month_closes');
  }

  async isClosed(organisationId: string, month: string): Promise<boolean> {
    return (await this.collection.countDocuments({ _id: `${organisationId}:${month}` }, { limit: 1 })) > 0;
  }
}
