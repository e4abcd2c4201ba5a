import { Body, Controller, Get, HttpCode, Inject, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles, readScopeOf } from '@stapsteen/auth';
import { ORGANISATION_DIRECTORY, OrganisationDirectory } from '../application/organisation-directory';
import type { Organisation } from '../domain/organisation';
import { SaveOrganisationRequest } from './organisation.dto';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(@Inject(ORGANISATION_DIRECTORY) private readonly directory: OrganisationDirectory) {}

  @Get()
  @ApiOperation({ summary: 'The organisations the caller may see: their own, or their region' })
  @ApiOkResponse({ type: [SaveOrganisationRequest] })
  async list(@CurrentPrincipal() principal: Principal): Promise<Organisation[]> {
    const scope = readScopeOf(principal);
    return scope === null ? [] : this.directory.list(scope);
  }

  @Put()
  @HttpCode(200)
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Create or update an organisation (administrators only)' })
  async save(@Body() body: SaveOrganisationRequest): Promise<Organisation> {
    const organisation: Organisation = { ...body };
    await this.directory.save(organisation);
    return organisation;
  }
}
