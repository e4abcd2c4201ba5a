import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App, fetchMe } from './App';
import './i18n';
import { followServerClock } from './lib/clock';
import { preloadScreenFor } from './lib/screen-chunks';
import { prefetchInbox } from './screens/Alerts';
import './styles.css';

const client = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

// Everything the first screen needs leaves now, in parallel with the clock below, not one after
// another once the app has rendered: who is signed in, the screen's code, and the inbox's data.
void client.prefetchQuery({ queryKey: ['me'], queryFn: fetchMe });
preloadScreenFor(window.location.pathname);
if (window.location.pathname === '/manager/alerts') prefetchInbox(client, window.location.search);

// The first screen already opens on the services' month; a slow answer delays it by at most a second.
void Promise.race([followServerClock(), new Promise((resolve) => setTimeout(resolve, 1000))]).then(() =>
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <QueryClientProvider client={client}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  ),
);
