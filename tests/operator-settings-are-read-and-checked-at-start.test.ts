import { MongoClient } from 'mongodb';
import { ConfigError, readConfig, withUriOptions } from '../src/config';

describe('operator settings', () => {
  it('default to info-level JSON logs off a terminal, readable ones on a terminal or in development', () => {
    expect(readConfig({}, false)).toMatchObject({ logLevel: 'info', logFormat: 'json', slowRequestMs: 1000, shutdownGraceMs: 10_000 });
    expect(readConfig({}, true).logFormat).toBe('pretty');
    expect(readConfig({ NODE_ENV: 'development' }, false).logFormat).toBe('pretty');
    expect(readConfig({ LOG_FORMAT: 'json', LOG_LEVEL: 'debug', SLOW_REQUEST_MS: '250', SHUTDOWN_GRACE_MS: '0' }, true)).toMatchObject({
      logFormat: 'json',
      logLevel: 'debug',
      slowRequestMs: 250,
      shutdownGraceMs: 0,
    });
  });

  it.each([
    ['LOG_LEVEL', 'loud', 'one of fatal, error, warn, info, debug, trace, silent'],
    ['LOG_FORMAT', 'xml', 'one of json, pretty'],
    ['SLOW_REQUEST_MS', '-1', 'an integer from 1 to 3600000'],
    ['SHUTDOWN_GRACE_MS', 'soon', 'an integer from 0 to 3600000'],
    ['MONGODB_READ_PREFERENCE', 'fastest', 'one of primary, primaryPreferred, secondary, secondaryPreferred, nearest'],
    ['MONGODB_WRITE_CONCERN', 'all', 'majority or a number of members'],
    ['MONGODB_MAX_POOL_SIZE', '0', 'an integer from 1 to 10000'],
  ])('refuse %s=%s, naming the variable and what it takes', (variable, value, expected) => {
    const env = { MONGODB_URI: 'mongodb://127.0.0.1:27017/attribution', [variable]: value };
    expect(() => readConfig(env, false)).toThrow(ConfigError);
    expect(() => readConfig(env, false)).toThrow(`Invalid ${variable}: expected ${expected}, received "${value}"`);
  });

  it('pass read preference, write concern and pool size to the MongoDB driver through the connection string', () => {
    const { mongodbUri } = readConfig(
      { MONGODB_URI: 'mongodb://a:27017,b:27017,c:27017/attribution?replicaSet=rs0&w=1', MONGODB_READ_PREFERENCE: 'secondaryPreferred', MONGODB_WRITE_CONCERN: 'majority', MONGODB_MAX_POOL_SIZE: '20' },
      false,
    );
    expect(mongodbUri).toBe('mongodb://a:27017,b:27017,c:27017/attribution?replicaSet=rs0&readPreference=secondaryPreferred&w=majority&maxPoolSize=20');
    // The driver parses them without connecting.
    const client = new MongoClient(mongodbUri as string);
    expect(client.options.readPreference.mode).toBe('secondaryPreferred');
    expect(client.options.writeConcern?.w).toBe('majority');
    expect(client.options.maxPoolSize).toBe(20);
    expect(client.options.replicaSet).toBe('rs0');
  });

  it('leave a connection string alone when no option is set, and add a path before options when it has none', () => {
    expect(readConfig({ MONGODB_URI: 'mongodb://127.0.0.1:27017' }, false).mongodbUri).toBe('mongodb://127.0.0.1:27017');
    expect(withUriOptions('mongodb://127.0.0.1:27017', { w: '2' })).toBe('mongodb://127.0.0.1:27017/?w=2');
  });
});
