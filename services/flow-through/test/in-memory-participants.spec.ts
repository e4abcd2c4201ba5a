import { describeParticipantRepositoryContract } from './participant-repository-contract';
import { InMemoryParticipants } from './in-memory-participants';

describeParticipantRepositoryContract(
  'the in-memory participants of the unit tests',
  async () => new InMemoryParticipants(),
);
