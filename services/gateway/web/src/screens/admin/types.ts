import type { Me } from '../../App';

/** The kinds of organisation flow-through knows. */
export const KINDS = [
  'WIJK_WERK',
  'VDAB',
  'OCMW',
  'JOBATELIER',
  'SOCIAL_WORKSHOP',
  'CAW',
  'TRAINING_PROVIDER',
  'OTHER_PARTNER',
] as const;

export interface Organisation {
  id: string;
  name: string;
  kind: (typeof KINDS)[number];
  regionId: string;
}

export type User = Me & { active: boolean; passwordSet?: boolean };

/** A one-time link to set a password, as the gateway answers it (the token only in `path`). */
export interface PasswordLink {
  kind: 'INVITATION' | 'RESET';
  path: string;
  expiresAt: string;
}
