import type { NameAsker, VisibleOrganisation } from '../domain/colleague-names';
import type { Role, User } from '../domain/user';
import { ColleagueNamesService, VisibleOrganisationsPort } from './colleague-names.service';
import type { UserStore } from './ports';

const user = (
  id: string,
  displayName: string,
  role: Role,
  organisationIds: string[],
  regionId: string | null,
): User => ({
  id,
  email: `${id}@stapsteen.test`,
  displayName,
  role,
  organisationIds,
  regionId,
  active: true,
  passwordHash: 'secret-hash',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const USERS = [
  user('coach-els', 'Els Peeters', 'COACH', ['org-neteland'], null),
  user('coach-jan', 'Jan Claes', 'COACH', ['org-herentals'], null),
  user('coach-far', 'Ann Verte', 'COACH', ['org-brugge'], null),
  user('organiser-lies', 'Lies Wouters', 'ORGANISER', ['org-neteland'], null),
  user('manager-kempen', 'Greet Maes', 'REGIONAL_MANAGER', [], 'region-kempen'),
  user('manager-west', 'Piet Desmet', 'REGIONAL_MANAGER', [], 'region-west'),
  user('admin', 'Beheerder', 'ADMIN', [], null),
];

class FakeUsers implements Pick<UserStore, 'byId'> {
  reads = 0;
  async byId(id: string) {
    this.reads += 1;
    return USERS.find((u) => u.id === id) ?? null;
  }
}

/** The directory as flow-through answers it per caller: by the token (here the token is the scope). */
class FakeDirectory implements VisibleOrganisationsPort {
  tokens: string[] = [];
  constructor(private readonly answers: Record<string, VisibleOrganisation[] | null>) {}
  async of(token: string) {
    this.tokens.push(token);
    return this.answers[token] ?? null;
  }
}

const KEMPEN = [
  { id: 'org-neteland', regionId: 'region-kempen' },
  { id: 'org-herentals', regionId: 'region-kempen' },
];
const everyone = USERS.map((u) => u.id);
const asker = (role: Role, organisationIds: string[], regionId: string | null, userId = 'asker'): NameAsker => ({
  userId,
  role,
  organisationIds,
  regionId,
});

function service(answers: Record<string, VisibleOrganisation[] | null>) {
  const users = new FakeUsers();
  const directory = new FakeDirectory(answers);
  return { users, directory, names: new ColleagueNamesService(users as unknown as UserStore, directory) };
}

describe('colleague names', () => {
  it("gives a regional manager the names of the region's staff and managers, and only names", async () => {
    const { names, directory } = service({ 'token-kempen': KEMPEN });
    const answer = await names.namesOf(asker('REGIONAL_MANAGER', [], 'region-kempen'), 'token-kempen', everyone);
    expect(answer).toEqual([
      { id: 'coach-els', displayName: 'Els Peeters' },
      { id: 'coach-jan', displayName: 'Jan Claes' },
      { id: 'organiser-lies', displayName: 'Lies Wouters' },
      { id: 'manager-kempen', displayName: 'Greet Maes' },
    ]);
    expect(directory.tokens).toEqual(['token-kempen']);
  });

  it("gives a coach the names of their organisation's staff and of its region's manager, nobody else", async () => {
    const { names } = service({ 'token-els': [KEMPEN[0]] });
    const answer = await names.namesOf(asker('COACH', ['org-neteland'], null, 'coach-els'), 'token-els', everyone);
    expect(answer.map((n) => n.displayName)).toEqual(['Els Peeters', 'Lies Wouters', 'Greet Maes']);
  });

  it('leaves out unknown ids as it leaves out ids outside the scope', async () => {
    const { names } = service({ 'token-kempen': KEMPEN });
    const answer = await names.namesOf(asker('REGIONAL_MANAGER', [], 'region-kempen'), 'token-kempen', [
      'coach-far',
      'no-such-user',
      'admin',
      'manager-west',
    ]);
    expect(answer).toEqual([]);
  });

  it('falls back on the token scope when the directory cannot be read', async () => {
    const { names } = service({});
    expect(
      (await names.namesOf(asker('COACH', ['org-herentals'], null), 'token-down', everyone)).map((n) => n.id),
    ).toEqual(['coach-jan']);
    expect(
      (await names.namesOf(asker('REGIONAL_MANAGER', [], 'region-kempen'), 'token-down', everyone)).map((n) => n.id),
    ).toEqual(['manager-kempen']);
  });

  it('names everyone to an administrator without asking the directory', async () => {
    const { names, directory } = service({});
    const answer = await names.namesOf(asker('ADMIN', [], null), 'token-admin', ['coach-far', 'admin', 'manager-west']);
    expect(answer.map((n) => n.displayName)).toEqual(['Ann Verte', 'Beheerder', 'Piet Desmet']);
    expect(directory.tokens).toEqual([]);
  });

  it('reads each id once and nothing for an empty question', async () => {
    const { names, users, directory } = service({ 'token-kempen': KEMPEN });
    const manager = asker('REGIONAL_MANAGER', [], 'region-kempen');
    expect(await names.namesOf(manager, 'token-kempen', [])).toEqual([]);
    expect([users.reads, directory.tokens.length]).toEqual([0, 0]);
    await names.namesOf(manager, 'token-kempen', ['coach-els', 'coach-els', 'coach-jan']);
    expect(users.reads).toBe(2);
  });
});
