import { describe, expect, it } from 'vitest';
import { ConfigError, configMarkdownTable, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has safe defaults', () => {
    const config = loadConfig({}, {});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', env: 'production', isDevelopment: false, bodyLimitBytes: 1_048_576, trustProxy: false });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/data$/);
  });

  it('reads the environment, overrides win', () => {
    const config = loadConfig({ PORT: '8080' }, { PORT: '9000', HOST: '0.0.0.0', ADI_TRUST_PROXY: 'true', DATABASE_URL: 'postgres://u:p@db:5432/adi' });
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', trustProxy: true, databaseUrl: 'postgres://u:p@db:5432/adi' });
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({}, { PORT: 'abc', DATABASE_URL: 'mysql://x', ADI_AUDIT_KEY: 'short', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    for (const name of ['PORT', 'DATABASE_URL', 'ADI_AUDIT_KEY', 'LOG_LEVEL']) expect(String((error as Error).message)).toContain(name);
  });

  it('documents every variable', () => {
    const table = configMarkdownTable();
    expect(table).toContain('| `ADI_DATA_DIR` | `./data` |');
    expect(table.split('\n').length).toBeGreaterThan(10);
  });
});
