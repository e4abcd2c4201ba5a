import { Module } from '@nestjs/common';
import { ORGANISATION_DIRECTORY } from './application/organisation-directory';
import { REGION_DIRECTORY } from './application/region-directory';
import { MongoOrganisationDirectory } from './infrastructure/mongo-organisation-directory';
import { MongoRegionDirectory } from './infrastructure/mongo-region-directory';
import { OrganisationsController } from './interface/organisations.controller';
import { RegionsController } from './interface/regions.controller';

@Module({
  controllers: [OrganisationsController, RegionsController],
  providers: [
    { provide: ORGANISATION_DIRECTORY, useClass: MongoOrganisationDirectory },
    { provide: REGION_DIRECTORY, useClass: MongoRegionDirectory },
  ],
  exports: [ORGANISATION_DIRECTORY],
})
export class OrganisationsModule {}
