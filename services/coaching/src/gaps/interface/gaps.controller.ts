import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@stapsteen/auth';
import { IsIn, IsOptional } from 'class-validator';
import { GapService, GapStatus } from '../application/gap-service';
import { EntityIdParam, UuidParam } from '@stapsteen/service-kit';

const STATUSES: GapStatus[] = ['OPEN', 'CLOSED', 'ALL'];

class GapQuery {
  @ApiPropertyOptional({ enum: STATUSES, default: 'OPEN' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: GapStatus;
}

const GAPS_EXAMPLE = [
  {
    gapId: '3f2e1d0c-9b8a-4c7d-8e6f-5a4b3c2d1e0f',
    reasonCode: 'LOW_HOURS_NO_COACHING',
    competencyCode: null,
    openedOn: '2026-11-10',
    closedOn: null,
    participantId: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c',
    organisationId: 'org-neteland',
    regionId: 'region-kempen',
    coachId: 'coach-an',
  },
];

@ApiTags('coaching gaps')
@Controller()
export class GapsController {
  constructor(@Inject(GapService) private readonly gaps: GapService) {}

  @Get('organisations/:organisationId/gaps')
  @ApiOperation({ summary: 'Participants who need coaching and do not get it, in an organisation (open by default)' })
  @ApiOkResponse({ schema: { example: GAPS_EXAMPLE } })
  @ApiNotFoundResponse({
    description: 'COACHING.ORGANISATION_NOT_FOUND: not one of your organisations or of your region',
  })
  forOrganisation(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', EntityIdParam) organisationId: string,
    @Query() query: GapQuery,
  ) {
    return this.gaps.forOrganisation(principal, organisationId, query.status ?? 'OPEN');
  }

  @Get('coaches/:coachId/gaps')
  @ApiOperation({ summary: 'The gaps of a coach’s participants (the coach named on the participant)' })
  @ApiOkResponse({ schema: { example: GAPS_EXAMPLE } })
  forCoach(
    @CurrentPrincipal() principal: Principal,
    @Param('coachId', EntityIdParam) coachId: string,
    @Query() query: GapQuery,
  ) {
    return this.gaps.forCoach(principal, coachId, query.status ?? 'OPEN');
  }

  @Get('participants/:id/gaps')
  @ApiOperation({ summary: 'A participant’s gaps' })
  @ApiOkResponse({ schema: { example: GAPS_EXAMPLE } })
  forParticipant(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Query() query: GapQuery,
  ) {
    return this.gaps.forParticipant(principal, id, query.status ?? 'ALL');
  }
}
