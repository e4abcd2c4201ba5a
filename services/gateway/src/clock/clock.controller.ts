import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@stapsteen/auth';
import { brusselsDateOf, clockFromEnvironment } from '@stapsteen/calendar';

export interface ServerTime {
  /** The services' current instant, ISO 8601. */
  now: string;
  /** The services' today in Brussels, YYYY-MM-DD. */
  today: string;
}

/**
 * The web app takes "today" from here rather than from the browser, so that the month it opens,
 * the months it offers to close and the days it calls late agree with the services — also when a
 * demo or a test moves the services' day with STAPSTEEN_TODAY, or a user's computer clock is wrong.
 */
@ApiTags('status')
@Public()
@Controller('api/clock')
export class ClockController {
  private readonly clock = clockFromEnvironment();

  @Get()
  @ApiOkResponse({ description: "The services' current instant and today's Brussels date" })
  time(): ServerTime {
    const now = this.clock.now();
    return { now: now.toISOString(), today: brusselsDateOf(now) };
  }
}
