import { ConfigurationError, loadConfig } from '@stapsteen/config';
import { HoursConfig } from './hours.config';

const validEnv = {
  PORT: '3002',
  MONGODB_URI: 'mongodb://127.0.0.1:27017/',
  MONGODB_DB: 'stapsteen-hours',
  KAFKA_BROKERS: '127.0.0.1:9092',
  AUTH_JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nMCow\\n-----END PUBLIC KEY-----',
};

describe('the hours service’s daily maximum', () => {
  it('is 12 hours (720 minutes) unless configured', () => {
    expect(loadConfig(HoursConfig, validEnv).HOURS_DAILY_MAX_MINUTES).toBe(720);
  });

  it('takes a configured number of minutes up to a whole day', () => {
    expect(loadConfig(HoursConfig, { ...validEnv, HOURS_DAILY_MAX_MINUTES: '480' }).HOURS_DAILY_MAX_MINUTES).toBe(480);
    expect(loadConfig(HoursConfig, { ...validEnv, HOURS_DAILY_MAX_MINUTES: '1440' }).HOURS_DAILY_MAX_MINUTES).toBe(
      1440,
    );
  });

  it.each(['1441', '0', '59', '7.5', 'twelve'])('refuses %s at start-up, naming the variable', (value) => {
    const attempt = () => loadConfig(HoursConfig, { ...validEnv, HOURS_DAILY_MAX_MINUTES: value });
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(/HOURS_DAILY_MAX_MINUTES/);
  });
});
