import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@stapsteen/auth';
import { IsOptional } from 'class-validator';
import { EffectivenessService } from '../application/effectiveness-service';
import { IsCalendarMonth } from '@stapsteen/contracts';
import { EntityIdParam } from '@stapsteen/service-kit';

class EffectivenessQuery {
  @ApiPropertyOptional({ example: '2026-01', description: 'First month (YYYY-MM) in which coaching started' })
  @IsOptional()
  @IsCalendarMonth()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'Last month (YYYY-MM) in which coaching started' })
  @IsOptional()
  @IsCalendarMonth()
  to?: string;
}

const band = (months: string, participants: number, averageChange: number | null) => ({
  months,
  participants,
  averageChange,
  suppressed: averageChange === null,
});

const EFFECTIVENESS_EXAMPLE = {
  organisationId: 'org-neteland',
  from: '2026-01',
  to: '2026-12',
  minParticipants: 5,
  rows: [
    {
      competencyCode: 'DIGITAAL',
      modality: 'GROUP',
      participants: 14,
      averageChange: 0.86,
      suppressed: false,
      byTrajectoryMonth: [
        band('1-3', 9, 1.11),
        band('4-6', 5, 0.4),
        band('7-12', 0, null),
        band('13+', 0, null),
        band('UNKNOWN', 0, null),
      ],
    },
    {
      competencyCode: 'STIPTHEID',
      modality: 'PEER',
      participants: 3,
      averageChange: null,
      suppressed: true,
      byTrajectoryMonth: [
        band('1-3', 0, null),
        band('4-6', 3, null),
        band('7-12', 0, null),
        band('13+', 0, null),
        band('UNKNOWN', 0, null),
      ],
    },
  ],
};

@ApiTags('effectiveness')
@Controller()
export class EffectivenessController {
  constructor(@Inject(EffectivenessService) private readonly effectiveness: EffectivenessService) {}

  @Get('organisations/:organisationId/effectiveness')
  @ApiOperation({
    summary: 'Average change in staff rating per competency and modality, and by the trajectory month coaching started',
    description:
      'For each participant who had the competency in an assignment of the modality that started in the period: the ' +
      'latest COACH/ORGANISER rating after the start minus the last one on or before it (first such assignment per ' +
      'participant; participants without both ratings are left out). Cells based on fewer than ' +
      'COACHING_EFFECTIVENESS_MIN_PARTICIPANTS (5) participants show `participants` but `averageChange: null` and ' +
      '`suppressed: true`; a shown trajectory band is suppressed too when it would give a small one away. ' +
      'Staff of the organisation, managers of its region and admins.',
  })
  @ApiOkResponse({ schema: { example: EFFECTIVENESS_EXAMPLE } })
  report(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', EntityIdParam) organisationId: string,
    @Query() query: EffectivenessQuery,
  ) {
    return this.effectiveness.report(principal, organisationId, query.from ?? null, query.to ?? null);
  }
}
