import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule, kafkaConnection } from '@stapsteen/service-kit';
import { AlertsModule, alertsKafkaConnection } from './alerts/alerts.module';
import { PARTICIPANT_ALERTS_COLLECTION } from './alerts/infrastructure/mongo-alert-repository';
import { FlowThroughConfig } from './config/flow-through.config';
import { KpisModule } from './kpis/kpis.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { PARTICIPANTS_COLLECTION } from './participants/infrastructure/mongo-participant-repository';
import { ParticipantsModule } from './participants/participants.module';

export const FLOW_THROUGH_SERVICE = {
  service: 'flow-through',
  title: 'Stapsteen flow-through service',
  description: 'Participants, trajectories, outflow with ESF+ follow-up, manager alerts and KPIs.',
  outboxCollections: [PARTICIPANTS_COLLECTION, PARTICIPANT_ALERTS_COLLECTION],
};

@Module({})
export class AppModule {
  static register(config: FlowThroughConfig, overrides: { kafkaGroupId?: string } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({
          ...FLOW_THROUGH_SERVICE,
          config,
          kafkaGroupId: overrides.kafkaGroupId,
          // Participant and alert writes are version-claimed (ADR 18), so the relay's removal of their events is too.
          claimedCollections: [PARTICIPANTS_COLLECTION, PARTICIPANT_ALERTS_COLLECTION],
        }),
        alertsKafkaConnection(
          kafkaConnection({ ...FLOW_THROUGH_SERVICE, config, kafkaGroupId: overrides.kafkaGroupId }),
        ),
        OrganisationsModule,
        ParticipantsModule,
        AlertsModule,
        KpisModule,
      ],
    };
  }
}

/** How tests boot this service: the same module and bootstrap as production. */
export const FLOW_THROUGH_SERVICE_FOR_TESTS = {
  meta: FLOW_THROUGH_SERVICE,
  config: FlowThroughConfig,
  module: (config: FlowThroughConfig, overrides: { kafkaGroupId: string }) => AppModule.register(config, overrides),
};
