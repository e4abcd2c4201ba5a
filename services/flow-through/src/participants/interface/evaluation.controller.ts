import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@stapsteen/auth';
import { EvaluationsHandler } from '../application/evaluations';
import { EvaluationOverviewDto, RecordEvaluationRequest } from './evaluation.dto';
import { UuidParam } from '@stapsteen/service-kit';

/** The six-monthly evaluations of the current trajectory. */
@ApiTags('trajectories')
@Controller('participants/:id/trajectory/evaluations')
export class EvaluationController {
  constructor(private readonly evaluations: EvaluationsHandler) {}

  @Get()
  @Roles('ORGANISER', 'COACH', 'REGIONAL_MANAGER', 'ADMIN')
  @ApiOperation({ summary: 'Due dates, held evaluations, the next one due and whether it is overdue' })
  @ApiOkResponse({ type: EvaluationOverviewDto })
  list(@CurrentPrincipal() p: Principal, @Param('id', UuidParam) id: string): Promise<EvaluationOverviewDto> {
    return this.evaluations.overview(p, id);
  }

  @Post()
  @HttpCode(200)
  @Roles('ORGANISER', 'COACH', 'ADMIN')
  @ApiOperation({ summary: 'Record an evaluation held (covers the earliest due date not yet covered)' })
  @ApiOkResponse({ type: EvaluationOverviewDto })
  record(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: RecordEvaluationRequest,
  ): Promise<EvaluationOverviewDto> {
    return this.evaluations.record(p, id, body);
  }
}
