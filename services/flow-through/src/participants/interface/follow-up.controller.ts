import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import { FollowUpsHandler } from '../application/follow-ups';
import type { FollowUpInput } from '../domain/follow-up';
import { FollowUpOverviewDto, RecordFollowUpRequest } from './follow-up.dto';
import { UuidParam } from '@stapsteen/service-kit';

/** ESF+ / Flemish outflow follow-up after exit: immediate result, six and nine months. */
@ApiTags('trajectories')
@Controller('participants/:id/trajectory/follow-ups')
export class FollowUpController {
  constructor(private readonly followUps: FollowUpsHandler) {}

  @Get()
  @Roles('ORGANISER', 'COACH', 'REGIONAL_MANAGER', 'ADMIN')
  @ApiOperation({ summary: 'The follow-up checkpoints after exit: due dates and the results that count' })
  @ApiOkResponse({ type: FollowUpOverviewDto })
  list(@CurrentPrincipal() p: Principal, @Param('id', UuidParam) id: string): Promise<FollowUpOverviewDto> {
    return this.followUps.overview(p, id);
  }

  @Post()
  @HttpCode(200)
  @Roles('ORGANISER', 'COACH', 'ADMIN')
  @ApiOperation({
    summary:
      'Record a follow-up result: IMMEDIATE (EECR01-04/NONE, within the window after exit, the last one counts), ' +
      'SIX_MONTHS (EECR05) or NINE_MONTHS (employed)',
  })
  @ApiOkResponse({ type: FollowUpOverviewDto })
  record(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: RecordFollowUpRequest,
  ): Promise<FollowUpOverviewDto> {
    return this.followUps.record(p, id, toInput(body));
  }
}

function toInput(body: RecordFollowUpRequest): FollowUpInput {
  if (body.checkpoint === 'IMMEDIATE') {
    if (body.employed !== undefined) mismatch('employed', 'An immediate result is a status, not employed.');
    return { checkpoint: 'IMMEDIATE', recordedOn: body.recordedOn, immediateStatus: body.immediateStatus! };
  }
  if (body.immediateStatus !== undefined)
    mismatch('immediateStatus', 'Only the immediate result has a status; later checkpoints say employed.');
  return { checkpoint: body.checkpoint, recordedOn: body.recordedOn, employed: body.employed! };
}

function mismatch(field: string, message: string): never {
  throw new DomainError('FOLLOW_UP.RESULT_MISMATCH', 'validation', message, { field });
}
