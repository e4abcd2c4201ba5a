import { CommonServiceConfig } from '@stapsteen/config';

/** Flow-through reads only the common variables so far; its rule parameters join here. */
export class FlowThroughConfig extends CommonServiceConfig {}
