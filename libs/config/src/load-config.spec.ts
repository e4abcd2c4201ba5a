import { IsInt, Max, Min } from 'class-validator';
import { CommonServiceConfig } from './common-service.config';
import { ConfigurationError, loadConfig } from './load-config';

class ExampleConfig extends CommonServiceConfig {
  @IsInt()
  @Min(1)
  @Max(744)
  HOURS_MONTHLY_CAP: number = 60;
}

const validEnv = {
  PORT: '3002',
  MONGODB_URI: 'mongodb://127.0.0.1:27017/',
  MONGODB_DB: 'stapsteen-hours',
  KAFKA_BROKERS: '127.0.0.1:9092',
  AUTH_JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nMCow\\n-----END PUBLIC KEY-----',
};

describe('loadConfig', () => {
  it('converts numbers and fills in the defaults of a valid environment', () => {
    const config = loadConfig(ExampleConfig, validEnv);
    expect(config.PORT).toBe(3002);
    expect(config.HOURS_MONTHLY_CAP).toBe(60);
    expect(config.AUTH_JWT_ISSUER).toBe('stapsteen-gateway');
  });

  it('turns escaped newlines in the public key into real ones', () => {
    expect(loadConfig(ExampleConfig, validEnv).AUTH_JWT_PUBLIC_KEY).toContain('KEY-----\nMCow\n');
  });

  it('names every missing or wrong variable in one message', () => {
    const env = { ...validEnv, PORT: 'eighty', KAFKA_BROKERS: undefined, HOURS_MONTHLY_CAP: '900' };
    const attempt = () => loadConfig(ExampleConfig, env);
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(/PORT: got "NaN"|PORT: got "eighty"/);
    expect(attempt).toThrow(/KAFKA_BROKERS: missing/);
    expect(attempt).toThrow(/HOURS_MONTHLY_CAP: got "900"/);
  });
});
