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

  it('has a service listen on 127.0.0.1 unless HOST names another IP address', () => {
    expect(loadConfig(ExampleConfig, validEnv).HOST).toBe('127.0.0.1');
    expect(loadConfig(ExampleConfig, { ...validEnv, HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(loadConfig(ExampleConfig, { ...validEnv, HOST: '::1' }).HOST).toBe('::1');
  });

  it.each(['buildbox', 'localhost', '', '127.0.0.256'])('refuses HOST %p at boot', (host) => {
    expect(() => loadConfig(ExampleConfig, { ...validEnv, HOST: host })).toThrow(/HOST: got/);
  });
});
