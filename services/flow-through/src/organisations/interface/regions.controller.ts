import { Body, Controller, Get, HttpCode, Inject, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@stapsteen/auth';
import { REGION_DIRECTORY, RegionDirectory } from '../application/region-directory';
import type { Region } from '../domain/region';
import { SaveRegionRequest } from './region.dto';

@ApiTags('organisations')
@Controller('regions')
export class RegionsController {
  constructor(@Inject(REGION_DIRECTORY) private readonly regions: RegionDirectory) {}

  @Get()
  @ApiOperation({
    summary: 'Every region with its name (names only, for every signed-in user: screens show names, not ids)',
  })
  @ApiOkResponse({ type: [SaveRegionRequest] })
  list(): Promise<Region[]> {
    return this.regions.list();
  }

  @Put()
  @HttpCode(200)
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Name a region, or rename it (administrators only)' })
  @ApiOkResponse({ type: SaveRegionRequest })
  async save(@Body() body: SaveRegionRequest): Promise<Region> {
    const region: Region = { id: body.id, name: body.name.trim() };
    await this.regions.save(region);
    return region;
  }
}
