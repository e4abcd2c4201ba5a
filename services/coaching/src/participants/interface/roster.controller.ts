import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, readScopeOf } from '@stapsteen/auth';
import {
  LowHoursState,
  PARTICIPANT_ROSTER,
  ParticipantRoster,
  RosterEntry,
  TrajectoryWindow,
} from '../application/participant-roster';

class TrajectoryWindowView implements TrajectoryWindow {
  @ApiProperty({ example: 'a2b7c1d0-5e4f-4a3b-8c9d-0e1f2a3b4c5d' }) trajectoryId!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-02-02' }) startedOn!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) endedOn!: string | null;
}

class LowHoursView implements LowHoursState {
  @ApiProperty({ example: true }) flagged!: boolean;
  @ApiProperty({ example: '2026-10' }) month!: string;
  @ApiProperty({ type: String, nullable: true, example: 'HIGH' }) severity!: string | null;
}

class RosterEntryView implements RosterEntry {
  @ApiProperty({ example: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c' }) participantId!: string;
  @ApiProperty({ example: 'org-neteland' }) organisationId!: string;
  @ApiProperty({ example: 'region-kempen' }) regionId!: string;
  @ApiProperty({ example: 'Sofie V.' }) displayName!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'coach-an' }) coachId!: string | null;
  @ApiProperty({ type: [TrajectoryWindowView] }) trajectories!: TrajectoryWindowView[];
  @ApiPropertyOptional({ type: LowHoursView, nullable: true }) lowHours!: LowHoursView | null;
}

@ApiTags('participants')
@Controller('participants')
export class RosterController {
  constructor(@Inject(PARTICIPANT_ROSTER) private readonly roster: ParticipantRoster) {}

  @Get()
  @ApiOperation({ summary: 'The participants known to the coaching service within the caller’s scope' })
  @ApiOkResponse({ type: [RosterEntryView] })
  async list(@CurrentPrincipal() principal: Principal): Promise<RosterEntry[]> {
    // Nothing to read (a manager without a region): an empty list, without asking the database.
    const scope = readScopeOf(principal);
    return scope ? this.roster.list(scope) : [];
  }
}
