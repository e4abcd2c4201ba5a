import { Module } from '@nestjs/common';
import { ORGANISATION_DIRECTORY } from './application/organisation-directory';
import { MongoOrganisationDirectory } from './infrastructure/mongo-organisation-directory';
import { OrganisationsController } from './interface/organisations.controller';

@Module({
  controllers: [OrganisationsController],
  providers: [{ provide: ORGANISATION_DIRECTORY, useClass: MongoOrganisationDirectory }],
  exports: [ORGANISATION_DIRECTORY],
})
export class OrganisationsModule {}
