import type { Me } from '../../App';
import type { FlowThroughSchemas, GatewaySchemas } from '../../api-types';
import { saveOrganisationRequestKindValues } from '../../generated/flow-through';

/** The kinds of organisation flow-through knows, as its API accepts them. */
export const KINDS = saveOrganisationRequestKindValues;

/** An organisation as flow-through's `GET /organisations` answers it. */
export type Organisation = FlowThroughSchemas['SaveOrganisationRequest'];

export type User = Me & { active: boolean; passwordSet?: boolean };

/** A one-time link to set a password, as the gateway answers it (the token only in `path`). */
export type PasswordLink = GatewaySchemas['PasswordLinkView'];
