import { ALL_TOPICS, TOPICS, deadLetterTopic } from './topics';

describe('topics', () => {
  it('names every topic under stapsteen with a version', () => {
    for (const topic of Object.values(TOPICS)) expect(topic).toMatch(/^stapsteen\.[a-z-]+\.v\d+$/);
  });

  it('puts dead letters on the topic name with .dlt appended', () => {
    expect(deadLetterTopic(TOPICS.hours)).toBe('stapsteen.hours.v1.dlt');
  });

  it('lists every topic and its dead-letter topic once for pre-creation', () => {
    const expected = Object.values(TOPICS).flatMap((topic) => [topic, `${topic}.dlt`]);
    expect([...ALL_TOPICS].sort()).toEqual(expected.sort());
    expect(new Set(ALL_TOPICS).size).toBe(ALL_TOPICS.length);
  });
});
