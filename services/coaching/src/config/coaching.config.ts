import { CommonServiceConfig } from '@stapsteen/config';

/** Coaching reads only the common variables so far; gap windows and the peer limit join here. */
export class CoachingConfig extends CommonServiceConfig {}
