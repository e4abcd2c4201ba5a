import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@stapsteen/service-kit';
import type { FlowThroughConfig } from '../../config/flow-through.config';
import { ParticipantLifecycle } from '../application/participant-lifecycle';

/** Anonymises participants whose retention period has passed, every `RETENTION_CHECK_MS`. */
@Injectable()
export class RetentionTimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly lifecycle: ParticipantLifecycle,
    @Inject(SERVICE_CONFIG) private readonly config: FlowThroughConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.lifecycle
        .anonymiseExpired()
        .then((count) => count && this.logger.log({ count }, 'anonymised participants past retention'))
        .catch((error) => this.logger.error({ err: error }, 'retention check failed'));
    }, this.config.RETENTION_CHECK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
