import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, readScopeOf } from '@stapsteen/auth';
import { PARTICIPANT_ROSTER, ParticipantRoster, RosterEntry } from '../application/participant-roster';
import type { TrajectoryWindow } from '../../prestations/domain/eligibility';

class SuspensionWindowView {
  @ApiProperty({ example: '2026-05-04' }) from!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-05-18' }) until!: string | null;
}

class TrajectoryWindowView implements TrajectoryWindow {
  @ApiProperty({ example: 'a2b7c1d0-5e4f-4a3b-8c9d-0e1f2a3b4c5d' }) trajectoryId!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-02-02' }) startedOn!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) endedOn!: string | null;
  @ApiProperty({ type: [SuspensionWindowView] }) suspensions!: SuspensionWindowView[];
}

class RosterEntryView implements RosterEntry {
  @ApiProperty({ example: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c' }) participantId!: string;
  @ApiProperty({ example: 'org-neteland' }) organisationId!: string;
  @ApiProperty({ example: 'region-kempen' }) regionId!: string;
  @ApiProperty({ example: 'Sofie V.' }) displayName!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) coachId!: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 20 }) monthlyHoursTarget!: number | null;
  @ApiProperty() exPwa!: boolean;
  @ApiProperty({ type: [TrajectoryWindowView] }) trajectories!: TrajectoryWindowView[];
}

@ApiTags('participants')
@Controller('participants')
export class RosterController {
  constructor(@Inject(PARTICIPANT_ROSTER) private readonly roster: ParticipantRoster) {}

  @Get()
  @ApiOperation({ summary: 'The participants known to the hours service within the caller’s scope' })
  @ApiOkResponse({ type: [RosterEntryView] })
  async list(@CurrentPrincipal() principal: Principal): Promise<RosterEntry[]> {
    const scope = readScopeOf(principal);
    // Nothing to read (a manager without a region): an empty list, without asking the database.
    return scope ? this.roster.list({ scope }) : [];
  }
}
