import { describeDueTasksStoreContract } from './due-tasks-store-contract';
import { InMemoryDueTasks } from './in-memory-due-tasks';

describeDueTasksStoreContract('the in-memory due tasks of the unit tests', async () => new InMemoryDueTasks());
