import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@stapsteen/auth';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { BarrierService } from '../application/record-barriers';
import { BARRIER_CODES, BarrierCode } from '../domain/barriers';
import { IsCalendarMonth } from '@stapsteen/contracts';
import { CalendarMonthParam, UuidParam } from '@stapsteen/service-kit';

class RecordBarriersRequest {
  @ApiProperty({ enum: BARRIER_CODES, isArray: true, example: ['MOBILITY', 'CARE_DUTIES'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BARRIER_CODES.length)
  @IsIn(BARRIER_CODES, { each: true })
  barriers!: BarrierCode[];

  @ApiPropertyOptional({ example: 'Geen vervoer naar de landbouwbedrijven', description: 'Required with OTHER' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  otherDescription?: string;
}

/** What `GET participants/:id/months/:month/barriers` answers. */
class BarrierRecordView {
  @ApiProperty({ format: 'uuid' }) participantId!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty() regionId!: string;
  @ApiProperty({ example: '2026-10' }) month!: string;
  @ApiProperty({ enum: BARRIER_CODES, isArray: true, example: ['MOBILITY', 'CARE_DUTIES'] }) barriers!: BarrierCode[];
  @ApiProperty({ type: String, nullable: true, description: 'Only with OTHER' }) otherDescription!: string | null;
  @ApiProperty() recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

class BarrierReportQuery {
  @ApiProperty({ example: '2026-01' })
  @IsCalendarMonth()
  from!: string;

  @ApiProperty({ example: '2026-12' })
  @IsCalendarMonth()
  to!: string;
}

@ApiTags('barriers')
@Controller()
export class BarriersController {
  constructor(private readonly barriers: BarrierService) {}

  @Put('participants/:id/months/:month/barriers')
  @Roles('ORGANISER', 'COACH', 'ADMIN')
  @ApiParam({ name: 'month', example: '2026-10' })
  @ApiOperation({ summary: 'Record what kept a flagged participant’s hours low that month (drempels)' })
  record(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Param('month', CalendarMonthParam) month: string,
    @Body() body: RecordBarriersRequest,
  ) {
    return this.barriers.record(principal, id, month, body.barriers, body.otherDescription);
  }

  @Get('participants/:id/months/:month/barriers')
  @ApiOperation({ summary: 'The barriers recorded for a participant-month' })
  @ApiOkResponse({ type: BarrierRecordView })
  find(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Param('month', CalendarMonthParam) month: string,
  ) {
    return this.barriers.forParticipant(principal, id, month);
  }

  @Get('barriers/report')
  @ApiOperation({
    summary: 'Participants per barrier and organisation over a period, within your organisations or region',
  })
  report(@CurrentPrincipal() principal: Principal, @Query() query: BarrierReportQuery) {
    return this.barriers.report(principal, query.from, query.to);
  }
}
