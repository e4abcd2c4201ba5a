import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@stapsteen/auth';
import { UuidParam } from '@stapsteen/service-kit';
import { KpiExports } from '../application/kpi-exports';
import { KpiQueries } from '../application/kpi-queries';
import { PseudonymisedExportJobs } from '../application/pseudonymised-export-jobs';
import {
  CoachingCoverageView,
  CohortsView,
  HoursDistributionView,
  HoursTrendView,
  KpiQueryDto,
  KpiSummaryView,
  OpenAlertsView,
  OrganisationKpisPage,
  OutflowView,
  PseudonymisedExportView,
  ReferralFunnelView,
} from './kpi.dto';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV = 'text/csv; charset=utf-8';

/**
 * The KPI dashboard and exports: figures per region, organisation and period, read from the KPI
 * read models. Managers see their region, organisers and coaches their organisations, admins all;
 * a region or organisation outside the caller's scope answers 404.
 */
@ApiTags('kpis')
@Controller('kpis')
@Roles('REGIONAL_MANAGER', 'ORGANISER', 'COACH', 'ADMIN')
export class KpisController {
  constructor(
    private readonly queries: KpiQueries,
    private readonly exports: KpiExports,
    private readonly pseudonymisedExports: PseudonymisedExportJobs,
  ) {}

  @Get('summary')
  @ApiOperation({ summary: 'Headline figures: referred, started, active, ended, outflow, hours, coaching, alerts' })
  @ApiOkResponse({ type: KpiSummaryView })
  summary(@CurrentPrincipal() principal: Principal, @Query() query: KpiQueryDto): Promise<KpiSummaryView> {
    return this.queries.summary(principal, query);
  }

  @Get('organisations')
  @ApiOperation({ summary: 'The headline figures per organisation (drill-down from a region)' })
  @ApiOkResponse({ type: OrganisationKpisPage })
  organisations(@CurrentPrincipal() principal: Principal, @Query() query: KpiQueryDto): Promise<OrganisationKpisPage> {
    return this.queries.organisations(principal, query);
  }

  @Get('hours-distribution')
  @ApiOperation({ summary: 'Closed participant-months per counted-hours bucket against the 60-hour cap' })
  @ApiOkResponse({ type: HoursDistributionView })
  hoursDistribution(
    @CurrentPrincipal() principal: Principal,
    @Query() query: KpiQueryDto,
  ): Promise<HoursDistributionView> {
    return this.queries.hoursDistribution(principal, query);
  }

  @Get('hours-trend')
  @ApiOperation({ summary: 'Average counted hours and the share below target, month by month' })
  @ApiOkResponse({ type: HoursTrendView })
  hoursTrend(@CurrentPrincipal() principal: Principal, @Query() query: KpiQueryDto): Promise<HoursTrendView> {
    return this.queries.hoursTrend(principal, query);
  }

  @Get('outflow-by-destination')
  @ApiOperation({ summary: 'Exits in the period by destination, and whether each counted as positive' })
  @ApiOkResponse({ type: OutflowView })
  outflow(@CurrentPrincipal() principal: Principal, @Query() query: KpiQueryDto): Promise<OutflowView> {
    return this.queries.outflowByDestination(principal, query);
  }

  @Get('referral-funnel')
  @ApiOperation({ summary: 'Referral funnel of the period: stages reached and drop-off reasons before the start' })
  @ApiOkResponse({ type: ReferralFunnelView })
  funnel(@CurrentPrincipal() principal: Principal, @Query() query: KpiQueryDto): Promise<ReferralFunnelView> {
    return this.queries.referralFunnel(principal, query);
  }

  @Get('coaching-coverage')
  @ApiOperation({ summary: 'Share of active participants coached, month by month' })
  @ApiOkResponse({ type: CoachingCoverageView })
  coverage(@CurrentPrincipal() principal: Principal, @Query() query: KpiQueryDto): Promise<CoachingCoverageView> {
    return this.queries.coachingCoverage(principal, query);
  }

