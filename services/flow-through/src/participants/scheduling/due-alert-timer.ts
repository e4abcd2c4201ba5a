import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@stapsteen/service-kit';
import type { FlowThroughConfig } from '../../config/flow-through.config';
import { DueAlertChecks } from './due-alert-checks';

/** Runs the scheduled due checks every `ALERT_DUE_CHECK_MS` (0: off). */
@Injectable()
export class DueAlertTimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DueAlerts');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly checks: DueAlertChecks,
    @Inject(SERVICE_CONFIG) private readonly config: FlowThroughConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.ALERT_DUE_CHECK_MS === 0) return;
    this.timer = setInterval(() => {
      this.checks.runScheduled().catch((error) => this.logger.error({ err: error }, 'due alert checks failed'));
    }, this.config.ALERT_DUE_CHECK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
