import { installStopSignals, onStopSignal } from '../../src/cli/signals.js';

describe('installStopSignals / onStopSignal', () => {
  const added = new Map<string, ((...args: unknown[]) => void)[]>();
  let exit: jest.SpyInstance;

  beforeAll(() => {
    const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
    installStopSignals();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      added.set(signal, process.listeners(signal).filter((l) => !before[signal].includes(l)) as ((...args: unknown[]) => void)[]);
    }
  });
  beforeEach(() => {
    exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  });
  afterEach(() => exit.mockRestore());
  afterAll(() => {
    // Leave the test worker's own signal handling as it was.
    for (const [signal, listeners] of added) for (const l of listeners) process.off(signal, l);
  });

  it('installs one handler per signal, once however often it is called', () => {
    installStopSignals();
    expect(added.get('SIGINT')).toHaveLength(1);
    expect(added.get('SIGTERM')).toHaveLength(1);
  });

  it('exits at once with 143 on SIGTERM when nothing listens (start-up, subcommands)', () => {
    process.emit('SIGTERM');
    expect(exit).toHaveBeenCalledWith(143);
  });

  it('hands the first SIGINT to the listener, exits 130 on the second, and tells late listeners at once', async () => {
    const seen: string[] = [];
    const remove = onStopSignal((signal) => seen.push(signal));
    process.emit('SIGINT');
    expect(seen).toEqual(['SIGINT']);
    expect(exit).not.toHaveBeenCalled();
    process.emit('SIGINT');
    expect(exit).toHaveBeenCalledWith(130);
    remove();

    const late: string[] = [];
    onStopSignal((signal) => late.push(signal));
    await Promise.resolve();
    expect(late).toEqual(['SIGINT']);
  });
});
