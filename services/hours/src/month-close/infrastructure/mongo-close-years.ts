import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { PARTICIPANT_YEARS_COLLECTION } from '../../prestations/application/prestation-commands';
import type { ParticipantYear } from '../../prestations/domain/participant-year';
import type { CloseYears } from '../application/ports';

type YearDocument = ParticipantYear & { _id: string };

/** The part of the participant-years collection the close reads (the driver's `Collection` fits). */
export interface YearReads {
  findOne(filter: { _id: string }, options: { projection: object }): Promise<YearDocument | null>;
}

/**
 * Participant-year reads in flight at once in this process, over every close running. Issue 14:
 * 40 closes of 375 participants each with 32 reads at once (1,280 in flight) made each `_id`
 * read take 165 ms on a quiet machine (360 ms loaded) without reading more per second than a
 * few at once do: FerretDB decodes the documents on the same few cores.
 */
export const YEAR_READS_AT_ONCE = 16;

/**
 * The participant-years a close judges, one `_id` read each (docs/architecture.md, rule 2),
 * at most YEAR_READS_AT_ONCE in flight in the process whatever the number of closes.
 */
@Injectable()
export class MongoCloseYears implements CloseYears {
  private readonly collection: YearReads;
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(@InjectConnection() connection: Connection) {
    this.collection = connection.collection<YearDocument>(PARTICIPANT_YEARS_COLLECTION) as unknown as YearReads;
  }

  /** For tests: reads from this collection instead. */
  static over(collection: YearReads): MongoCloseYears {
    const years = Object.create(MongoCloseYears.prototype) as MongoCloseYears;
    Object.assign(years, { collection, inFlight: 0, waiting: [] });
    return years;
  }

  async ofParticipants(
    _organisationId: string,
    year: number,
    participantIds: readonly string[],
  ): Promise<Map<string, ParticipantYear>> {
    const found = new Map<string, ParticipantYear>();
    await Promise.all(
      participantIds.map(async (participantId) => {
        const document = await this.read(`${participantId}:${year}`);
        if (document) {
          const { _id, ...stored } = document;
          found.set(stored.participantId, stored);
        }
      }),
    );
    return found;
  }

  private async read(id: string): Promise<YearDocument | null> {
    if (this.inFlight >= YEAR_READS_AT_ONCE) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.inFlight += 1;
    try {
      return await this.collection.findOne({ _id: id }, { projection: { outbox: 0, version: 0 } });
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.inFlight -= 1;
    }
  }
}
