import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AlertRulesService } from '../application/alert-rules-service';
import { CheckDueAlertsHandler } from '../application/check-due-alerts';

/**
 * Runs the due checks: after every participant write, after an organisation's alert rules change,
 * and for the participants whose check day came (`runScheduled`, called by `DueAlertTimer`). A
 * failed check never fails the write that was stored: it is logged, and the participant's next
 * write or check day tries again.
 */
@Injectable()
export class DueAlertChecks implements OnModuleInit {
  private readonly logger = new Logger('DueAlerts');

  constructor(
    private readonly checks: CheckDueAlertsHandler,
    private readonly rules: AlertRulesService,
  ) {}

  onModuleInit(): void {
    // After the answer to the save: a failure here is logged, and the scheduled check days still come.
    this.rules.onChanged((organisationId) => {
      this.checks
        .checkOrganisation(organisationId)
        .then((result) => this.logger.log({ organisationId, ...result }, 'due alerts checked after new alert rules'))
        .catch((error) => this.logger.error({ err: error, organisationId }, 'checks after new alert rules failed'));
    });
  }

  async afterWrite(participantId: string): Promise<void> {
    try {
      await this.checks.check(participantId);
    } catch (error) {
      this.logger.error({ err: error, participantId }, 'due alert check after a write failed');
    }
  }

  /** One scheduled run: the participants scheduled up to today. */
  async runScheduled(): Promise<{ checked: number; failed: number }> {
    const result = await this.checks.runScheduled();
    if (result.checked || result.failed) this.logger.log(result, 'due alert checks ran');
    return result;
  }
}