  @Get('alerts')
  @ApiOperation({ summary: 'Alerts open now by kind and age (0–7, 8–30, 31+ days)' })
  @ApiOkResponse({ type: OpenAlertsView })
  alerts(@CurrentPrincipal() principal: Principal, @Query() query: KpiQueryDto): Promise<OpenAlertsView> {
    return this.queries.alerts(principal, query);
  }

  @Get('cohorts')
  @ApiOperation({ summary: 'Cohorts by start month: flow-through rate and time to exit' })
  @ApiOkResponse({ type: CohortsView })
  cohorts(@CurrentPrincipal() principal: Principal, @Query() query: KpiQueryDto): Promise<CohortsView> {
    return this.queries.cohorts(principal, query);
  }

  @Get('export.csv')
  @ApiOperation({ summary: 'The figures per organisation × month as CSV (semicolons, decimal comma)' })
  @ApiProduces(CSV)
  @ApiOkResponse({ description: 'A CSV file', schema: { type: 'string', format: 'binary' } })
  async exportCsv(@CurrentPrincipal() principal: Principal, @Query() query: KpiQueryDto): Promise<StreamableFile> {
    const file = await this.exports.csv(principal, query);
    return new StreamableFile(file.body, { type: CSV, disposition: `attachment; filename="${file.filename}"` });
  }

  @Get('export.xlsx')
  @ApiOperation({ summary: 'The figures per organisation × month as an Excel workbook' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'An XLSX workbook', schema: { type: 'string', format: 'binary' } })
  async exportXlsx(@CurrentPrincipal() principal: Principal, @Query() query: KpiQueryDto): Promise<StreamableFile> {
    const file = await this.exports.xlsx(principal, query);
    return new StreamableFile(file.body, { type: XLSX, disposition: `attachment; filename="${file.filename}"` });
  }

  @Post('pseudonymised-exports')
  @HttpCode(202)
  @Roles('REGIONAL_MANAGER', 'ADMIN')
  @ApiOperation({
    summary:
      'Starts the pseudonymised export in the background: participant-months without names or ids (keyed pseudonym, birth-year band, organisation, month, hours, outcome); organisation-months under 5 participants are left out. Follow its progress at the Location returned; only the caller sees it.',
  })
  @ApiAcceptedResponse({ type: PseudonymisedExportView })
  async startPseudonymisedExport(
    @CurrentPrincipal() principal: Principal,
    @Body() body: KpiQueryDto,
    @Res({ passthrough: true }) response: { setHeader(name: string, value: string): void },
  ): Promise<PseudonymisedExportView> {
    const job = await this.pseudonymisedExports.start(principal, body);
    response.setHeader('Location', `/kpis/pseudonymised-exports/${job.id}`);
    return job;
  }

  @Get('pseudonymised-exports/:exportId')
  @Roles('REGIONAL_MANAGER', 'ADMIN')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Progress of a pseudonymised export the caller started (404 for anyone else)' })
  @ApiOkResponse({ type: PseudonymisedExportView })
  pseudonymisedExport(
    @CurrentPrincipal() principal: Principal,
    @Param('exportId', UuidParam) exportId: string,
  ): PseudonymisedExportView {
    return this.pseudonymisedExports.view(principal, exportId);
  }

  @Get('pseudonymised-exports/:exportId/file')
  @Roles('REGIONAL_MANAGER', 'ADMIN')
  @ApiOperation({
    summary: 'The finished pseudonymised export as CSV; 409 KPI.EXPORT_NOT_READY while it is still being written',
  })
  @ApiProduces(CSV)
  @ApiOkResponse({ description: 'A CSV file', schema: { type: 'string', format: 'binary' } })
  pseudonymisedExportFile(
    @CurrentPrincipal() principal: Principal,
    @Param('exportId', UuidParam) exportId: string,
  ): StreamableFile {
    const file = this.pseudonymisedExports.download(principal, exportId);
    return new StreamableFile(file.body, { type: CSV, disposition: `attachment; filename="${file.filename}"` });
  }
}
