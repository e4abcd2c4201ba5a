import { Logger } from '@nestjs/common';
import { KafkaOptions, Transport } from '@nestjs/microservices';
import { KafkaConfig, LogEntry, Partitioners, logLevel } from 'kafkajs';

export interface KafkaConnection {
  brokers: string;
  clientId: string;
  /** One consumer group per service, so each service sees every event once. */
  groupId: string;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  maxWaitTimeMs?: number;
}

export function kafkaClientConfig(connection: Pick<KafkaConnection, 'brokers' | 'clientId'>): KafkaConfig {
  return {
    clientId: connection.clientId,
    brokers: connection.brokers.split(',').map((b) => b.trim()),
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator,
    retry: { initialRetryTime: 200, retries: 10 },
  };
}

/** The @nestjs/microservices Kafka transport through which each service consumes events. */
export function kafkaMicroserviceOptions(connection: KafkaConnection): KafkaOptions {
  return {
    transport: Transport.KAFKA,
    options: {
      client: kafkaClientConfig(connection),
      consumer: {
        groupId: connection.groupId,
        sessionTimeout: connection.sessionTimeoutMs ?? 10000,
        heartbeatInterval: connection.heartbeatIntervalMs ?? 1000,
        maxWaitTimeInMs: connection.maxWaitTimeMs ?? 200,
        allowAutoTopicCreation: false,
      },
      producer: { createPartitioner: Partitioners.DefaultPartitioner },
      subscribe: { fromBeginning: true },
      // Partitions are processed side by side; order holds within a partition, i.e. per participant.
      run: { partitionsConsumedConcurrently: 3 },
      // Our group ids are chosen deliberately; Nest would otherwise append "-server".
      postfixId: '',
      // Producing goes through the outbox relay's own producer, not this transport.
      producerOnlyMode: false,
    },
  };
}

/**
 * kafkajs logs at ERROR what it then retries (a coordinator still loading, a topic that exists);
 * such lines go to our JSON log as warnings, where the failures that matter surface as exceptions.
 */
function kafkaLogCreator() {
  const logger = new Logger('kafkajs');
  return ({ namespace, log }: LogEntry) => {
    const { message, ...details } = log;
    logger.warn({ namespace, ...details }, message);
  };
}
