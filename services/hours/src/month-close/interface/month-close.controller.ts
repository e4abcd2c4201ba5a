import { Body, Controller, Get, Header, Inject, Param, Post, Put, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import {
  CurrentPrincipal,
  Principal,
  Roles,
  assertCanWriteOrganisation,
  canAccess,
  canWriteOrganisation,
} from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import { AllowanceExport } from '../application/allowance-export';
import { CloseMonthHandler } from '../application/close-month';
import { MONTH_CLOSE_REPOSITORY, MonthCloseRepository, TARGET_SETTINGS, TargetSettings } from '../application/ports';
import { DEFAULT_FLAG_AFTER_MONTHS_BELOW } from '../domain/low-hours';
import { FALLBACK_MONTHLY_TARGET, lowHoursRuleOf } from '../domain/targets';
import { TargetSettingsRequest, TargetSettingsView } from './month-close.dto';
import { CalendarMonthParam, EntityIdParam } from '@stapsteen/service-kit';

@ApiTags('month close')
@Controller('organisations/:organisationId')
export class MonthCloseController {
  constructor(
    private readonly closeMonth: CloseMonthHandler,
    @Inject(MONTH_CLOSE_REPOSITORY) private readonly closes: MonthCloseRepository,
    @Inject(TARGET_SETTINGS) private readonly targets: TargetSettings,
    private readonly allowances: AllowanceExport,
  ) {}

  @Get('months/:month/allowances')
  // The payment run of one organisation, for those who pay it: a manager oversees, a coach coaches.
  @Roles('ORGANISER', 'ADMIN')
  @ApiOperation({ summary: 'Allowances of a closed month per participant (JSON)' })
  allowanceLines(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', EntityIdParam) organisationId: string,
    @Param('month', CalendarMonthParam) month: string,
  ) {
    return this.allowances.lines(principal, organisationId, month);
  }

  @Get('months/:month/allowances.csv')
  // The payment run of one organisation, for those who pay it: a manager oversees, a coach coaches.
  @Roles('ORGANISER', 'ADMIN')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'Allowances of a closed month as CSV for the payment run' })
  async allowanceCsv(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', EntityIdParam) organisationId: string,
    @Param('month', CalendarMonthParam) month: string,
  ) {
    const lines = await this.allowances.lines(principal, organisationId, month);
    return new StreamableFile(Buffer.from(this.allowances.toCsv(lines)), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="vergoedingen-${month}.csv"`,
    });
  }

  @Get('months/:month/allowances.xlsx')
  // The payment run of one organisation, for those who pay it: a manager oversees, a coach coaches.
  @Roles('ORGANISER', 'ADMIN')
  @ApiOperation({ summary: 'Allowances of a closed month as an Excel workbook' })
  async allowanceXlsx(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', EntityIdParam) organisationId: string,
    @Param('month', CalendarMonthParam) month: string,
  ) {
    const lines = await this.allowances.lines(principal, organisationId, month);
    return new StreamableFile(await this.allowances.toXlsx(lines, month), {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="vergoedingen-${month}.xlsx"`,
    });
  }

  @Post('months/:month/close')
  @Roles('ORGANISER', 'ADMIN')
  @ApiParam({ name: 'month', example: '2026-10' })
  @ApiOperation({
    summary: 'Close a month: totals are final, participants below target are flagged (also those with no hours)',
  })
  async close(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', EntityIdParam) organisationId: string,
    @Param('month', CalendarMonthParam) month: string,
  ) {
    const close = await this.closeMonth.execute({ kind: 'ORGANISER', principal }, organisationId, month);
    return { ...close, flagged: close.results.filter((r) => r.flagged).length };
  }

  @Get('months/:month/close')
  @ApiParam({ name: 'month', example: '2026-10' })
  @ApiOperation({ summary: 'The results of a closed month, with the low-hours flags' })
  async results(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', EntityIdParam) organisationId: string,
    @Param('month', CalendarMonthParam) month: string,
  ) {
    const close = await this.closes.load(organisationId, month);
    const regionId = close?.results[0]?.regionId ?? principal.regionId ?? '';
    if (!close || !canAccess(principal, { organisationId, regionId })) {
      throw new DomainError(
        'HOURS.MONTH_NOT_CLOSED',
        'not-found',
        `${month} has not been closed for this organisation.`,
      );
    }
    return close;
  }

  @Get('hours-targets')
  @Roles('ORGANISER', 'COACH', 'ADMIN')
  @ApiOperation({
    summary: 'The organisation’s target ramp (or the fallback target when it has none) and its low-hours rule',
  })
  @ApiOkResponse({ type: TargetSettingsView })
  @ApiNotFoundResponse({ description: 'HOURS.ORGANISATION_NOT_FOUND: not one of your organisations' })
  async targetsOf(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', EntityIdParam) organisationId: string,
  ): Promise<TargetSettingsView> {
    if (!canWriteOrganisation(principal, organisationId)) {
      throw new DomainError(
        'HOURS.ORGANISATION_NOT_FOUND',
        'not-found',
        'There is no such organisation in your scope.',
      );
    }
    const stored = await this.targets.forOrganisation(organisationId);
    return {
      organisationId,
      steps: stored?.steps ?? [],
      fallbackMonthlyTarget: FALLBACK_MONTHLY_TARGET,
      flagAfterMonthsBelow: lowHoursRuleOf(stored).flagAfterMonthsBelow,
      defaultFlagAfterMonthsBelow: DEFAULT_FLAG_AFTER_MONTHS_BELOW,
    };
  }

  @Put('hours-targets')
  @Roles('ORGANISER', 'ADMIN')
  @ApiOperation({
    summary:
      'Replace the organisation’s hours settings: the default monthly target rising over the trajectory (a ramp) ' +
      'and after how many closed months below target a participant is flagged',
  })
  @ApiOkResponse({ type: TargetSettingsView })
  @ApiBadRequestResponse({
    description:
      'REQUEST.INVALID naming the field: a step out of range, or flagAfterMonthsBelow not a whole number 1–6',
  })
  async saveTargets(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', EntityIdParam) organisationId: string,
    @Body() body: TargetSettingsRequest,
  ): Promise<TargetSettingsView> {
    assertCanWriteOrganisation(principal, organisationId);
    const settings = {
      steps: body.steps,
      ...(body.flagAfterMonthsBelow === undefined ? {} : { flagAfterMonthsBelow: body.flagAfterMonthsBelow }),
    };
    await this.targets.save(organisationId, settings);
    return {
      organisationId,
      steps: body.steps,
      fallbackMonthlyTarget: FALLBACK_MONTHLY_TARGET,
      flagAfterMonthsBelow: lowHoursRuleOf(settings).flagAfterMonthsBelow,
      defaultFlagAfterMonthsBelow: DEFAULT_FLAG_AFTER_MONTHS_BELOW,
    };
  }
}
