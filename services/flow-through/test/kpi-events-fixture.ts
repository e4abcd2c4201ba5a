import {
  EventEnvelope,
  createEnvelope,
  participantEnrolledV1Fixture,
  trajectoryStartedV1Fixture,
} from '@stapsteen/contracts';
import type { OrganisationDirectory } from '../src/organisations/application/organisation-directory';
import type { Organisation } from '../src/organisations/domain/organisation';
import type { Clock } from '../src/shared/clock';

/**
 * The set-up shared by the unit specs of the KPI application (services/flow-through/src/kpis/application):
 * a fixed today, an organisation directory over a list, and the events a region's figures are
 * projected from. Every organisation and event here lies in region-kempen.
 */

/** The two wijk-werken organisations of region-kempen the KPI specs project. */
export const KEMPEN_ORGANISATIONS: Organisation[] = [
  { id: 'org-neteland', name: 'Neteland', kind: 'WIJK_WERK', regionId: 'region-kempen' },
  { id: 'org-herentals', name: 'Herentals', kind: 'WIJK_WERK', regionId: 'region-kempen' },
];

/** Today for the KPI specs: 15 November 2026. */
export const kpiClock: Clock = { now: () => new Date('2026-11-15T10:00:00Z'), today: () => '2026-11-15' };

/** A directory over the organisations given; a list is filtered to the region it asks for. */
export function organisationDirectory(organisations: Organisation[]): OrganisationDirectory {
  return {
    findById: async (id) => organisations.find((o) => o.id === id) ?? null,
    list: async (filter: { regionId?: string }) =>
      organisations.filter((o) => !filter.regionId || o.regionId === filter.regionId),
    save: async () => undefined,
  };
}

let sequence = 0;

/** An event of a participant, each with an event id of its own. */
export const kpiEvent = (type: string, participantId: string, data: object): EventEnvelope<unknown> =>
  createEnvelope({
    eventId: `event-${++sequence}`,
    type,
    version: 1,
    producer: 'flow-through',
    participantId,
    correlationId: 'c',
    data: { participantId, ...data },
  });

export const enrolled = (participantId: string, organisationId: string, enrolledOn: string) =>
  kpiEvent('participant.enrolled', participantId, {
    ...participantEnrolledV1Fixture,
    participantId,
    organisationId,
    enrolledOn,
  });

export const started = (participantId: string, organisationId: string, startedOn: string) =>
  kpiEvent('trajectory.started', participantId, {
    ...trajectoryStartedV1Fixture,
    participantId,
    organisationId,
    regionId: 'region-kempen',
    trajectoryId: `t-${participantId}`,
    startedOn,
  });

/** An organisation's closed month (keyed by the organisation), with each participant's counted hours against a target of 20. */
export const monthClosed = (organisationId: string, month: string, closedAt: string, lines: [string, number][]) =>
  createEnvelope({
    eventId: `event-${++sequence}`,
    type: 'hours.month-closed',
    version: 1,
    producer: 'hours',
    participantId: organisationId,
    correlationId: 'c',
    data: {
      organisationId,
      regionId: 'region-kempen',
      month,
      closedAt,
      closedBy: 'ORGANISER',
      participants: lines.map(([participantId, countedHours]) => ({
        participantId,
        countedHours,
        targetHours: 20,
        belowTarget: countedHours < 20,
      })),
    },
  });
