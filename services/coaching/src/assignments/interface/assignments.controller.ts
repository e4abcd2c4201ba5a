import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@stapsteen/auth';
import { toRatings } from '../../assessments/interface/assessment.dto';
import { AssignmentSummaries } from '../application/assignment-summaries';
import { GroupSessionService } from '../application/group-session-service';
import { OneOnOneService } from '../application/one-on-one-service';
import { PeerCoachingService } from '../application/peer-coaching-service';
import {
  AttendanceRequest,
  EndRequest,
  EnrolRequest,
  GroupListQuery,
  GroupRatingsRequest,
  LogSessionRequest,
  OneOnOneListQuery,
  PairRequest,
  PeerSessionRequest,
  PlanGroupSessionRequest,
  PlanSessionRequest,
  StartOneOnOneRequest,
  SuggestionQuery,
} from './assignment.dto';
import { EntityIdParam, UuidParam } from '@stapsteen/service-kit';

const STAFF = ['ORGANISER', 'COACH', 'ADMIN'] as const;

@ApiTags('group coaching')
@Controller('group-sessions')
export class GroupSessionsController {
  constructor(@Inject(GroupSessionService) private readonly groups: GroupSessionService) {}

  @Post()
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Plan a group training session: title, competencies, date and time, place, trainer, capacity',
  })
  plan(@CurrentPrincipal() principal: Principal, @Body() body: PlanGroupSessionRequest) {
    return this.groups.plan(principal, body);
  }

  @Get()
  @ApiOperation({
    summary: 'Group sessions within your organisations or region',
    description:
      '`enrolments` holds only the participants with a seat (status ENROLLED); `waitingList` holds the ids of the participants waiting for one, in the order they are served; cancelled enrolments are in neither.',
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: GroupListQuery) {
    return this.groups.list(principal, query.organisationId);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A group session with its enrolments, seats left and waiting list',
    description:
      '`enrolments` holds only the participants with a seat (status ENROLLED); `waitingList` holds the ids of the participants waiting for one, in the order they are served; cancelled enrolments are in neither.',
  })
  find(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string) {
    return this.groups.session(principal, id);
  }

  @Post(':id/enrolments')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Enrol a participant: a seat while one is free, otherwise the waiting list' })
  @ApiCreatedResponse({
    schema: {
      example: {
        participantId: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c',
        status: 'WAITING',
        requestedAt: '2026-05-02T08:00:00.000Z',
        enrolledOn: null,
        attended: null,
        waitingPosition: 2,
      },
    },
  })
  enrol(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string, @Body() body: EnrolRequest) {
    return this.groups.enrol(principal, id, body.participantId);
  }

  @Delete(':id/enrolments/:participantId')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Cancel an enrolment; the first on the waiting list takes the seat' })
  cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Param('participantId', UuidParam) participantId: string,
  ) {
    return this.groups.cancelEnrolment(principal, id, participantId);
  }

  @Put(':id/attendance')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Record who attended; the session counts as held' })
  attendance(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: AttendanceRequest,
  ) {
    return this.groups.recordAttendance(principal, id, body.attendedParticipantIds);
  }

  @Post(':id/ratings')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Rate the session’s attendees on its competencies in one go (bulk rating)' })
  rate(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: GroupRatingsRequest,
  ) {
    return this.groups.rate(
      principal,
      id,
      body.assessedOn,
      body.entries.map((entry) => ({ participantId: entry.participantId, ratings: toRatings(entry.ratings) })),
    );
  }
}

@ApiTags('one-on-one coaching')
@Controller('one-on-ones')
export class OneOnOnesController {
  constructor(@Inject(OneOnOneService) private readonly oneOnOnes: OneOnOneService) {}

  @Post()
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Start one-on-one coaching of a participant by a coach on some competencies' })
  start(@CurrentPrincipal() principal: Principal, @Body() body: StartOneOnOneRequest) {
    return this.oneOnOnes.start(principal, body.participantId, body.coachId, body.competencyCodes);
  }

  @Get()
  @ApiOperation({ summary: 'One-on-one coaching within your scope, by participant or coach' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: OneOnOneListQuery) {
    return this.oneOnOnes.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One one-on-one coaching with its planned sessions and session log' })
  find(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string) {
    return this.oneOnOnes.get(principal, id);
  }

  @Post(':id/planned-sessions')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Plan a session' })
  plan(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string, @Body() body: PlanSessionRequest) {
    return this.oneOnOnes.planSession(principal, id, body.plannedFor);
  }

  @Post(':id/sessions')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Log a held session with attendance (a planned one, or one that was not planned)' })
  log(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string, @Body() body: LogSessionRequest) {
    return this.oneOnOnes.logSession(principal, id, { ...body, note: body.note ?? null });
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'End the coaching with a reason code' })
  end(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string, @Body() body: EndRequest) {
    return this.oneOnOnes.end(principal, id, body.reasonCode);
  }
}

@ApiTags('peer coaching')
@Controller()
export class PeerCoachingController {
  constructor(
    @Inject(PeerCoachingService) private readonly peers: PeerCoachingService,
    @Inject(AssignmentSummaries) private readonly summaries: AssignmentSummaries,
  ) {}

  @Get('participants/:id/peer-suggestions')
  @ApiOperation({ summary: 'Peer coaches for a participant, best fit first, each with why' })
  @ApiOkResponse({
    schema: {
      example: {
        competencyCodes: ['STIPTHEID'],
        suggestions: [
          {
            participantId: '9a7b3c2d-1e0f-4a5b-8c7d-6e5f4a3b2c1d',
            displayName: 'Karim B.',
            score: 19,
            activeCoachees: 0,
            explanation: ['STIPTHEID: rated 4, target 3', 'coaches 0 of at most 3 coachees'],
            reasons: [
              { code: 'RATED_AT_OR_ABOVE_TARGET', competencyCode: 'STIPTHEID', level: 4, targetLevel: 3 },
              { code: 'COACHEES', activeCoachees: 0, maxActiveCoachees: 3 },
            ],
          },
        ],
      },
    },
  })
  suggest(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Query() query: SuggestionQuery,
  ) {
    return this.peers.suggest(principal, id, query.competencies);
  }

  @Post('peer-pairs')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Pair a peer coach (rated at or above target on the competencies) with a coachee of the same organisation',
  })
  pair(@CurrentPrincipal() principal: Principal, @Body() body: PairRequest) {
    return this.peers.pair(principal, body.peerCoachId, body.coacheeId, body.competencyCodes);
  }

  @Get('organisations/:organisationId/peer-pairs')
  @ApiOperation({ summary: 'The organisation’s peer coaches and their pairs' })
  @ApiNotFoundResponse({
    description: 'COACHING.ORGANISATION_NOT_FOUND: not one of your organisations or of your region',
  })
  list(@CurrentPrincipal() principal: Principal, @Param('organisationId', EntityIdParam) organisationId: string) {
    return this.peers.listPairs(principal, organisationId);
  }

  @Post('peer-pairs/:id/sessions')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Log that a pair met' })
  log(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string, @Body() body: PeerSessionRequest) {
    return this.peers.logSession(principal, id, body.heldOn);
  }

  @Post('peer-pairs/:id/end')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'End a pair with a reason code' })
  end(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string, @Body() body: EndRequest) {
    return this.peers.endPair(principal, id, body.reasonCode);
  }

  @Get('participants/:id/assignments')
  @ApiOperation({ summary: 'All coaching of a participant, in every modality' })
  forParticipant(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string) {
    return this.summaries.participantAssignments(principal, id);
  }
}
