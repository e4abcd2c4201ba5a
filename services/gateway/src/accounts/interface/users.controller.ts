import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Put, UseFilters } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Roles } from '@stapsteen/auth';
import { AccountsService } from '../application/accounts.service';
import { AccountErrorFilter } from './account-error.filter';
import { CreateUserDto, SetPasswordDto, UpdateUserDto, UserView } from './dto';
import { ACCOUNTS } from './tokens';
import { EntityIdParam } from '@stapsteen/service-kit';

@ApiTags('admin')
@UseFilters(AccountErrorFilter)
@Roles('ADMIN')
@ApiForbiddenResponse({ description: 'AUTH.ROLE_FORBIDDEN for anyone but an ADMIN' })
@Controller('api/admin/users')
export class UsersController {
  constructor(@Inject(ACCOUNTS) private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({ summary: 'All users' })
  @ApiOkResponse({ type: [UserView] })
  list(): Promise<UserView[]> {
    return this.accounts.listUsers();
  }

  @Post()
  @ApiOperation({ summary: 'Create a user' })
  @ApiCreatedResponse({ type: UserView })
  @ApiConflictResponse({ description: 'GATEWAY.USER_EXISTS' })
  @ApiUnprocessableEntityResponse({ description: 'GATEWAY.PASSWORD_TOO_SHORT, GATEWAY.MANAGER_WITHOUT_REGION, …' })
  create(@Body() body: CreateUserDto): Promise<UserView> {
    return this.accounts.createUser({ ...body, regionId: body.regionId ?? null });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, role, scope or active flag' })
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ description: 'GATEWAY.USER_NOT_FOUND' })
  update(@Param('id', EntityIdParam) id: string, @Body() body: UpdateUserDto): Promise<UserView> {
    return this.accounts.updateUser(id, body);
  }

  @Put(':id/password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password' })
  @ApiNotFoundResponse({ description: 'GATEWAY.USER_NOT_FOUND' })
  async setPassword(@Param('id', EntityIdParam) id: string, @Body() body: SetPasswordDto): Promise<void> {
    await this.accounts.setPassword(id, body.password);
  }
}
