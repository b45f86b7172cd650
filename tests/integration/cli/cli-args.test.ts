// The command-line parser and registry: exact option names, `--name=value`, switches, `--`,
// repeated options, and replacing a placeholder command with a real one.
import { describe, expect, it } from 'vitest';
import { getCommand, parseArgs, registerCommand, runCli, UsageError, wantsHelp, type CommandSpec } from '../../../server/cli/index.ts';

const SPEC: CommandSpec = {
  name: 'probe',
  summary: 'test command',
  positionals: [
    { name: 'dir', description: 'a directory', required: true },
    { name: 'extra', description: 'optional', required: false },
  ],
  options: [
    { name: 'out', type: 'string', placeholder: 'file', description: 'output' },
    { name: 'no-trainer', type: 'boolean', description: 'a switch' },
    { name: 'role', type: 'string', description: 'required', required: true },
  ],
  run: () => 0,
};

describe('argument parser', () => {
  it('reads positionals, --name value, --name=value and switches', () => {
    expect(parseArgs(SPEC, ['d', '--out', 'x.csv', '--role=owner', '--no-trainer'])).toEqual({
      positionals: { dir: 'd', extra: undefined },
      options: { out: 'x.csv', role: 'owner' },
      flags: { 'no-trainer': true },
    });
    expect(parseArgs(SPEC, ['--role', 'a', '--', '--weird-dir', 'e']).positionals).toEqual({ dir: '--weird-dir', extra: 'e' });
    expect(parseArgs(SPEC, ['d', '--role', 'a', '--out=']).options['out']).toBe('');
  });

  it('refuses prefixes, repeats, values on switches, stray arguments and missing requirements', () => {
    const bad: Array<[string[], RegExp]> = [
      [['d', '--role', 'a', '--ou', 'x'], /unknown option --ou/],
      [['d', '--role', 'a', '-o', 'x'], /unknown option -o/],
      [['d', '--role', 'a', '--role', 'b'], /--role is given twice/],
      [['d', '--role', 'a', '--no-trainer=yes'], /--no-trainer takes no value/],
      [['d', '--role'], /--role needs a value/],
      [['d', '--role', '--out', 'x'], /--role needs a value/],
      [['d', 'e', 'f', '--role', 'a'], /unexpected argument "f"/],
      [['--role', 'a'], /needs <dir>/],
      [['d'], /needs --role <value>|needs --role/],
    ];
    for (const [argv, message] of bad) {
      expect(() => parseArgs(SPEC, argv), argv.join(' ')).toThrow(UsageError);
      expect(() => parseArgs(SPEC, argv), argv.join(' ')).toThrow(message);
    }
  });

  it('sees --help before -- only', () => {
    expect(wantsHelp(['d', '-h'])).toBe(true);
    expect(wantsHelp(['d', '--', '--help'])).toBe(false);
  });

  it('lets a module replace a placeholder command', async () => {
    const placeholder = getCommand('token');
    expect(placeholder).toBeDefined();
    let seen = '';
    registerCommand({ ...(placeholder as CommandSpec), run: ({ options }) => void (seen = `${options['role']}:${options['name']}`) });
    try {
      const code = await runCli(['token', 'dir', '--role', 'viewer', '--name', 'ann'], { stdout: () => {}, stderr: () => {}, cwd: '/', env: {} });
      expect(code).toBe(0);
      expect(seen).toBe('viewer:ann');
    } finally {
      registerCommand(placeholder as CommandSpec);
    }
  });
});
