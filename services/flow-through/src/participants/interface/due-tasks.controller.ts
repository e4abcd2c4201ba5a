import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@stapsteen/auth';
import { DueTasksQueries } from '../application/due-tasks';
import { DueEvaluationList, DueFollowUpList, DueTasksQueryDto } from './due-tasks.dto';

/**
 * The task lists of staff and managers: what is due or overdue across the caller's organisations
 * (organisers, coaches), region (managers) or everything (admins). A filter out of scope answers 404.
 */
@ApiTags('trajectories')
@Controller()
@Roles('ORGANISER', 'COACH', 'REGIONAL_MANAGER', 'ADMIN')
export class DueTasksController {
  constructor(private readonly queries: DueTasksQueries) {}

  @Get('follow-ups/due')
  @ApiOperation({ summary: 'Follow-up checkpoints after exit that are due or overdue (or due within `within` days)' })
  @ApiOkResponse({ type: DueFollowUpList })
  followUps(@CurrentPrincipal() principal: Principal, @Query() query: DueTasksQueryDto): Promise<DueFollowUpList> {
    return this.queries.followUps(principal, query);
  }

  @Get('evaluations/due')
  @ApiOperation({ summary: 'Evaluations that are due or overdue (or due within `within` days)' })
  @ApiOkResponse({ type: DueEvaluationList })
  evaluations(@CurrentPrincipal() principal: Principal, @Query() query: DueTasksQueryDto): Promise<DueEvaluationList> {
    return this.queries.evaluations(principal, query);
  }
}
