import 'reflect-metadata';
import { loadConfig } from '@stapsteen/config';
import { runService } from '@stapsteen/service-kit';
import { AppModule, FLOW_THROUGH_SERVICE } from './app.module';
import { FlowThroughConfig } from './config/flow-through.config';

async function main(): Promise<void> {
  const config = loadConfig(FlowThroughConfig);
  await runService(AppModule.register(config), { ...FLOW_THROUGH_SERVICE, config });
}

main().catch((error: unknown) => {
  // Before the logger exists (e.g. invalid configuration) stderr is the only place to say why.
  process.stderr.write(`flow-through failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
