import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@stapsteen/auth';
import { HoursQueries } from '../application/hours-queries';
import { PrestationCommands } from '../application/prestation-commands';
import {
  CorrectPrestationRequest,
  DeletePrestationRequest,
  PrestationPath,
  RecordPrestationRequest,
  YearQuery,
} from './prestation.dto';
import { CalendarMonthParam, EntityIdParam, UuidParam } from '@stapsteen/service-kit';

const PRESTATION = 'participants/:participantId/years/:year/prestations/:prestationId';

@ApiTags('prestations')
@Controller()
export class PrestationsController {
  constructor(
    @Inject(PrestationCommands) private readonly commands: PrestationCommands,
    @Inject(HoursQueries) private readonly queries: HoursQueries,
  ) {}

  @Post('prestations')
  @Roles('ORGANISER', 'ADMIN')
  @ApiOperation({
    summary:
      'Register a prestation; refused whole when it would pass the 60 h/month or 630 h/year cap, or the daily maximum of the participant’s minutes on that day (12 h unless configured; HOURS.DAY_LIMIT_EXCEEDED says the minutes left)',
  })
  @ApiUnprocessableEntityResponse({
    description: 'A cap, the daily maximum or another rule refuses it',
    schema: {
      example: {
        type: 'https://stapsteen.be/problems/hours-monthly-cap-exceeded',
        title: 'Refused by a business rule',
        status: 422,
        code: 'HOURS.MONTHLY_CAP_EXCEEDED',
        detail: 'This would bring 2026-11 to 61 counted hours; the cap is 60 and 60 are already counted, so 0 remain.',
        cap: 60,
        month: '2026-11',
        alreadyCounted: 60,
        requested: 1,
        stillAllowed: 0,
      },
    },
  })
  record(@CurrentPrincipal() principal: Principal, @Body() body: RecordPrestationRequest) {
    return this.commands.record(principal, body);
  }

  @Put(PRESTATION)
  @Roles('ORGANISER', 'ADMIN')
  @ApiOperation({
    summary:
      'Correct a prestation, with a reason; the earlier version stays in its history. The correction is late when the month the prestation leaves or the month it enters is closed',
  })
  correct(
    @CurrentPrincipal() principal: Principal,
    @Param() where: PrestationPath,
    @Body() body: CorrectPrestationRequest,
  ) {
    return this.commands.correct(principal, where, body);
  }

  @Delete(PRESTATION)
  @HttpCode(200)
  @Roles('ORGANISER', 'ADMIN')
  @ApiOperation({
    summary:
      'Delete a prestation, with a reason; it stays visible in the history, and the deletion is late when its month is closed',
  })
  delete(
    @CurrentPrincipal() principal: Principal,
    @Param() where: PrestationPath,
    @Body() body: DeletePrestationRequest,
  ) {
    return this.commands.delete(principal, where, body.reason);
  }

  @Get(PRESTATION)
  @ApiOperation({ summary: 'A prestation with its full history of corrections (who, when, before, after)' })
  history(@CurrentPrincipal() principal: Principal, @Param() where: PrestationPath) {
    return this.commands.history(principal, where);
  }

  @Get('participants/:id/hours')
  @ApiOperation({ summary: 'One participant’s year: counted hours, what remains and the allowance per month' })
  participantYear(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Query() query: YearQuery,
  ) {
    return this.queries.participantYear(principal, id, query.year);
  }

  @Get('organisations/:organisationId/months/:month')
  @ApiOperation({ summary: 'The month grid: every participant active that month with counted and remaining hours' })
  @ApiParam({ name: 'month', example: '2026-11' })
  @ApiOkResponse({ description: 'One row per participant' })
  @ApiNotFoundResponse({ description: 'HOURS.ORGANISATION_NOT_FOUND: not one of your organisations or of your region' })
  grid(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', EntityIdParam) organisationId: string,
    @Param('month', CalendarMonthParam) month: string,
  ) {
    return this.queries.monthGrid(principal, organisationId, month);
  }
}
