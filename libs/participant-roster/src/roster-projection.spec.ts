import { createEnvelope } from '@stapsteen/contracts';
import {
  blankTrajectory,
  rosterChange,
  rosterEntryOf,
  type RosterChange,
  type RosterEntryBase,
  type RosterOptions,
  type TrajectoryWindow,
} from './roster-projection';

type WithTarget = RosterEntryBase & { monthlyHoursTarget: number | null };

const withSuspensions: RosterOptions<WithTarget> = {
  participantFields: ['monthlyHoursTarget'],
  suspensions: true,
  ownFields: (document) => ({ monthlyHoursTarget: (document.monthlyHoursTarget as number | undefined) ?? null }),
};
const plain: RosterOptions<RosterEntryBase> = {
  otherEvents: { 'participant.low-hours-cleared': (data) => ({ lowHours: { month: data.month } }) },
  ownFields: () => ({}),
};

const event = (type: string, data: object) =>
  createEnvelope({ type, version: 1, producer: 'flow-through', participantId: 'p-1', correlationId: 'c-1', data });

/** The window a trajectory change makes of `current`. */
function changed(change: RosterChange | null, current: TrajectoryWindow): TrajectoryWindow {
  if (change?.kind !== 'change-trajectory') throw new Error(`not a trajectory change: ${JSON.stringify(change)}`);
  return change.change(current);
}

describe('the participant roster projection', () => {
  it('copies the common participant fields and the ones the service names, nothing else', () => {
    const enrolled = event('participant.enrolled', {
      organisationId: 'org-1',
      regionId: 'region-1',
      displayName: 'Sofie V.',
      coachId: null,
      monthlyHoursTarget: 20,
      exPwa: true,
    });
    expect(rosterChange(enrolled, withSuspensions)).toEqual({
      kind: 'set',
      fields: {
        organisationId: 'org-1',
        regionId: 'region-1',
        displayName: 'Sofie V.',
        coachId: null,
        monthlyHoursTarget: 20,
      },
    });
    expect(rosterChange(enrolled, plain)).toEqual({
      kind: 'set',
      fields: { organisationId: 'org-1', regionId: 'region-1', displayName: 'Sofie V.', coachId: null },
    });
  });

  it('keeps only ids of an erased participant', () => {
    expect(rosterChange(event('participant.erased', {}), plain)).toEqual({
      kind: 'set',
      fields: { erased: true, displayName: '', coachId: null },
    });
  });

  it('starts a trajectory with suspensions only where the service keeps them', () => {
    const started = event('trajectory.started', {
      trajectoryId: 't-1',
      organisationId: 'org-1',
      regionId: 'region-1',
      startedOn: '2026-02-02',
    });
    const window = { trajectoryId: 't-1', startedOn: '2026-02-02', endedOn: null };
    const fields = { organisationId: 'org-1', regionId: 'region-1' };
    expect(rosterChange(started, withSuspensions)).toEqual({
      kind: 'set',
      fields,
      trajectory: { ...window, suspensions: [] },
    });
    expect(rosterChange(started, plain)).toEqual({ kind: 'set', fields, trajectory: window });
  });

  it('opens and closes suspensions, and an end closes the open one', () => {
    const started = { ...blankTrajectory('t-1', withSuspensions), startedOn: '2026-02-02' };
    const suspended = changed(
      rosterChange(event('trajectory.suspended', { trajectoryId: 't-1', suspendedOn: '2026-03-02' }), withSuspensions),
      started,
    );
    expect(suspended.suspensions).toEqual([{ from: '2026-03-02', until: null }]);
    const resumed = changed(
      rosterChange(event('trajectory.resumed', { trajectoryId: 't-1', resumedOn: '2026-03-16' }), withSuspensions),
      suspended,
    );
    expect(resumed.suspensions).toEqual([{ from: '2026-03-02', until: '2026-03-16' }]);
    const again = changed(
      rosterChange(event('trajectory.suspended', { trajectoryId: 't-1', suspendedOn: '2026-04-01' }), withSuspensions),
      resumed,
    );
    const ended = changed(
      rosterChange(event('trajectory.ended', { trajectoryId: 't-1', endedOn: '2026-04-30' }), withSuspensions),
      again,
    );
    expect(ended).toEqual({
      trajectoryId: 't-1',
      startedOn: '2026-02-02',
      endedOn: '2026-04-30',
      suspensions: [
        { from: '2026-03-02', until: '2026-03-16' },
        { from: '2026-04-01', until: '2026-04-30' },
      ],
    });
  });

  it('without suspensions, leaves suspension events to others and only ends a trajectory', () => {
    expect(
      rosterChange(event('trajectory.suspended', { trajectoryId: 't-1', suspendedOn: '2026-03-02' }), plain),
    ).toBeNull();
    expect(
      rosterChange(event('trajectory.resumed', { trajectoryId: 't-1', resumedOn: '2026-03-16' }), plain),
    ).toBeNull();
    const ended = rosterChange(event('trajectory.ended', { trajectoryId: 't-1', endedOn: '2026-04-30' }), plain);
    expect(changed(ended, blankTrajectory('t-1', plain))).toEqual({
      trajectoryId: 't-1',
      startedOn: null,
      endedOn: '2026-04-30',
    });
  });

  it("sets the fields of the service's other events, and ignores every event nobody named", () => {
    expect(rosterChange(event('participant.low-hours-cleared', { month: '2026-10' }), plain)).toEqual({
      kind: 'set',
      fields: { lowHours: { month: '2026-10' } },
    });
    expect(rosterChange(event('participant.low-hours-cleared', { month: '2026-10' }), withSuspensions)).toBeNull();
    expect(rosterChange(event('something.else', {}), plain)).toBeNull();
  });

  it('reads an entry from a document: defaults for what it lacks, trajectories by start', () => {
    const entry = rosterEntryOf(
      {
        _id: 'p-1',
        organisationId: 'org-1',
        appliedEventIds: [],
        trajectories: {
          b: { trajectoryId: 'b', startedOn: '2026-05-04', endedOn: null },
          a: { trajectoryId: 'a', startedOn: '2026-02-02', endedOn: '2026-04-30' },
          c: { trajectoryId: 'c', startedOn: null, endedOn: '2026-01-31' },
        },
      },
      withSuspensions,
    );
    expect(entry).toEqual({
      participantId: 'p-1',
      organisationId: 'org-1',
      regionId: '',
      displayName: '',
      coachId: null,
      monthlyHoursTarget: null,
      trajectories: [
        { trajectoryId: 'c', startedOn: null, endedOn: '2026-01-31' },
        { trajectoryId: 'a', startedOn: '2026-02-02', endedOn: '2026-04-30' },
        { trajectoryId: 'b', startedOn: '2026-05-04', endedOn: null },
      ],
    });
  });
});
