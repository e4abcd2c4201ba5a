import { Logger, Module } from '@nestjs/common';
import { CLOCK, clockFromEnvironment } from './application/clock';
import { PARTICIPANT_CHANGES, ParticipantChanges } from './application/participant-changes';

const logger = new Logger('ParticipantChanges');

/** The clock and the in-process notice of changed participants, one instance for the whole service. */
@Module({
  providers: [
    { provide: CLOCK, useFactory: () => clockFromEnvironment() },
    {
      provide: PARTICIPANT_CHANGES,
      useValue: new ParticipantChanges((error) => logger.error({ err: error }, 'evaluating coaching gaps failed')),
    },
  ],
  exports: [CLOCK, PARTICIPANT_CHANGES],
})
export class SharedModule {}
