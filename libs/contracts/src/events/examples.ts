/**
 * The ids the fixtures share, so together they tell one story: Sofie V., referred by VDAB to the
 * wijk-werkorganisatie Neteland, through a trajectory with coaching and a month below target.
 */
export const EXAMPLE = {
  participantId: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c',
  otherParticipantId: 'b8e0f3a1-2c4d-4e6f-8a9b-0c1d2e3f4a5b',
  organisationId: 'org-neteland',
  regionId: 'region-kempen',
  coachId: 'coach-0017',
  otherCoachId: 'coach-0023',
  trajectoryId: 'a2b7c1d0-5e4f-4a3b-8c9d-0e1f2a3b4c5d',
  assessmentId: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
  assignmentId: 'd4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70',
  gapId: 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7081',
  alertId: 'f6a7b8c9-d0e1-4f2a-9b3c-4d5e6f708192',
} as const;
