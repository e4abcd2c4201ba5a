import type { ServiceStatus } from './service-status';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function deadLetterText(count: number | null): string {
  if (count === null) return 'onbekend';
  return count === 1 ? '1 bericht' : `${count} berichten`;
}

function deadLetterSummary(statuses: ServiceStatus[]): string {
  const total = statuses.reduce((sum, s) => sum + (s.deadLetters ?? 0), 0);
  if (total === 0) return '';
  return ` ${total === 1 ? '1 bericht kon' : `${total} berichten konden`} niet verwerkt worden.`;
}

/**
 * The gateway's start page until the web app arrives: which services answer. Server-rendered and
 * script-free, refreshing itself, so it works even when everything else is down.
 */
export function renderLandingPage(statuses: ServiceStatus[]): string {
  const allUp = statuses.every((s) => s.status === 'up');
  const rows = statuses
    .map(
      (s) => `<tr data-service="${escapeHtml(s.name)}" data-status="${s.status}">
        <th scope="row">${escapeHtml(s.label)}</th>
        <td><span class="badge ${s.status}">${s.status === 'up' ? 'Werkt' : 'Werkt niet'}</span></td>
        <td>${escapeHtml(s.detail)}</td>
        <td class="dead-letters${(s.deadLetters ?? 0) > 0 ? ' some' : ''}" data-dead-letters="${s.deadLetters ?? ''}">${deadLetterText(s.deadLetters)}</td>
      </tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="nl-BE">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="refresh" content="5">
  <title>Stapsteen — status van de diensten</title>
  <style>
    body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 48rem; padding: 0 1rem; color: #1b1b1b; }
    h1 { font-size: 1.6rem; margin-bottom: .25rem; }
    p.lead { margin-top: 0; color: #444; }
    table { width: 100%; border-collapse: collapse; margin-top: 1.5rem; }
    th, td { text-align: left; padding: .6rem .5rem; border-bottom: 1px solid #ddd; }
    .badge { padding: .15rem .6rem; border-radius: 1rem; font-weight: 600; }
    .badge.up { background: #dff3e4; color: #14532d; }
    .badge.down { background: #fde2e1; color: #7f1d1d; }
    .summary { font-weight: 600; }
    .dead-letters.some { color: #7f1d1d; font-weight: 600; }
  </style>
</head>
<body>
  <main>
    <h1>Stapsteen</h1>
    <p class="lead">Uren, coaching en doorstroom voor wijk-werken.</p>
    <p class="summary" role="status">${allUp ? 'Alle diensten werken.' : 'Niet alle diensten werken.'}${deadLetterSummary(statuses)}</p>
    <table>
      <caption class="visually-hidden">Status van de diensten</caption>
      <thead><tr><th scope="col">Dienst</th><th scope="col">Status</th><th scope="col">Details</th><th scope="col">Niet verwerkte berichten</th></tr></thead>
      <tbody>
${rows}
      </tbody>
    </table>
    <p><small>Deze pagina ververst elke 5 seconden. Niet verwerkte berichten: gebeurtenissen die een dienst
    sinds zijn start niet kon verwerken en naar de dead-letter-topic stuurde (metriek <code>stapsteen_dead_letters_total</code>). API-documentatie per dienst staat op <code>/docs</code>.</small></p>
  </main>
</body>
</html>`;
}
