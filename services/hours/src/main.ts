import 'reflect-metadata';
import { loadConfig } from '@stapsteen/config';
import { runService } from '@stapsteen/service-kit';
import { AppModule, HOURS_SERVICE } from './app.module';
import { HoursConfig } from './config/hours.config';

async function main(): Promise<void> {
  const config = loadConfig(HoursConfig);
  await runService(AppModule.register(config), { ...HOURS_SERVICE, config });
}

main().catch((error: unknown) => {
  // Before the logger exists (e.g. invalid configuration) stderr is the only place to say why.
  process.stderr.write(`hours failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
