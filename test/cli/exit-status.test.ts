import { exitStatus } from '../../src/cli/exit-status.js';

const base = { outputClosed: false, errors: 0, found: 0, exitZero: false };

describe('exitStatus', () => {
  it('is 0 with a hit, 1 without', () => {
    expect(exitStatus({ ...base, found: 3 })).toBe(0);
    expect(exitStatus(base)).toBe(1);
  });

  it('is 2 on any error, even with hits and --exit-zero', () => {
    expect(exitStatus({ ...base, errors: 1, found: 3, exitZero: true })).toBe(2);
  });

  it('turns "nothing found" into 0 with --exit-zero', () => {
    expect(exitStatus({ ...base, exitZero: true })).toBe(0);
  });

  it('makes --quiet\'s first hit a success even after an error, as grep -q does', () => {
    expect(exitStatus({ ...base, errors: 1, found: 1, quietHit: true })).toBe(0);
  });

  it('treats a closed output pipe as success', () => {
    expect(exitStatus({ ...base, outputClosed: true })).toBe(0);
  });

  it('lets a signal win over everything: 130 for SIGINT, 143 for SIGTERM', () => {
    expect(exitStatus({ ...base, signal: 'SIGINT', found: 2 })).toBe(130);
    expect(exitStatus({ ...base, signal: 'SIGTERM', errors: 1 })).toBe(143);
  });
});
