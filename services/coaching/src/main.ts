import 'reflect-metadata';
import { loadConfig } from '@stapsteen/config';
import { runService } from '@stapsteen/service-kit';
import { AppModule, COACHING_SERVICE } from './app.module';
import { CoachingConfig } from './config/coaching.config';

async function main(): Promise<void> {
  const config = loadConfig(CoachingConfig);
  await runService(AppModule.register(config), { ...COACHING_SERVICE, config });
}

main().catch((error: unknown) => {
  // Before the logger exists (e.g. invalid configuration) stderr is the only place to say why.
  process.stderr.write(`coaching failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
