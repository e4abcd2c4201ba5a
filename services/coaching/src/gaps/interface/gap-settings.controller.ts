import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@stapsteen/auth';
import { GapSettingsService } from '../application/gap-settings-service';
import { GapSettingsRequest, GapSettingsView } from './gap-settings.dto';
import { EntityIdParam } from '@stapsteen/service-kit';

const NOT_FOUND = 'COACHING.ORGANISATION_NOT_FOUND: not one of your organisations';

@ApiTags('coaching gaps')
@Controller('organisations/:organisationId/gap-settings')
export class GapSettingsController {
  constructor(@Inject(GapSettingsService) private readonly settings: GapSettingsService) {}

  @Get()
  @Roles('ORGANISER', 'COACH', 'ADMIN')
  @ApiOperation({ summary: 'The organisation’s coaching-gap windows in days, and the defaults they override' })
  @ApiOkResponse({ type: GapSettingsView })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  read(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', EntityIdParam) organisationId: string,
  ): Promise<GapSettingsView> {
    return this.settings.read(principal, organisationId);
  }

  @Put()
  @Roles('ORGANISER', 'ADMIN')
  @ApiOperation({
    summary:
      'Set the organisation’s coaching-gap windows (organisers of it, administrators); its gaps are re-evaluated',
  })
  @ApiOkResponse({ type: GapSettingsView })
  @ApiBadRequestResponse({ description: 'REQUEST.INVALID: a window missing or not whole days from 7 to 180' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  save(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', EntityIdParam) organisationId: string,
    @Body() body: GapSettingsRequest,
  ): Promise<GapSettingsView> {
    return this.settings.save(principal, organisationId, {
      baselineDueDays: body.baselineDueDays,
      unaddressedDays: body.unaddressedDays,
      stalledDays: body.stalledDays,
    });
  }
}
