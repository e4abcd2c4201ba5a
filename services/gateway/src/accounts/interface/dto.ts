import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '@stapsteen/auth';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsEntityId } from '@stapsteen/contracts';
import { IsOmittable, IsPersonName } from '@stapsteen/service-kit';

export class CredentialsDto {
  @ApiProperty({ example: 'an.peeters@neteland.be' })
  @IsString()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MaxLength(128)
  password!: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'an.peeters@neteland.be' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'An Peeters', maxLength: 120 })
  @IsString()
  @IsPersonName(120)
  displayName!: string;

  @ApiPropertyOptional({
    example: 'correct horse battery staple',
    minLength: 12,
    maxLength: 128,
    description:
      'Leave out (the web app does): the answer then holds a one-time invitation link with which the user sets ' +
      'their own password. Given, the user is created with this password (seed scripts, tests).',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(128)
  password?: string;

  @ApiProperty({ enum: ROLES, example: 'ORGANISER' })
  @IsIn(ROLES)
  role!: Role;

  @ApiProperty({ example: ['org-neteland'], type: [String] })
  @IsArray()
  @ArrayMaxSize(100)
  @IsEntityId({ each: true })
  organisationIds!: string[];

  @ApiPropertyOptional({ type: String, example: 'region-kempen', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsEntityId()
  regionId!: string | null;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'An Peeters-Janssens' })
  @IsOmittable()
  @IsString()
  @IsPersonName(120)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, example: 'COACH' })
  @IsOmittable()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ example: ['org-neteland', 'org-herentals'], type: [String] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @IsEntityId({ each: true })
  organisationIds?: string[];

  @ApiPropertyOptional({ type: String, example: 'region-kempen', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsEntityId()
  regionId?: string | null;

  @ApiPropertyOptional({ example: false, description: 'false blocks sign-in and refresh' })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

export class SetPasswordDto {
  @ApiProperty({ example: 'another long passphrase', minLength: 12, maxLength: 128 })
  @IsString()
  @MaxLength(128)
  password!: string;
}

export class UserView {
  @ApiProperty({ example: '5d0c1c7e-8f43-4c8e-9a55-2a8f5f0e7b11' }) id!: string;
  @ApiProperty({ example: 'an.peeters@neteland.be' }) email!: string;
  @ApiProperty({ example: 'An Peeters' }) displayName!: string;
  @ApiProperty({ enum: ROLES, example: 'ORGANISER' }) role!: Role;
  @ApiProperty({ example: ['org-neteland'], type: [String] }) organisationIds!: string[];
  @ApiProperty({ example: 'region-kempen', nullable: true, type: String }) regionId!: string | null;
  @ApiProperty({ example: true }) active!: boolean;
}

export class AdminUserView extends UserView {
  @ApiProperty({ example: true, description: 'false while an invited user has not set a password yet' })
  passwordSet!: boolean;
}

export class PasswordLinkView {
  @ApiProperty({ enum: ['INVITATION', 'RESET'], example: 'INVITATION' }) kind!: 'INVITATION' | 'RESET';
  @ApiProperty({
    example: '/wachtwoord-instellen?token=9mZ1yq3G0d6Jx1Qe2fD4a8Hn5TrVw7Kc0bLp3sUu6Yo',
    description: 'Path of the one-time link on this site; shown once, the token is stored only as a hash',
  })
  path!: string;

  @ApiProperty({ example: '2026-12-08T18:00:00.000Z' }) expiresAt!: string;
}

export class CreatedUserView extends UserView {
  @ApiPropertyOptional({ type: PasswordLinkView, description: 'Only when created without a password' })
  invitation?: PasswordLinkView;
}

export class UsePasswordLinkDto {
  @ApiProperty({ example: '9mZ1yq3G0d6Jx1Qe2fD4a8Hn5TrVw7Kc0bLp3sUu6Yo' })
  @IsString()
  @MaxLength(200)
  token!: string;

  @ApiProperty({ example: 'another long passphrase', minLength: 12, maxLength: 128 })
  @IsString()
  @MaxLength(128)
  password!: string;
}

export class SignedInView {
  @ApiProperty({ type: UserView }) user!: UserView;
}

export class AccessTokenView {
  @ApiProperty({ example: 'eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9…' }) accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ example: 900, description: 'seconds' }) expiresIn!: number;
}
