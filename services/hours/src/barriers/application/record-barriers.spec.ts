import type { Principal } from '@stapsteen/auth';
import { InMemoryBarriers, InMemoryMonthCloses, InMemoryRoster, clockAt } from '../../../test/in-memory-hours';
import type { BarrierRecord } from '../domain/barriers';
import { BarrierService } from './record-barriers';

const record = (participantId: string, organisationId: string, regionId: string, month: string): BarrierRecord => ({
  participantId,
  organisationId,
  regionId,
  month,
  barriers: ['MOBILITY'],
  otherDescription: null,
  recordedBy: 'organiser-1',
  recordedAt: `${month}-28T10:00:00.000Z`,
});

describe('the barrier report', () => {
  const organiser: Principal = {
    userId: 'organiser-1',
    role: 'ORGANISER',
    organisationIds: ['org-neteland'],
    regionId: 'region-kempen',
  };
  const manager: Principal = {
    userId: 'manager-1',
    role: 'REGIONAL_MANAGER',
    organisationIds: [],
    regionId: 'region-kempen',
  };

  let barriers: InMemoryBarriers;
  let service: BarrierService;
  beforeEach(async () => {
    barriers = new InMemoryBarriers();
    service = new BarrierService(
      barriers,
      new InMemoryRoster(),
      new InMemoryMonthCloses(),
      clockAt('2026-06-01T10:00:00Z'),
    );
    for (const r of [
      record('p-1', 'org-neteland', 'region-kempen', '2026-02'),
      record('p-2', 'org-neteland', 'region-kempen', '2026-04'),
      record('p-3', 'org-kempen', 'region-kempen', '2026-03'),
      record('p-4', 'org-elders', 'region-antwerpen', '2026-03'),
      record('p-5', 'org-neteland', 'region-kempen', '2026-05'),
    ]) {
      await barriers.save(r, []);
    }
    barriers.reads = 0;
  });

  it("counts an organiser's own organisations over the months asked, both ends included", async () => {
    expect(await service.report(organiser, '2026-02', '2026-04')).toEqual([
      { organisationId: 'org-neteland', barrier: 'MOBILITY', participants: 2 },
    ]);
  });

  it("counts a manager's region, every organisation in it", async () => {
    expect(await service.report(manager, '2026-01', '2026-12')).toEqual([
      { organisationId: 'org-kempen', barrier: 'MOBILITY', participants: 1 },
      { organisationId: 'org-neteland', barrier: 'MOBILITY', participants: 3 },
    ]);
  });

  it("shows one participant-month's barriers in scope, and 404 out of it", async () => {
    expect(await service.forParticipant(organiser, 'p-2', '2026-04')).toEqual(
      record('p-2', 'org-neteland', 'region-kempen', '2026-04'),
    );
    await expect(service.forParticipant(organiser, 'p-3', '2026-03')).rejects.toMatchObject({
      code: 'HOURS.BARRIERS_NOT_FOUND',
    });
  });

  it('answers an empty report, without reading the store, to a caller who may read nothing', async () => {
    expect(await service.report({ ...manager, regionId: null }, '2026-01', '2026-12')).toEqual([]);
    expect(await service.report({ ...organiser, organisationIds: [] }, '2026-01', '2026-12')).toEqual([]);
    await expect(service.forParticipant({ ...manager, regionId: null }, 'p-1', '2026-02')).rejects.toMatchObject({
      code: 'HOURS.BARRIERS_NOT_FOUND',
    });
    expect(barriers.reads).toBe(0);
  });
});
