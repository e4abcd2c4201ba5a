import 'reflect-metadata';
import { loadConfig } from '@stapsteen/config';
import { createGatewayApp } from './app.module';
import { GatewayConfig } from './config/gateway.config';

async function main(): Promise<void> {
  const config = loadConfig(GatewayConfig);
  const app = await createGatewayApp(config);
  await app.listen(config.PORT, config.HOST);
}

main().catch((error: unknown) => {
  // Before the logger exists (e.g. invalid configuration) stderr is the only place to say why.
  process.stderr.write(`gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
