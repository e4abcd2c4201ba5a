import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@stapsteen/auth';
import { AlertRulesService } from '../application/alert-rules-service';
import { AlertRulesRequest, AlertRulesView } from './alert-rules.dto';
import { EntityIdParam } from '@stapsteen/service-kit';

const NOT_FOUND = 'ORGANISATION.NOT_FOUND: no such organisation in your organisations or region';

@ApiTags('alerts')
@Controller('organisations/:organisationId/alert-rules')
export class AlertRulesController {
  constructor(@Inject(AlertRulesService) private readonly rules: AlertRulesService) {}

  @Get()
  @Roles('ORGANISER', 'COACH', 'REGIONAL_MANAGER', 'ADMIN')
  @ApiOperation({ summary: 'The organisation’s time-based alert windows in days, and the defaults they override' })
  @ApiOkResponse({ type: AlertRulesView })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  read(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', EntityIdParam) organisationId: string,
  ): Promise<AlertRulesView> {
    return this.rules.read(principal, organisationId);
  }

  @Put()
  @Roles('ORGANISER', 'ADMIN')
  @ApiOperation({
    summary:
      'Set the organisation’s time-based alert windows (organisers of it, administrators); its participants are checked again',
  })
  @ApiOkResponse({ type: AlertRulesView })
  @ApiBadRequestResponse({
    description:
      'REQUEST.INVALID: a window missing or not whole days (endingWithinDays 7–180, evaluationWithinDays 1–90)',
  })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  save(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', EntityIdParam) organisationId: string,
    @Body() body: AlertRulesRequest,
  ): Promise<AlertRulesView> {
    return this.rules.save(principal, organisationId, {
      endingWithinDays: body.endingWithinDays,
      evaluationWithinDays: body.evaluationWithinDays,
    });
  }
}
