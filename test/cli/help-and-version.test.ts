import { readFileSync } from 'node:fs';
import path from 'node:path';
import { scanOptions } from '../../src/cli/options.js';
import { REPO_ROOT, runErrlens } from './helpers/spawn-errlens.js';

describe('--help and --version', () => {
  it('lists every scan option with its default, and examples', async () => {
    const run = await runErrlens(['--help']);
    expect(run.status).toBe(0);
    // yargs wraps long lines; join them so each option's text can be searched whole.
    const help = run.stdout.replace(/\s+/g, ' ');
    for (const [name, spec] of Object.entries(scanOptions())) {
      expect(help).toContain(`--${name}`);
      expect(help).toContain(`[default: ${spec.defaultDescription}]`);
    }
    expect(help).toContain('Examples:');
    expect(help).toContain('errlens -f /data/log/app.log');
    expect(help).toContain('Exit status: 0 when something was found, 1 when nothing was, 2 on an error');
  });

  it('lists the subcommands', async () => {
    const help = (await runErrlens(['--help'])).stdout;
    for (const command of ['errlens catalog', 'errlens explain <query..>', 'errlens merge <files..>']) expect(help).toContain(command);
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const run = await runErrlens([flag]);
      expect(run.stdout).toBe(`${version}\n`);
      expect(run.status).toBe(0);
    }
  });
});
