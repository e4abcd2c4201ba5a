import type { FlowThroughSchemas } from '../../api-types';
import {
  endRequestDestinationValues,
  suspendRequestReasonCodeValues,
  dropOffRequestReasonCodeValues,
} from '../../generated/flow-through';

/** One trajectory as `GET /participants/{id}` of the flow-through service answers it. */
export type TrajectoryDetail = FlowThroughSchemas['TrajectoryView'];

/** `GET /participants/{id}` of the flow-through service. */
export type ParticipantDetail = FlowThroughSchemas['ParticipantView'];

/** The choices of the trajectory step forms, as flow-through's API accepts them. */
export const SUSPENSION_REASONS = suspendRequestReasonCodeValues;
export const DESTINATIONS = endRequestDestinationValues;
export const DROP_OFF_REASONS = dropOffRequestReasonCodeValues;

export const participantKey = (id: string) => ['participant', id];
