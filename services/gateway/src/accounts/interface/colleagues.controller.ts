import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ACCESS_TOKEN_COOKIE, CurrentPrincipal, Principal } from '@stapsteen/auth';
import { IsEntityId } from '@stapsteen/contracts';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional } from 'class-validator';
import type { Request } from 'express';
import { ColleagueNamesService } from '../application/colleague-names.service';
import { MAX_NAME_IDS } from '../domain/colleague-names';
import { cookie } from './cookies';
import { COLLEAGUE_NAMES } from './tokens';

export class ColleagueNamesQuery {
  @ApiPropertyOptional({
    type: String,
    example: 'c4a1e2f0-0b6e-4a43-9d55-3f3a1c2b9e10,manager-kempen',
    description: `User ids, comma-separated, at most ${MAX_NAME_IDS}`,
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsArray()
  @ArrayMaxSize(MAX_NAME_IDS)
  @IsEntityId({ each: true })
  ids?: string[];
}

export class ColleagueNameView {
  @ApiProperty({ example: 'c4a1e2f0-0b6e-4a43-9d55-3f3a1c2b9e10' }) id!: string;
  @ApiProperty({ example: 'Els Peeters' }) displayName!: string;
}

export class ColleagueNamesView {
  @ApiProperty({ type: [ColleagueNameView] }) items!: ColleagueNameView[];
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

@ApiTags('people')
@Controller('api/people')
export class ColleaguesController {
  constructor(@Inject(COLLEAGUE_NAMES) private readonly names: ColleagueNamesService) {}

  @Get('names')
  @ApiOperation({
    summary: 'Display names of colleagues by user id (a participant’s coach, who changed an alert)',
    description:
      'Only the display name, and only of users in the caller’s scope: themself, users of an organisation the ' +
      'caller may see (flow-through’s directory decides, with the caller’s token), and the regional managers of ' +
      'those organisations’ regions; administrators see every name. Any other id is left out of the answer, as an ' +
      'id that does not exist.',
  })
  @ApiOkResponse({ type: ColleagueNamesView })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ColleagueNamesQuery,
    @Req() request: Request,
  ): Promise<ColleagueNamesView> {
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1] ?? cookie(request, ACCESS_TOKEN_COOKIE) ?? '';
    const items = await this.names.namesOf(
      {
        userId: principal.userId,
        role: principal.role,
        organisationIds: principal.organisationIds,
        regionId: principal.regionId,
      },
      token,
      query.ids ?? [],
    );
    return { items };
  }
}
