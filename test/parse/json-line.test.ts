import fc from 'fast-check';
import { createParseContext, MAX_JSON_DEPTH, parseLine } from '../../src/parse/index.js';

const ctx = createParseContext({ year: 2026, tz: 'UTC' });

function nestedObject(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

describe('JSON lines', () => {
  it('prefers msg, then message, then the raw line', () => {
    expect(parseLine('{"msg":"m","message":"n"}', ctx).message).toBe('m');
    expect(parseLine('{"message":"n"}', ctx).message).toBe('n');
    expect(parseLine('{"msg":42,"code":2302001}', ctx).message).toBe('{"msg":42,"code":2302001}');
  });

  it('reads epoch seconds, milliseconds, microseconds and nanoseconds by magnitude', () => {
    expect(parseLine('{"ts":1713517334.735,"msg":"x"}', ctx).time).toBe(1713517334735);
    expect(parseLine('{"time":1713517334735,"msg":"x"}', ctx).time).toBe(1713517334735);
    expect(parseLine('{"time":1713517334735123,"msg":"x"}', ctx).time).toBe(1713517334735);
    expect(parseLine('{"ts":1713517334735123456,"msg":"x"}', ctx).time).toBe(1713517334735);
  });

  it('keeps an epoch time as written, as timeText', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 1, max: 2 ** 40 }), fc.maxSafeInteger(), fc.double({ min: 1, max: 1e20, noNaN: true })), (time) => {
        fc.pre(time > 0);
        expect(parseLine(`{"time":${JSON.stringify(time)},"msg":"x"}`, ctx).timeText).toBe(String(time));
      }),
    );
    expect(parseLine('{"time":1713517334735,"msg":"x"}', ctx).timeText).toBe('1713517334735');
    expect(parseLine('{"time":1000000000000,"msg":"x"}', ctx).timeText).toBe('1000000000000');
  });

  it('completes an ISO time without a zone from the context, and says so', () => {
    const parsed = parseLine('{"timestamp":"2026-11-21 10:15:32.5","msg":"x"}', createParseContext({ year: 2026, tz: '+02:00' }));
    expect(parsed.time).toBe(Date.UTC(2026, 10, 21, 8, 15, 32, 500));
    expect(parsed.timeAssumption).toBe('zone +02:00 (--tz)');
  });

  it('keeps a level it cannot number as written, without levelNumber', () => {
    const parsed = parseLine('{"level":"loud","msg":"x"}', ctx);
    expect(parsed.level).toBe('loud');
    expect(parsed).not.toHaveProperty('levelNumber');
  });

  it('numbers numeric-string levels and syslog-style words', () => {
    expect(parseLine('{"level":"40","msg":"x"}', ctx).levelNumber).toBe(40);
    expect(parseLine('{"severity":"critical","msg":"x"}', ctx).levelNumber).toBe(60);
  });

  it('ignores a time it cannot read instead of failing the line', () => {
    const parsed = parseLine('{"time":"yesterday","msg":"x"}', ctx);
    expect(parsed.format).toBe('json');
    expect(parsed).not.toHaveProperty('time');
  });

  it(`keeps objects up to ${MAX_JSON_DEPTH} deep in json`, () => {
    const parsed = parseLine(nestedObject(MAX_JSON_DEPTH), ctx);
    expect(parsed.format).toBe('json');
    expect(parsed.json).toBeDefined();
  });

  it('parses a line nested 100,000 deep without overflowing, and leaves it out of json', () => {
    const line = nestedObject(100_000);
    const parsed = parseLine(line, ctx);
    expect(parsed.format).toBe('json');
    expect(parsed).not.toHaveProperty('json');
    expect(parsed.message).toBe(line);
    // What goes out must stay serialisable: JSON.stringify recurses.
    expect(() => JSON.stringify(parsed)).not.toThrow();
  });

  it('ignores braces inside strings when measuring depth', () => {
    const line = `{"msg":"${'{'.repeat(5000)}"}`;
    expect(parseLine(line, ctx).json).toEqual({ msg: '{'.repeat(5000) });
  });
});
