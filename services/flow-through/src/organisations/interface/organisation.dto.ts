import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { ORGANISATION_KINDS, OrganisationKind } from '../domain/organisation';

const ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

export class SaveOrganisationRequest {
  @ApiProperty({ example: 'org-neteland', description: 'Stable identifier: lower case, digits and dashes' })
  @Matches(ID, { message: 'id must be 2 to 63 lower-case letters, digits or dashes' })
  id!: string;

  @ApiProperty({ example: 'Wijk-werken Neteland' })
  @IsString()
  @Length(2, 120)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS, example: 'WIJK_WERK' })
  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;

  @ApiProperty({ example: 'region-kempen' })
  @Matches(ID, { message: 'regionId must be 2 to 63 lower-case letters, digits or dashes' })
  regionId!: string;
}
