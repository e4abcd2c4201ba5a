import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@stapsteen/auth';
import { renderLandingPage } from './landing.page';
import { DownstreamService, ServiceStatus, probe } from './service-status';

export const DOWNSTREAM_SERVICES = Symbol('DOWNSTREAM_SERVICES');

@ApiTags('status')
@Public()
@Controller()
export class LandingController {
  constructor(@Inject(DOWNSTREAM_SERVICES) private readonly services: DownstreamService[]) {}

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
  @ApiOkResponse({ description: 'Readiness of every service behind the gateway' })
  async statuses(): Promise<ServiceStatus[]> {
    return Promise.all(this.services.map((service) => probe(service)));
  }
}
