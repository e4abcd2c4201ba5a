import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@stapsteen/auth';
import { ChangeTrajectoryHandler } from '../application/change-trajectory';
import { ParticipantView } from './participant.dto';
import { DatedStepRequest, DropOffRequest, EndRequest, ExtendRequest, SuspendRequest } from './trajectory.dto';
import { UuidParam } from '@stapsteen/service-kit';

/** The steps of a trajectory: referral → intake → start → (suspend ⇄ resume) → end, or a new referral. */
@ApiTags('trajectories')
@Roles('ORGANISER', 'COACH', 'ADMIN')
@Controller('participants/:id/trajectory')
export class TrajectoryController {
  constructor(private readonly change: ChangeTrajectoryHandler) {}

  @Post('intake')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the intake interview' })
  @ApiOkResponse({ type: ParticipantView })
  async intake(@CurrentPrincipal() p: Principal, @Param('id', UuidParam) id: string, @Body() body: DatedStepRequest) {
    return ParticipantView.of(await this.change.execute(p, id, { kind: 'intake', on: body.on }));
  }

  @Post('start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start the trajectory: the wijk-werkovereenkomst is signed; hours count from this day' })
  @ApiOkResponse({ type: ParticipantView })
  async start(@CurrentPrincipal() p: Principal, @Param('id', UuidParam) id: string, @Body() body: DatedStepRequest) {
    return ParticipantView.of(await this.change.execute(p, id, { kind: 'start', on: body.on }));
  }

  @Post('suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend the trajectory (no hours while suspended)' })
  @ApiOkResponse({ type: ParticipantView })
  async suspend(@CurrentPrincipal() p: Principal, @Param('id', UuidParam) id: string, @Body() body: SuspendRequest) {
    return ParticipantView.of(
      await this.change.execute(p, id, { kind: 'suspend', on: body.on, reasonCode: body.reasonCode }),
    );
  }

  @Post('resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a suspended trajectory' })
  @ApiOkResponse({ type: ParticipantView })
  async resume(@CurrentPrincipal() p: Principal, @Param('id', UuidParam) id: string, @Body() body: DatedStepRequest) {
    return ParticipantView.of(await this.change.execute(p, id, { kind: 'resume', on: body.on }));
  }

  @Post('extend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the planned end later' })
  @ApiOkResponse({ type: ParticipantView })
  async extend(@CurrentPrincipal() p: Principal, @Param('id', UuidParam) id: string, @Body() body: ExtendRequest) {
    return ParticipantView.of(await this.change.execute(p, id, { kind: 'extend', plannedEndOn: body.plannedEndOn }));
  }

  @Post('end')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the trajectory with its destination' })
  @ApiOkResponse({ type: ParticipantView })
  async end(@CurrentPrincipal() p: Principal, @Param('id', UuidParam) id: string, @Body() body: EndRequest) {
    return ParticipantView.of(
      await this.change.execute(p, id, { kind: 'end', on: body.on, destination: body.destination }),
    );
  }

  @Post('drop-off')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record that the referral stopped before the start (from REFERRED or INTAKE), with the reason',
  })
  @ApiOkResponse({ type: ParticipantView })
  async dropOff(@CurrentPrincipal() p: Principal, @Param('id', UuidParam) id: string, @Body() body: DropOffRequest) {
    return ParticipantView.of(
      await this.change.execute(p, id, { kind: 'drop-off', on: body.droppedOn, reasonCode: body.reasonCode }),
    );
  }

  @Post('re-referral')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refer the participant again after an ended trajectory (counted once for ESF)' })
  @ApiOkResponse({ type: ParticipantView })
  async reRefer(@CurrentPrincipal() p: Principal, @Param('id', UuidParam) id: string, @Body() body: DatedStepRequest) {
    return ParticipantView.of(await this.change.execute(p, id, { kind: 're-refer', on: body.on }));
  }
}
