import { renderLandingPage } from './landing.page';
import { DownstreamService, probe } from './service-status';

const hours: DownstreamService = { name: 'hours', label: 'Uren', url: 'http://hours.test' };

function answering(status: number, body: unknown): typeof fetch {
  return (async () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) as typeof fetch;
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
    expect(await probe(hours, refusing)).toMatchObject({ status: 'down', detail: 'niet bereikbaar' });
  });

  it('says in Dutch whether all services work, and shows each one', () => {
    const checkedAt = new Date().toISOString();
    const html = renderLandingPage([
      { name: 'hours', label: 'Uren', status: 'up', detail: 'klaar', checkedAt },
      { name: 'coaching', label: 'Coaching <beta>', status: 'down', detail: 'niet bereikbaar', checkedAt },
    ]);
    expect(html).toContain('lang="nl-BE"');
    expect(html).toContain('Niet alle diensten werken.');
    expect(html).toContain('data-service="coaching" data-status="down"');
    expect(html).toContain('Coaching &lt;beta&gt;');
  });
});
