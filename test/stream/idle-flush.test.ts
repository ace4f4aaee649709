import { IdleFlush } from '../../src/stream/idle-flush.js';

describe('IdleFlush', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('lets a held record go after the idle time', () => {
    const onIdle = jest.fn();
    new IdleFlush(100, onIdle).arm(true);
    jest.advanceTimersByTime(99);
    expect(onIdle).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  test('does nothing when no record is held, or when the idle time is Infinity', () => {
    const onIdle = jest.fn();
    new IdleFlush(100, onIdle).arm(false);
    new IdleFlush(Number.POSITIVE_INFINITY, onIdle).arm(true);
    jest.advanceTimersByTime(10_000);
    expect(onIdle).not.toHaveBeenCalled();
  });

  test('clear cancels a pending flush (the next chunk arrived in time)', () => {
    const onIdle = jest.fn();
    const idle = new IdleFlush(100, onIdle);
    idle.arm(true);
    jest.advanceTimersByTime(50);
    idle.clear();
    jest.advanceTimersByTime(1_000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
