import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@stapsteen/auth';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CatalogueService } from '../application/catalogue-service';
import { DEFAULT_TARGET_LEVEL, ESCO_GROUPS, EscoGroup, MAX_LEVEL, MIN_LEVEL } from '../domain/catalogue';
import { IsOmittable, EntityIdParam, IsQueryInteger } from '@stapsteen/service-kit';
import { IsEntityId } from '@stapsteen/contracts';

export const COMPETENCY_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;

class CompetencyDto {
  @ApiProperty({ example: 'STIPTHEID', description: 'Upper-case code, stable across versions' })
  @Matches(COMPETENCY_CODE, { message: 'code must be an upper-case competency code' })
  code!: string;

  @ApiProperty({ example: 'Stiptheid en aanwezigheid' })
  @IsString()
  @Length(1, 80)
  nameNl!: string;

  @ApiProperty({ example: 'Punctuality and attendance' })
  @IsString()
  @Length(1, 80)
  nameEn!: string;

  @ApiPropertyOptional({
    example: 'Is op tijd, verwittigt bij afwezigheid.',
    description: 'Left out: none (never null)',
  })
  @IsOmittable()
  @IsString()
  @Length(0, 500)
  definition?: string;

  @ApiProperty({ enum: ESCO_GROUPS, example: 'T3' })
  @IsIn(ESCO_GROUPS)
  escoGroup!: EscoGroup;
}

class EditCatalogueRequest {
  @ApiPropertyOptional({ example: DEFAULT_TARGET_LEVEL, minimum: MIN_LEVEL, maximum: MAX_LEVEL })
  @IsOmittable()
  @IsInt()
  @Min(MIN_LEVEL)
  @Max(MAX_LEVEL)
  targetLevel?: number;

  @ApiProperty({
    type: [CompetencyDto],
    example: [
      { code: 'STIPTHEID', nameNl: 'Stiptheid en aanwezigheid', nameEn: 'Punctuality and attendance', escoGroup: 'T3' },
      { code: 'SAMENWERKEN', nameNl: 'Samenwerken', nameEn: 'Teamwork', escoGroup: 'T4' },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CompetencyDto)
  competencies!: CompetencyDto[];
}

const CATALOGUE_EXAMPLE = {
  organisationId: 'org-neteland',
  version: 2,
  targetLevel: 3,
  scale: [
    { level: 1, nl: 'nog niet', en: 'not yet' },
    { level: 2, nl: 'gedeeltelijk', en: 'partly' },
    { level: 3, nl: 'grotendeels', en: 'mostly' },
    { level: 4, nl: 'volledig', en: 'fully' },
  ],
  competencies: [
    {
      code: 'STIPTHEID',
      nameNl: 'Stiptheid en aanwezigheid',
      nameEn: 'Punctuality and attendance',
      definition: 'Is op tijd, verwittigt bij afwezigheid.',
      escoGroup: 'T3',
    },
  ],
  editedBy: 'admin-1',
  editedAt: '2026-04-01T08:00:00.000Z',
};

/** A DTO, not `@Param('version', …)`: the global pipe turns a `number` parameter's text into a number with `+value` (`0x1`, ` 1`) before a parameter's own pipe sees it. */
export class CatalogueVersionPath {
  @ApiProperty({ example: 'org-neteland' })
  @IsEntityId()
  organisationId!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 2 })
  @IsQueryInteger({ min: 1 })
  version!: number;
}

@ApiTags('competencies')
@Controller('organisations/:organisationId/catalogue')
export class CatalogueController {
  constructor(@Inject(CatalogueService) private readonly catalogues: CatalogueService) {}

  @Get()
  @ApiOperation({ summary: 'The organisation’s current competency catalogue, rating scale and target level' })
  @ApiOkResponse({ schema: { example: CATALOGUE_EXAMPLE } })
  current(@CurrentPrincipal() principal: Principal, @Param('organisationId', EntityIdParam) organisationId: string) {
    return this.catalogues.read(principal, organisationId);
  }

  @Get('versions/:version')
  @ApiOperation({ summary: 'An earlier version of the catalogue, as old assessments were made with it' })
  @ApiOkResponse({ schema: { example: CATALOGUE_EXAMPLE } })
  version(@CurrentPrincipal() principal: Principal, @Param() { organisationId, version }: CatalogueVersionPath) {
    return this.catalogues.read(principal, organisationId, version);
  }

  @Put()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Replace the organisation’s catalogue (administrators); the edit becomes a new version' })
  @ApiOkResponse({ schema: { example: CATALOGUE_EXAMPLE } })
  edit(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', EntityIdParam) organisationId: string,
    @Body() body: EditCatalogueRequest,
  ) {
    return this.catalogues.edit(
      principal,
      organisationId,
      body.targetLevel ?? DEFAULT_TARGET_LEVEL,
      body.competencies.map((competency) => ({ ...competency, definition: competency.definition ?? '' })),
    );
  }
}
