/** Every topic in one place; the version in the name changes only with a breaking change. */
export const TOPICS = {
  participants: 'stapsteen.participants.v1',
  trajectories: 'stapsteen.trajectories.v1',
  hours: 'stapsteen.hours.v1',
  coaching: 'stapsteen.coaching.v1',
  alerts: 'stapsteen.alerts.v1',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

/** Where a consumer parks a message it can never process, with the reason in a header. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlt`;
}

export const ALL_TOPICS: string[] = Object.values(TOPICS).flatMap((topic) => [topic, deadLetterTopic(topic)]);
