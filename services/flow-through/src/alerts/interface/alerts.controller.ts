import { Body, Controller, Get, HttpCode, Inject, MessageEvent, Param, Post, Query, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles, canAccess } from '@stapsteen/auth';
import { Observable, filter, map } from 'rxjs';
import { CLOCK, Clock } from '../../shared/clock';
import { AlertFeed } from '../application/alert-feed';
import { AlertQueries, toReadModel } from '../application/alert-queries';
import { ManageAlertHandler } from '../application/manage-alert';
import {
  AlertPage,
  AlertParams,
  AlertView,
  ListAlertsQuery,
  ResolveAlertRequest,
  SnoozeAlertRequest,
} from './alert.dto';

/**
 * The alert inbox of regional managers (their region) and organisation staff (their
 * organisations). Out of scope answers 404, as if the alert did not exist.
 */
@ApiTags('alerts')
@Controller('alerts')
@Roles('REGIONAL_MANAGER', 'ORGANISER', 'COACH', 'ADMIN')
export class AlertsController {
  constructor(
    private readonly queries: AlertQueries,
    private readonly manage: ManageAlertHandler,
    private readonly feed: AlertFeed,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The alerts the caller may see, one page with the total: every unresolved alert unless a status is asked, ' +
      'filtered by kind, severity, organisation and age, newest first unless sorted otherwise',
  })
  @ApiOkResponse({ type: AlertPage })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListAlertsQuery): Promise<AlertPage> {
    return this.queries.list(principal, { ...query, statuses: query.status });
  }

  @Sse('stream')
  @ApiOperation({
    summary: 'Live changes to the alerts the caller may see (server-sent events: RAISED, UPDATED, …, RESOLVED)',
  })
  @ApiProduces('text/event-stream')
  stream(@CurrentPrincipal() principal: Principal): Observable<MessageEvent> {
    return this.feed.changes.pipe(
      filter((change) => canAccess(principal, change)),
      map((change) => ({
        id: `${change.alert.id}:${change.alert.history.length}`,
        type: change.type,
        data: toReadModel(change, change.alert, this.clock.now(), this.clock.today()),
      })),
    );
  }

  @Get(':participantId/:kind')
  @ApiOperation({ summary: "A participant's alert of one kind (the open one, otherwise the latest), with its history" })
  @ApiOkResponse({ type: AlertView })
  async get(@CurrentPrincipal() principal: Principal, @Param() params: AlertParams): Promise<AlertView> {
    return this.queries.get(principal, params.participantId, params.kind);
  }

  @Post(':participantId/:kind/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take up an open (or snoozed) alert' })
  @ApiOkResponse({ type: AlertView })
  async acknowledge(@CurrentPrincipal() principal: Principal, @Param() params: AlertParams): Promise<AlertView> {
    return this.manage.acknowledge(principal, params.participantId, params.kind);
  }

  @Post(':participantId/:kind/snooze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Keep an alert quiet until a date, with a reason' })
  @ApiOkResponse({ type: AlertView })
  async snooze(
    @CurrentPrincipal() principal: Principal,
    @Param() params: AlertParams,
    @Body() body: SnoozeAlertRequest,
  ): Promise<AlertView> {
    return this.manage.snooze(principal, params.participantId, params.kind, body);
  }

  @Post(':participantId/:kind/resolve')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Close an alert by hand with a reason (resolution MANUAL; the reason is kept in its history); ' +
      'a new report of its cause opens a new one',
  })
  @ApiOkResponse({ type: AlertView })
  async resolve(
    @CurrentPrincipal() principal: Principal,
    @Param() params: AlertParams,
    @Body() body: ResolveAlertRequest,
  ): Promise<AlertView> {
    return this.manage.resolve(principal, params.participantId, params.kind, body.reason);
  }

  @Post(':participantId/:kind/reopen')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Undo a manual resolution within 24 hours, while no newer alert of that kind was raised: the alert is open ' +
      'again (ALERT.NOT_REOPENABLE for one its cause resolved, ALERT.REOPEN_WINDOW_PASSED after the window)',
  })
  @ApiOkResponse({ type: AlertView })
  async reopen(@CurrentPrincipal() principal: Principal, @Param() params: AlertParams): Promise<AlertView> {
    return this.manage.reopen(principal, params.participantId, params.kind);
  }
}
