import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@stapsteen/auth';
import { renderLandingPage } from './landing.page';
import { DownstreamService, ServiceStatus, probe } from './service-status';
import { StatusRound } from './status-round';

export const DOWNSTREAM_SERVICES = Symbol('DOWNSTREAM_SERVICES');

/** How long one round of asking the services serves the public status page and API. */
const STATUS_FRESH_MS = 5000;

@ApiTags('status')
@Public()
@Controller()
export class LandingController {
  private readonly round: StatusRound<ServiceStatus[]>;

  constructor(@Inject(DOWNSTREAM_SERVICES) services: DownstreamService[]) {
    this.round = new StatusRound(() => Promise.all(services.map((service) => probe(service))), STATUS_FRESH_MS);
  }

  /** `/status` always; `/` too when no built web app is there (the web app takes `/` otherwise). */
  @Get(['', 'status'])
  @ApiExcludeEndpoint()
  @Header('Content-Type', 'text/html; charset=utf-8')
  // The status page carries its own inline <style>; no script at all.
  @Header(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
  )
  async page(): Promise<string> {
    return renderLandingPage(await this.statuses());
  }

  @Get('api/status')
  @ApiOkResponse({
    description: 'Readiness of every service behind the gateway, as asked at most 5 seconds ago (`checkedAt`)',
  })
  async statuses(): Promise<ServiceStatus[]> {
    return this.round.get();
  }
}
