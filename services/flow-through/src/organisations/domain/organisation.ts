import { DomainError } from '@stapsteen/errors';

export const ORGANISATION_KINDS = [
  'WIJK_WERK',
  'VDAB',
  'OCMW',
  'JOBATELIER',
  'SOCIAL_WORKSHOP',
  'CAW',
  'TRAINING_PROVIDER',
  'OTHER_PARTNER',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** A wijk-werkorganisatie or a partner organisation, always within one region. */
export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  regionId: string;
}

export function assertRunsWijkWerken(organisation: Organisation): void {
  if (organisation.kind !== 'WIJK_WERK') {
    throw new DomainError(
      'ORGANISATION.NOT_WIJK_WERK',
      'rule-violation',
      `${organisation.name} is a partner organisation; participants are enrolled by a wijk-werkorganisatie.`,
    );
  }
}
