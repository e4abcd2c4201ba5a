import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles, canAccess, readScopeOf } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import { ORGANISATION_DIRECTORY, OrganisationDirectory } from '../../organisations/application/organisation-directory';
import { EnrolParticipantHandler } from '../application/enrol-participant';
import { ParticipantLifecycle } from '../application/participant-lifecycle';
import { PARTICIPANT_REPOSITORY, ParticipantRepository } from '../application/participant-repository';
import {
  EnrolParticipantRequest,
  ListParticipantsQuery,
  ParticipantPage,
  ParticipantView,
  UpdateParticipantRequest,
} from './participant.dto';
import { UuidParam } from '@stapsteen/service-kit';

@ApiTags('participants')
@Controller('participants')
export class ParticipantsController {
  constructor(
    private readonly enrol: EnrolParticipantHandler,
    @Inject(PARTICIPANT_REPOSITORY) private readonly participants: ParticipantRepository,
    private readonly lifecycle: ParticipantLifecycle,
    @Inject(ORGANISATION_DIRECTORY) private readonly organisations: OrganisationDirectory,
  ) {}

  @Patch(':id')
  @Roles('ORGANISER', 'COACH', 'ADMIN')
  @ApiOperation({ summary: 'Change a participant’s details, coach or monthly hours target' })
  @ApiOkResponse({ type: ParticipantView })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateParticipantRequest,
  ) {
    return ParticipantView.of(await this.lifecycle.update(principal, id, body));
  }

  @Post(':id/erasure')
  @HttpCode(200)
  @Roles('ORGANISER', 'ADMIN')
  @ApiOperation({ summary: 'Erase the personal data (a request under the GDPR); the other services drop theirs too' })
  @ApiOkResponse({ type: ParticipantView })
  async erase(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string) {
    return ParticipantView.of(await this.lifecycle.erase(principal, id));
  }

  @Post()
  @Roles('ORGANISER', 'COACH', 'ADMIN')
  @ApiOperation({ summary: 'Enrol a participant referred by VDAB, the OCMW or another partner' })
  @ApiCreatedResponse({ type: ParticipantView })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: EnrolParticipantRequest,
  ): Promise<ParticipantView> {
    return ParticipantView.of(await this.enrol.execute(principal, body));
  }

  @Get()
  @ApiOperation({ summary: 'The participants the caller may see, newest enrolment first' })
  @ApiOkResponse({ type: ParticipantPage })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListParticipantsQuery,
  ): Promise<ParticipantPage> {
    if (query.organisationId !== undefined) {
      const organisation = await this.organisations.findById(query.organisationId);
      if (
        !organisation ||
        !canAccess(principal, { organisationId: organisation.id, regionId: organisation.regionId })
      ) {
        throw new DomainError('ORGANISATION.NOT_FOUND', 'not-found', 'There is no such organisation in your scope.');
      }
    }
    const scope = readScopeOf(principal, query.organisationId);
    // No scope (a manager without a region): nothing to read, never everything.
    if (scope === null) return { items: [], total: 0 };
    const page = await this.participants.list(
      { scope, ...(query.coachId !== undefined ? { coachId: query.coachId } : {}) },
      { limit: query.limit, offset: query.offset },
    );
    return { items: page.items.map(ParticipantView.of), total: page.total };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One participant' })
  @ApiOkResponse({ type: ParticipantView })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string): Promise<ParticipantView> {
    const participant = await this.participants.findById(id);
    // Out of scope answers like "does not exist", so nobody learns who is enrolled elsewhere.
    if (!participant || !canAccess(principal, participant)) {
      throw new DomainError(
        'PARTICIPANT.NOT_FOUND',
        'not-found',
        'There is no such participant in your organisations.',
      );
    }
    return ParticipantView.of(participant);
  }
}
