import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class SaveRegionRequest {
  @ApiProperty({ example: 'region-kempen', description: 'Stable identifier: lower case, digits and dashes' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'id must be 2 to 63 lower-case letters, digits or dashes' })
  id!: string;

  @ApiProperty({ example: 'Kempen', description: 'The name managers and organisers see' })
  @IsString()
  @Length(2, 80)
  name!: string;
}
