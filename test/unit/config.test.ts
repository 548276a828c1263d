import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skillscreen-config-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('loadConfig', () => {
  it('has a working default for every setting', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.port).toBe(3000);
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.secureCookies).toBe(false);
    expect(config.sessionIdleMs).toBe(8 * 3_600_000);
    expect(config.sessionMaxAgeMs).toBe(7 * 86_400_000);
    expect(config.databaseFile).toBe(path.join(dataDir, 'skillscreen.sqlite'));
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('generates a session secret once and keeps it across restarts', () => {
    const first = loadConfig({ DATA_DIR: dataDir }).sessionSecret;
    const second = loadConfig({ DATA_DIR: dataDir }).sessionSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(second).toBe(first);
    expect(fs.statSync(path.join(dataDir, 'session-secret')).mode & 0o777).toBe(0o600);
  });

  it('creates a missing data folder', () => {
    const nested = path.join(dataDir, 'a', 'b');
    loadConfig({ DATA_DIR: nested });
    expect(fs.existsSync(nested)).toBe(true);
  });

  it('uses secure cookies when the base URL is https, without a trailing slash', () => {
    const config = loadConfig({ DATA_DIR: dataDir, BASE_URL: 'https://skills.example.test/' });
    expect(config.secureCookies).toBe(true);
    expect(config.baseUrl).toBe('https://skills.example.test');
  });

  it.each([
    ['TRUST_PROXY', 'true', true],
    ['TRUST_PROXY', '2', 2],
    ['TRUST_PROXY', 'loopback, 10.0.0.0/8', 'loopback, 10.0.0.0/8'],
  ])('reads %s=%s', (key, value, expected) => {
    expect(loadConfig({ DATA_DIR: dataDir, [key]: value }).trustProxy).toEqual(expected);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['BASE_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['SESSION_SECRET', 'short'],
    ['SESSION_IDLE_MINUTES', '0'],
  ])('refuses %s=%s with a message naming it', (key, value) => {
    expect(() => loadConfig({ DATA_DIR: dataDir, [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir, [key]: value })).toThrow(new RegExp(`${key}:`));
  });
});
