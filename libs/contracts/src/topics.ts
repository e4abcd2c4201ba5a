/** Every topic in one place; the version in a name changes only with a breaking change to the topic. */
export const TOPICS = {
  participants: 'stapsteen.participants.v1',
  trajectories: 'stapsteen.trajectories.v1',
  hours: 'stapsteen.hours.v1',
  coaching: 'stapsteen.coaching.v1',
  alerts: 'stapsteen.alerts.v1',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

/** Where a consumer parks a message it can never process, with the reason in a header, and moves on. */
export function deadLetterTopic<T extends string>(topic: T): `${T}.dlt` {
  return `${topic}.dlt`;
}

/** Every topic and its dead-letter topic, to create them all before any service starts. */
export const ALL_TOPICS: readonly string[] = Object.values(TOPICS).flatMap((topic) => [topic, deadLetterTopic(topic)]);
