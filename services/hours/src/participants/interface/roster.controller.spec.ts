import type { Principal } from '@stapsteen/auth';
import { InMemoryRoster } from '../../../test/in-memory-hours';
import type { RosterEntry } from '../application/participant-roster';
import { RosterController } from './roster.controller';

const entry = (participantId: string, organisationId: string, regionId: string, displayName: string): RosterEntry => ({
  participantId,
  organisationId,
  regionId,
  displayName,
  coachId: null,
  monthlyHoursTarget: 20,
  exPwa: false,
  trajectories: [],
});

describe('GET /participants (the roster within the caller’s scope)', () => {
  const sofie = entry('p-1', 'org-neteland', 'region-kempen', 'Sofie V.');
  const bart = entry('p-2', 'org-kempen', 'region-kempen', 'Bart D.');
  const lotte = entry('p-3', 'org-elders', 'region-antwerpen', 'Lotte M.');
  let roster: InMemoryRoster;
  let controller: RosterController;
  beforeEach(() => {
    roster = new InMemoryRoster([sofie, bart, lotte]);
    controller = new RosterController(roster);
  });
  const as = (role: Principal['role'], organisationIds: string[], regionId: string | null): Principal => ({
    userId: 'u-1',
    role,
    organisationIds,
    regionId,
  });

  it('gives an organiser or coach the participants of their organisations only', async () => {
    expect(await controller.list(as('ORGANISER', ['org-neteland'], 'region-kempen'))).toEqual([sofie]);
    expect(await controller.list(as('COACH', ['org-kempen', 'org-elders'], null))).toEqual([bart, lotte]);
  });

  it("gives a manager the region's participants and an admin everyone, by name", async () => {
    expect(await controller.list(as('REGIONAL_MANAGER', [], 'region-kempen'))).toEqual([bart, sofie]);
    expect(await controller.list(as('ADMIN', [], null))).toEqual([bart, lotte, sofie]);
  });

  it('answers an empty list, without reading the roster, to a caller who may read nothing', async () => {
    expect(await controller.list(as('REGIONAL_MANAGER', [], null))).toEqual([]);
    expect(await controller.list(as('ORGANISER', [], 'region-kempen'))).toEqual([]);
    expect(roster.lists).toBe(0);
  });
});
