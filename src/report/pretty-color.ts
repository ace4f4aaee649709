/**
 * Whether human output is coloured: the `--color` choice, the terminal, and the NO_COLOR / FORCE_COLOR conventions.
 */

/** The `--color` choice. */
export type ColorMode = 'auto' | 'always' | 'never';

/**
 * Decides whether to colour output.
 * - `always` / `never` win over everything: an explicit flag is the user's latest word (as the NO_COLOR text asks).
 * - `auto`: FORCE_COLOR set to anything but "0" or "false" turns colour on, "0"/"false" off (it is checked first, as
 *   Node does); else NO_COLOR set and non-empty turns it off; else colour when the output is a terminal that is not
 *   TERM=dumb.
 * @param isTTY - whether the output stream is a terminal (`process.stdout.isTTY`).
 * @param env - the environment to consult (`process.env`).
 */
export function resolveColor(mode: ColorMode, isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) {
    const value = force.trim().toLowerCase();
    return value !== '0' && value !== 'false';
  }
  const noColor = env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return isTTY && env['TERM'] !== 'dumb';
}
