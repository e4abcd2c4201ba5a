import type { Producer } from 'kafkajs';
import type { DeadLetter, DeadLetterPublisher } from '../consumer/event-consumer';

export class KafkaDeadLetterPublisher implements DeadLetterPublisher {
  constructor(private readonly producer: Producer) {}

  async publish(letter: DeadLetter): Promise<void> {
    await this.producer.send({
      topic: letter.topic,
      acks: -1,
      messages: [{ key: letter.key, value: letter.value, headers: letter.headers }],
    });
  }
}
