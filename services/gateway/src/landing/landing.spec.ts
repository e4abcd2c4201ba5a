import { renderLandingPage } from './landing.page';
import { DownstreamService, probe } from './service-status';

const hours: DownstreamService = { name: 'hours', label: 'Uren', url: 'http://hours.test' };

const EXPOSITION = `# HELP stapsteen_dead_letters_total Consumed messages sent to their dead-letter topic, by original topic and cause
# TYPE stapsteen_dead_letters_total counter
stapsteen_dead_letters_total{topic="stapsteen.participants.v1",cause="retries-exhausted"} 2
stapsteen_dead_letters_total{topic="stapsteen.trajectories.v1",cause="invalid"} 1
# HELP stapsteen_consumer_retries_total Retries
# TYPE stapsteen_consumer_retries_total counter
stapsteen_consumer_retries_total{topic="stapsteen.participants.v1"} 14
`;

/** A service that answers readiness with `status`/`body` and its metrics with `metrics` (null: 404). */
function answering(status: number, body: unknown, metrics: string | null = EXPOSITION): typeof fetch {
  return (async (url: string) => {
    if (String(url).endsWith('/metrics')) {
      return metrics === null ? new Response('', { status: 404 }) : new Response(metrics, { status: 200 });
    }
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

describe('the gateway landing page', () => {
  it('reports a service up when its readiness check says ok', async () => {
    const status = await probe(hours, answering(200, { status: 'ok' }));
    expect(status).toMatchObject({ name: 'hours', status: 'up', detail: 'klaar' });
  });

  it('names the failing dependency when a service is not ready', async () => {
    const status = await probe(hours, answering(503, { status: 'error', error: { kafka: { status: 'down' } } }));
    expect(status).toMatchObject({ status: 'down', detail: 'niet klaar: kafka' });
  });

  it('reports a service that cannot be reached as down', async () => {
    const refusing = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    expect(await probe(hours, refusing)).toMatchObject({
      status: 'down',
      detail: 'niet bereikbaar',
      deadLetters: null,
    });
  });

  it("counts a service's dead letters over every topic and cause from its metrics", async () => {
    expect((await probe(hours, answering(200, { status: 'ok' }))).deadLetters).toBe(3);
  });

  it('shows 0 dead letters for a consumer that never dead-lettered, and unknown without metrics', async () => {
    const none = '# HELP stapsteen_dead_letters_total x\n# TYPE stapsteen_dead_letters_total counter\n';
    expect((await probe(hours, answering(200, { status: 'ok' }, none))).deadLetters).toBe(0);
    expect((await probe(hours, answering(200, { status: 'ok' }, null))).deadLetters).toBeNull();
  });

  it('says in Dutch whether all services work, and shows each one with its dead letters', () => {
    const checkedAt = new Date().toISOString();
    const html = renderLandingPage([
      { name: 'hours', label: 'Uren', status: 'up', detail: 'klaar', deadLetters: 3, checkedAt },
      {
        name: 'coaching',
        label: 'Coaching <beta>',
        status: 'down',
        detail: 'niet bereikbaar',
        deadLetters: null,
        checkedAt,
      },
    ]);
    expect(html).toContain('lang="nl-BE"');
    expect(html).toContain('Niet alle diensten werken. 3 berichten konden niet verwerkt worden.');
    expect(html).toContain('data-service="coaching" data-status="down"');
    expect(html).toContain('Coaching &lt;beta&gt;');
    expect(html).toContain('data-dead-letters="3">3 berichten</td>');
    expect(html).toContain('data-dead-letters="">onbekend</td>');
  });

  it('says nothing about dead letters when there are none', () => {
    const checkedAt = new Date().toISOString();
    const html = renderLandingPage([
      { name: 'hours', label: 'Uren', status: 'up', detail: 'klaar', deadLetters: 0, checkedAt },
    ]);
    expect(html).toContain('<p class="summary" role="status">Alle diensten werken.</p>');
    expect(html).toContain('data-dead-letters="0">0 berichten</td>');
  });
});
