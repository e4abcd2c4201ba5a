import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@stapsteen/auth';
import { AssessmentService } from '../application/assessment-service';
import { BulkAssessmentRequest, HistoryQuery, RecordAssessmentRequest, toRatings } from './assessment.dto';
import { UuidParam } from '@stapsteen/service-kit';

const ASSESSMENT_EXAMPLE = {
  id: '0d3c6f7a-1b2c-4d5e-8f90-a1b2c3d4e5f6',
  participantId: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c',
  organisationId: 'org-neteland',
  regionId: 'region-kempen',
  assessorKind: 'COACH',
  recordedBy: 'coach-an',
  recordedAt: '2026-04-10T09:12:00.000Z',
  assessedOn: '2026-04-10',
  catalogueVersion: 1,
  targetLevel: 3,
  ratings: [{ competencyCode: 'STIPTHEID', level: 3, note: 'Nu altijd op tijd.' }],
  changes: [{ competencyCode: 'STIPTHEID', level: 3, previousLevel: 2, change: 1 }],
};

@ApiTags('assessments')
@Controller()
export class AssessmentsController {
  constructor(@Inject(AssessmentService) private readonly assessments: AssessmentService) {}

  @Post('participants/:id/assessments')
  @Roles('ORGANISER', 'COACH', 'ADMIN')
  @ApiOperation({
    summary: 'Record ratings on some or all competencies, with a note per rating, by one kind of assessor',
  })
  @ApiCreatedResponse({ schema: { example: { ...ASSESSMENT_EXAMPLE, changes: undefined } } })
  record(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: RecordAssessmentRequest,
  ) {
    return this.assessments.record(principal, id, { ...body, ratings: toRatings(body.ratings) });
  }

  @Post('assessments/bulk')
  @Roles('ORGANISER', 'COACH', 'ADMIN')
  @ApiOperation({ summary: 'Rate many participants at once (e.g. a group session); all are stored or none' })
  bulk(@CurrentPrincipal() principal: Principal, @Body() body: BulkAssessmentRequest) {
    return this.assessments.bulk(
      principal,
      body.assessorKind,
      body.assessedOn,
      body.entries.map((entry) => ({ participantId: entry.participantId, ratings: toRatings(entry.ratings) })),
    );
  }

  @Get('participants/:id/assessments')
  @ApiOperation({
    summary:
      'A participant’s assessments, oldest first, with the change since the same kind of assessor’s previous rating',
  })
  @ApiOkResponse({ schema: { example: [ASSESSMENT_EXAMPLE] } })
  history(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string, @Query() query: HistoryQuery) {
    return this.assessments.history(principal, id, query.assessorKind);
  }
}
